import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { certificateId, examResultId, newId } from '../../domain/ids';
import { defaultPolicy } from '../../domain/policy';
import { nextAttempt } from '../../domain/rules/training';
import type { Course, Question } from '../../domain/schemas/course';
import type { Exam } from '../../domain/schemas/training';
import { openDatabase, type AppDatabase } from '../../db/database';
import { insertDoc, upsertDoc } from '../../db/write';
import { markAttempt, saveAnswer, saveTrainerScore, setAttendance, startAttempt, submitAttempt } from './writes';

let db: AppDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const tabletA = { userId: 'user-trainer', deviceId: 'tablet-a' };
const tabletB = { userId: 'user-trainer', deviceId: 'tablet-b' };
const stamp = { updatedAt: '2026-03-02T00:00:00.000Z', updatedBy: 'seed', deviceId: 'seed' };
const course: Course = { id: 'course-safety', siteId: '*', ...stamp, kind: 'course', name: '安全三级教育', category: 'safety', requiredForPostKinds: [], active: true };
const exam = (mode: Exam['mode'], extra: Partial<Exam> = {}): Exam => ({
  id: `exam-${mode}`,
  siteId: 'site-hall-1',
  ...stamp,
  kind: 'exam',
  courseId: course.id,
  title: '考试',
  day: '2026-03-02',
  trainerId: 'user-trainer',
  mode,
  questionIds: [],
  maxScore: 100,
  passMark: 80,
  attemptLimit: 3,
  status: 'open',
  ...extra,
});
const staff = (n: number) => ({ id: `staff-${n}`, siteId: 'site-hall-1', staffNo: `YG0000${n}` });
const ctx = (n: number) => ({ course, staff: staff(n), policy: defaultPolicy });

async function open(): Promise<AppDatabase> {
  db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
  return db;
}
const plain = async (d: AppDatabase, kind: 'exam-result' | 'certificate') => (await d.results.find({ selector: { kind } }).exec()).map((x) => x.toJSON() as unknown as Record<string, unknown>);

describe('score grid writes', () => {
  it('a pass issues a certificate; a correction to a fail revokes it; nothing is duplicated', async () => {
    const d = await open();
    const e = exam('trainer-scored');
    const score = (value: number) => saveTrainerScore(d, tabletA, { ...ctx(1), exam: e, attempt: 1, score: value, day: e.day, submittedAt: '2026-03-02T03:00:00.000Z' });
    await score(92);
    let certs = await plain(d, 'certificate');
    expect(certs).toEqual([expect.objectContaining({ id: certificateId(course.id, 'staff-1', '2026-03-02'), revoked: false, expiresOn: '2027-03-01', examResultId: examResultId(e.id, 'staff-1', 1) })]);
    await score(60);
    certs = await plain(d, 'certificate');
    expect(certs).toEqual([expect.objectContaining({ revoked: true })]);
    const results = await plain(d, 'exam-result');
    expect(results).toEqual([expect.objectContaining({ id: examResultId(e.id, 'staff-1', 1), finalScore: 60, passed: false, status: 'final' })]);
  });

  it('two tablets scoring different trainees write different documents; a retake is a new attempt beside the old one', async () => {
    const d = await open();
    const e = exam('trainer-scored');
    const base = { exam: e, day: e.day, submittedAt: '2026-03-02T03:00:00.000Z' };
    await Promise.all([
      saveTrainerScore(d, tabletA, { ...ctx(1), ...base, attempt: 1, score: 70 }),
      saveTrainerScore(d, tabletB, { ...ctx(2), ...base, attempt: 1, score: 88 }),
    ]);
    const attempts = (await plain(d, 'exam-result')).filter((r) => r.staffId === 'staff-1');
    const next = nextAttempt(attempts as never, e.attemptLimit);
    expect(next).toEqual({ allowed: true, attempt: 2 });
    await saveTrainerScore(d, tabletA, { ...ctx(1), ...base, attempt: 2, score: 85 });
    const all = await plain(d, 'exam-result');
    expect(all.map((r) => [r.staffId, r.attempt, r.finalScore, r.deviceId]).sort()).toEqual([
      ['staff-1', 1, 70, 'tablet-a'],
      ['staff-1', 2, 85, 'tablet-a'],
      ['staff-2', 1, 88, 'tablet-b'],
    ]);
    expect((await plain(d, 'certificate')).map((c) => c.staffId).sort()).toEqual(['staff-1', 'staff-2']);
  });
});

