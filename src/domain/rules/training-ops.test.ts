import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateId, examResultId } from '../ids';
import { defaultPolicy, policySchema } from '../policy';
import type { Question } from '../schemas/course';
import {
  attemptsOf,
  certificateAction,
  certificateNumber,
  drawQuestions,
  effectiveRequiredCourses,
  examQuestions,
  parseScoreInput,
  scoreAttempt,
  trainingDaysOf,
} from './training-ops';

describe('parseScoreInput: validation as the trainer types a score', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['85', { kind: 'score', score: 85 }],
    [' 100 ', { kind: 'score', score: 100 }],
    ['0', { kind: 'score', score: 0 }],
    ['87.5', { kind: 'score', score: 87.5 }],
    ['87.', { kind: 'score', score: 87 }],
    ['８５', { kind: 'score', score: 85 }],
    ['７９．５', { kind: 'score', score: 79.5 }],
    ['101', { kind: 'invalid', reason: 'out-of-range' }],
    ['-5', { kind: 'invalid', reason: 'not-a-number' }],
    ['abc', { kind: 'invalid', reason: 'not-a-number' }],
    ['8 5', { kind: 'invalid', reason: 'not-a-number' }],
    ['87.55', { kind: 'invalid', reason: 'too-precise' }],
  ])('%j → %j (max 100)', (text, expected) => {
    expect(parseScoreInput(text, 100)).toEqual(expected);
  });

  it('the range follows the exam maximum', () => {
    expect(parseScoreInput('150', 200)).toEqual({ kind: 'score', score: 150 });
    expect(parseScoreInput('11', 10)).toEqual({ kind: 'invalid', reason: 'out-of-range' });
  });

  it('any whole number from 0 to the maximum is accepted as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(1000), (max, n) => {
        const parsed = parseScoreInput(String(n), max);
        expect(parsed).toEqual(n <= max ? { kind: 'score', score: n } : { kind: 'invalid', reason: 'out-of-range' });
      }),
    );
  });
});

describe('certificateNumber: made offline, the same on every tablet', () => {
  it('is deterministic and readable', () => {
    const n = certificateNumber('course-safety', 'YG00012', '2026-03-02');
    expect(n).toMatch(/^PX20260302-YG00012-[0-9A-Z]{4}$/);
    expect(certificateNumber('course-safety', 'YG00012', '2026-03-02')).toBe(n);
  });
  it('differs by course, person and day', () => {
    const base = certificateNumber('course-safety', 'YG00012', '2026-03-02');
    expect(certificateNumber('course-onboarding', 'YG00012', '2026-03-02')).not.toBe(base);
    expect(certificateNumber('course-safety', 'YG00013', '2026-03-02')).not.toBe(base);
    expect(certificateNumber('course-safety', 'YG00012', '2026-03-03')).not.toBe(base);
  });
});

describe('drawQuestions: an exam drawn from a bank', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `q${i + 1}`);
  it('draws distinct questions of the bank, repeatably from the seed', () => {
    const draw = drawQuestions(ids, 20, 'exam-1');
    expect(draw).toHaveLength(20);
    expect(new Set(draw).size).toBe(20);
    expect(draw.every((id) => ids.includes(id))).toBe(true);
    expect(drawQuestions(ids, 20, 'exam-1')).toEqual(draw);
    expect(drawQuestions(ids, 20, 'exam-2')).not.toEqual(draw);
  });
  it.each([
    [40, 30],
    [30, 30],
    [0, 0],
    [-1, 0],
  ])('asking for %i of 30 gives %i', (count, expected) => {
    expect(drawQuestions(ids, count, 's')).toHaveLength(expected);
  });
});

const bankQuestions: Question[] = [
  { id: 'q1', type: 'single', prompt: '1', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], answer: ['b'], points: 40 },
  { id: 'q2', type: 'true-false', prompt: '2', options: [], answer: ['true'], points: 30 },
  { id: 'q3', type: 'short-answer', prompt: '3', options: [], answer: [], points: 30 },
];

