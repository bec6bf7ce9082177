import { describe, expect, it } from 'vitest';
import { summarizeDoc } from './summary';

const names = new Map([['s1', '王芳']]);
const staffName = (id: string) => names.get(id);

describe('summarizeDoc', () => {
  it.each([
    { label: 'a check-in names the person', doc: { id: 'e1', kind: 'check-in', staffId: 's1' }, out: { kind: 'check-in', subject: '王芳' } },
    { label: 'an unknown person falls back to the id', doc: { id: 'e1', kind: 'check-out', staffId: 's9' }, out: { kind: 'check-out', subject: 's9' } },
    { label: 'a roster slot with its day', doc: { id: 'r', kind: 'slot', staffId: 's1', day: '2025-03-03' }, out: { kind: 'slot', subject: '王芳', period: '2025-03-03' } },
    { label: 'a staff record by name', doc: { id: 'st', name: '张伟' }, out: { subject: '张伟' } },
    { label: 'an exam by title', doc: { id: 'x', kind: 'exam', title: '岗前培训考试', day: '2025-03-05' }, out: { kind: 'exam', subject: '岗前培训考试', period: '2025-03-05' } },
    { label: 'leave from its first day', doc: { id: 'l', staffId: 's1', startDay: '2025-03-10' }, out: { subject: '王芳', period: '2025-03-10' } },
    { label: 'a review by month', doc: { id: 'v', staffId: 's1', month: '2025-02' }, out: { subject: '王芳', period: '2025-02' } },
    { label: 'nothing else: the id', doc: { id: 'only-id' }, out: { subject: 'only-id' } },
  ])('$label', ({ doc, out }) => {
    expect(summarizeDoc(doc, staffName)).toEqual(out);
  });
});