describe('attendance taps', () => {
  it('twenty quick taps in a row are all kept, and the session counts as held', async () => {
    const d = await open();
    await insertDoc(
      d,
      'training',
      {
        id: 'session-1',
        siteId: 'site-hall-1',
        kind: 'session',
        courseId: course.id,
        trainerId: 'user-trainer',
        day: '2026-03-02',
        start: '09:00',
        end: '11:00',
        attendees: Array.from({ length: 20 }, (_, i) => ({ staffId: `staff-${i}`, status: 'expected' as const })),
        status: 'planned',
      },
      tabletA,
    );
    await Promise.all(Array.from({ length: 20 }, (_, i) => setAttendance(d, tabletA, 'session-1', `staff-${i}`, i === 3 ? 'late' : 'present')));
    const session = (await d.training.findOne('session-1').exec())!.toJSON();
    expect(session.status).toBe('held');
    expect(session.kind === 'session' && session.attendees.filter((a) => a.status === 'present')).toHaveLength(19);
    expect(session.kind === 'session' && session.attendees.find((a) => a.staffId === 'staff-3')?.status).toBe('late');
  });
});

describe('an exam taken on the tablet', () => {
  const questions: Question[] = [
    { id: 'q1', type: 'single', prompt: '1', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], answer: ['b'], points: 50 },
    { id: 'q2', type: 'true-false', prompt: '2', options: [], answer: ['true'], points: 25 },
    { id: 'q3', type: 'short-answer', prompt: '3', options: [], answer: [], points: 25 },
  ];

  it('answers are kept as they are given, submission auto-scores, marking makes it final and issues the certificate', async () => {
    const d = await open();
    const e = exam('question-bank', { questionBankId: 'bank-1' });
    await upsertDoc(d, 'catalog', { ...course }, tabletA);
    const attempt = await startAttempt(d, tabletA, { exam: e, staff: staff(1), attempt: 1, day: e.day });
    expect(attempt.status).toBe('in-progress');
    await Promise.all([
      saveAnswer(d, tabletA, attempt.id, { questionId: 'q1', selected: ['b'] }),
      saveAnswer(d, tabletA, attempt.id, { questionId: 'q2', selected: ['true'] }),
      saveAnswer(d, tabletA, attempt.id, { questionId: 'q3', selected: [], text: '首问负责' }),
    ]);
    // Resuming returns the same attempt with its answers.
    expect((await startAttempt(d, tabletA, { exam: e, staff: staff(1), attempt: 1, day: e.day })).answers).toHaveLength(3);

    const scoring = { ...ctx(1), exam: e, questions };
    const submitted = await submitAttempt(d, tabletA, attempt.id, { ...scoring, submittedAt: '2026-03-02T03:00:00.000Z' });
    expect(submitted).toMatchObject({ status: 'pending-marking', autoScore: 75 });
    expect(await plain(d, 'certificate')).toEqual([]);
    await expect(saveAnswer(d, tabletA, attempt.id, { questionId: 'q1', selected: ['a'] })).rejects.toThrow();

    const marked = await markAttempt(d, tabletB, attempt.id, { q3: 20 }, scoring);
    expect(marked).toMatchObject({ status: 'final', finalScore: 95, passed: true, markedBy: 'user-trainer' });
    expect(await plain(d, 'certificate')).toEqual([expect.objectContaining({ staffId: 'staff-1', revoked: false })]);
  });
});