describe('examQuestions', () => {
  it('keeps the exam order and skips ids no longer in the bank; empty means the whole bank', () => {
    expect(examQuestions({ questionIds: ['q3', 'gone', 'q1'] }, { questions: bankQuestions }).map((q) => q.id)).toEqual(['q3', 'q1']);
    expect(examQuestions({ questionIds: [] }, { questions: bankQuestions })).toHaveLength(3);
  });
});

describe('scoreAttempt: a submitted attempt, auto-scored, short answers left to the trainer', () => {
  const exam = { maxScore: 100, passMark: 80 };
  it('stores auto points on each answer and stays pending until short answers are marked', () => {
    const submitted = scoreAttempt(bankQuestions, [{ questionId: 'q1', selected: ['b'] }, { questionId: 'q2', selected: ['true'] }], exam, defaultPolicy);
    expect(submitted).toMatchObject({ status: 'pending-marking', autoScore: 70, trainerScore: 0 });
    expect(submitted.finalScore).toBeUndefined();
    expect(submitted.answers.map((a) => [a.questionId, a.autoPoints])).toEqual([
      ['q1', 40],
      ['q2', 30],
      ['q3', undefined],
    ]);
    const marked = submitted.answers.map((a) => (a.questionId === 'q3' ? { ...a, trainerPoints: 12 } : a));
    expect(scoreAttempt(bankQuestions, marked, exam, defaultPolicy)).toMatchObject({ status: 'final', finalScore: 82, passed: true, trainerScore: 12 });
    const low = submitted.answers.map((a) => (a.questionId === 'q3' ? { ...a, trainerPoints: 5 } : a));
    expect(scoreAttempt(bankQuestions, low, exam, defaultPolicy)).toMatchObject({ status: 'final', finalScore: 75, passed: false });
  });
  it('an exam with no short answers is final at once', () => {
    const result = scoreAttempt(bankQuestions.slice(0, 2), [{ questionId: 'q1', selected: ['a'] }], exam, defaultPolicy);
    expect(result).toMatchObject({ status: 'final', finalScore: 0, passed: false });
  });
});

describe('certificateAction: certificates issued on passing', () => {
  const result = (passed: boolean | undefined, status: 'final' | 'pending-marking' = 'final') => ({
    id: examResultId('exam-1', 'staff-1', 1),
    staffId: 'staff-1',
    courseId: 'course-safety',
    day: '2026-03-02',
    status,
    ...(passed === undefined ? {} : { passed }),
  });
  const safety = { category: 'safety' as const };
  const id = certificateId('course-safety', 'staff-1', '2026-03-02');

  it('a pass issues a certificate with its deterministic id, number and the policy expiry (12 months for safety)', () => {
    expect(certificateAction(result(true), safety, 'YG00001', [], defaultPolicy)).toEqual({
      action: 'issue',
      certificate: {
        id,
        courseId: 'course-safety',
        staffId: 'staff-1',
        number: certificateNumber('course-safety', 'YG00001', '2026-03-02'),
        issuedOn: '2026-03-02',
        expiresOn: '2027-03-01',
        examResultId: result(true).id,
        revoked: false,
      },
    });
  });
  it('onboarding certificates never expire by default; the policy can change that', () => {
    const action = certificateAction(result(true), { category: 'onboarding' }, 'YG00001', [], defaultPolicy);
    expect(action.action).toBe('issue');
    expect(action.action === 'issue' && 'expiresOn' in action.certificate).toBe(false);
    const policy = policySchema.parse({ training: { certificateValidityMonths: { onboarding: 24 } } });
    const action2 = certificateAction(result(true), { category: 'onboarding' }, 'YG00001', [], policy);
    expect(action2.action === 'issue' && action2.certificate.expiresOn).toBe('2028-03-01');
  });
  it.each([
    ['a pass already certified', result(true), [{ id, courseId: 'course-safety', staffId: 'staff-1', issuedOn: '2026-03-02', revoked: false }], 'none'],
    ['a pass whose certificate was revoked', result(true), [{ id, courseId: 'course-safety', staffId: 'staff-1', issuedOn: '2026-03-02', revoked: true, number: 'OLD-1' }], 'issue'],
    ['a fail with no certificate', result(false), [], 'none'],
    ['a fail corrected from a pass', result(false), [{ id, courseId: 'course-safety', staffId: 'staff-1', issuedOn: '2026-03-02', revoked: false, examResultId: result(false).id }], 'revoke'],
    ['a fail does not touch another exam’s certificate', result(false), [{ id, courseId: 'course-safety', staffId: 'staff-1', issuedOn: '2026-03-02', revoked: false, examResultId: 'other' }], 'none'],
    ['a result pending marking', result(undefined, 'pending-marking'), [], 'none'],
  ] as const)('%s → %s', (_label, r, existing, expected) => {
    const action = certificateAction(r, safety, 'YG00001', existing, defaultPolicy);
    expect(action.action).toBe(expected);
    if (action.action === 'issue' && existing.length > 0) expect(action.certificate.number).toBe('OLD-1');
  });
});

