import { describe, expect, it } from 'vitest';
import { applyEdits, editableFields, fieldsNamedIn } from './editable';

const doc = {
  id: 'e1',
  kind: 'check-in',
  siteId: 'site-hotline-1',
  staffId: 's1',
  score: 80,
  updatedAt: '2025-03-01T00:00:00.000Z',
  updatedBy: 'u',
  deviceId: 'd',
  receivedAt: '2025-03-01T00:00:01.000Z',
  _rev: '1-x',
  tags: ['a'],
  nested: { a: 1 },
  flag: true,
};

describe('editableFields', () => {
  it('offers the top-level text and number fields, never identity, kind or stamps', () => {
    expect(editableFields(doc)).toEqual([
      { name: 'siteId', type: 'string', value: 'site-hotline-1' },
      { name: 'staffId', type: 'string', value: 's1' },
      { name: 'score', type: 'number', value: '80' },
    ]);
  });
});

describe('applyEdits', () => {
  it('puts values back in their types and keeps everything else', () => {
    const out = applyEdits(doc, { siteId: 'site-hall-1', score: ' 92.5 ', id: 'hacked', kind: 'x' });
    expect(out).toEqual({ ...doc, siteId: 'site-hall-1', score: 92.5 });
  });
  it.each([
    ['abc', 'abc'],
    ['', ''],
    ['1e400', '1e400'],
  ])('a number field reading %j stays text for validation to name', (typed, kept) => {
    expect(applyEdits(doc, { score: typed }).score).toBe(kept);
  });
});

describe('fieldsNamedIn', () => {
  it('finds the top-level fields a validation reason names', () => {
    expect(
      fieldsNamedIn('Invalid attendance document "e1": field "deviceTime": Invalid ISO datetime; field "answers[0].points": too big.'),
    ).toEqual(['deviceTime', 'answers']);
    expect(fieldsNamedIn('Site x is outside your scope.')).toEqual([]);
  });
});