describe('attemptsOf', () => {
  it('lists one trainee’s attempts at one exam, newest first', () => {
    const rs = [
      { examId: 'e', staffId: 's', attempt: 1 },
      { examId: 'e', staffId: 's', attempt: 3 },
      { examId: 'e', staffId: 'x', attempt: 2 },
      { examId: 'f', staffId: 's', attempt: 2 },
      { examId: 'e', staffId: 's', attempt: 2 },
    ];
    expect(attemptsOf(rs, 'e', 's').map((r) => r.attempt)).toEqual([3, 2, 1]);
  });
});

describe('trainingDaysOf: training days for the attendance rules', () => {
  const session = (day: string, status: 'planned' | 'held' | 'cancelled', attendance: 'present' | 'late' | 'absent' | 'excused' | 'expected') => ({
    day,
    status,
    attendees: [{ staffId: 's1', status: attendance }],
  });
  it('counts held sessions the person attended (present or late), once per day', () => {
    const days = trainingDaysOf(
      [
        session('2026-03-03', 'held', 'present'),
        session('2026-03-02', 'held', 'late'),
        session('2026-03-03', 'held', 'present'),
        session('2026-03-04', 'held', 'absent'),
        session('2026-03-05', 'held', 'excused'),
        session('2026-03-06', 'planned', 'expected'),
        session('2026-03-09', 'cancelled', 'present'),
      ],
      's1',
    );
    expect(days).toEqual(['2026-03-02', '2026-03-03']);
    expect(trainingDaysOf([session('2026-03-03', 'held', 'present')], 'someone-else')).toEqual([]);
  });
});

describe('effectiveRequiredCourses: what a post needs, for roster validation', () => {
  const courses = [
    { id: 'c-onboarding', active: true, requiredForPostKinds: ['window', 'seat'] as ('window' | 'desk' | 'seat')[] },
    { id: 'c-safety', active: true, requiredForPostKinds: ['desk'] as ('window' | 'desk' | 'seat')[] },
    { id: 'c-old', active: false, requiredForPostKinds: ['window'] as ('window' | 'desk' | 'seat')[] },
  ];
  it.each([
    ['window', [], ['c-onboarding']],
    ['desk', ['c-extra'], ['c-extra', 'c-safety']],
    ['seat', ['c-onboarding'], ['c-onboarding']],
  ] as const)('a %s post listing %j needs %j', (kind, own, expected) => {
    expect(effectiveRequiredCourses({ kind, requiredCourses: [...own] }, courses)).toEqual(expected);
  });
});
