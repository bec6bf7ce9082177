import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultPolicy, policySchema } from '../policy';
import {
  certificateExpiry,
  certificateFor,
  certificateReminders,
  multipleChoicePoints,
  nextAttempt,
  onboardingLongEnough,
  scoreExam,
  trainerScoredResult,
  type AnswerLike,
  type QuestionLike,
} from './training';

const exam = { maxScore: defaultPolicy.training.maxScore, passMark: defaultPolicy.training.passMark };
const questions: QuestionLike[] = [
  { id: 'q1', type: 'single', answer: ['b'], points: 30 },
  { id: 'q2', type: 'multiple', answer: ['a', 'c'], points: 40 },
  { id: 'q3', type: 'true-false', answer: ['false'], points: 30 },
];
const perfect: AnswerLike[] = [
  { questionId: 'q1', selected: ['b'] },
  { questionId: 'q2', selected: ['c', 'a'] },
  { questionId: 'q3', selected: ['false'] },
];

describe('DOMAIN.md exams: "taken on the tablet from a question bank (single choice, multiple choice, true/false, short answer marked by the trainer), auto-scored"', () => {
  it('scores single, multiple and true/false questions', () => {
    expect(scoreExam(questions, perfect, exam, defaultPolicy)).toMatchObject({ status: 'final', finalScore: 100, passed: true, autoScore: 100 });
    const wrongSingle = perfect.map((a) => (a.questionId === 'q1' ? { ...a, selected: ['a'] } : a));
    expect(scoreExam(questions, wrongSingle, exam, defaultPolicy)).toMatchObject({ finalScore: 70, passed: false });
    expect(scoreExam(questions, [], exam, defaultPolicy)).toMatchObject({ finalScore: 0, passed: false });
  });

  it.each([
    ['all-or-nothing', ['a'], 0],
    ['half-if-subset', ['a'], 20],
    ['proportional', ['a'], 20],
    ['proportional', ['a', 'b'], 0],
    ['half-if-subset', ['a', 'c', 'b'], 0],
    ['all-or-nothing', ['a', 'c'], 40],
  ] as const)('multiple choice partial credit policy %s: %j earns %i of 40', (credit, selected, points) => {
    expect(multipleChoicePoints(selected, ['a', 'c'], 40, credit)).toBe(points);
    const policy = policySchema.parse({ training: { multipleChoiceCredit: credit } });
    const answers = perfect.map((a) => (a.questionId === 'q2' ? { ...a, selected: [...selected] } : a));
    expect(scoreExam(questions, answers, exam, policy).autoScore).toBe(60 + points);
  });

  it('short answers are left for the trainer: the result is pending until marked', () => {
    const withShort: QuestionLike[] = [...questions.slice(0, 2), { id: 'q4', type: 'short-answer', answer: [], points: 30 }];
    const answers = [...perfect.slice(0, 2), { questionId: 'q4', selected: [] }];
    const pending = scoreExam(withShort, answers, exam, defaultPolicy);
    expect(pending).toMatchObject({ status: 'pending-marking', autoScore: 70 });
    expect(pending.finalScore).toBeUndefined();
    const marked = answers.map((a) => (a.questionId === 'q4' ? { ...a, trainerPoints: 12 } : a));
    expect(scoreExam(withShort, marked, exam, defaultPolicy)).toMatchObject({ status: 'final', finalScore: 82, passed: true, trainerScore: 12 });
  });

  it('"Pass mark (our default 80 of 100)" and scaling to the exam\'s max score', () => {
    expect(defaultPolicy.training.passMark).toBe(80);
    expect(trainerScoredResult(80, exam)).toEqual({ finalScore: 80, passed: true });
    expect(trainerScoredResult(79.5, exam)).toEqual({ finalScore: 79.5, passed: false });
    const half = [{ id: 'x', type: 'true-false' as const, answer: ['true'], points: 2 }, { id: 'y', type: 'true-false' as const, answer: ['true'], points: 2 }];
    expect(scoreExam(half, [{ questionId: 'x', selected: ['true'] }], { maxScore: 150, passMark: 60 }, defaultPolicy)).toMatchObject({ finalScore: 75, passed: true });
  });

  it('"attempts (our default 3)": next attempt allowed or refused with a reason', () => {
    const limit = defaultPolicy.training.maxAttempts;
    expect(limit).toBe(3);
    const failed = (attempt: number) => ({ attempt, status: 'final' as const, passed: false });
    expect(nextAttempt([], limit)).toEqual({ allowed: true, attempt: 1 });
    expect(nextAttempt([failed(1), failed(2)], limit)).toEqual({ allowed: true, attempt: 3 });
    expect(nextAttempt([failed(1), failed(2), failed(3)], limit)).toEqual({ allowed: false, reason: 'attempts-exhausted' });
    expect(nextAttempt([failed(1), { attempt: 2, status: 'final', passed: true }], limit)).toEqual({ allowed: false, reason: 'already-passed' });
    expect(nextAttempt([{ attempt: 1, status: 'pending-marking' }], limit)).toEqual({ allowed: false, reason: 'result-pending' });
    expect(nextAttempt([failed(1), { attempt: 2, status: 'in-progress' }], limit)).toEqual({ allowed: true, attempt: 2 });
  });

  it('scores stay within 0 and the max score', () => {
    const qArb = fc.array(
      fc.record({
        type: fc.constantFrom('single' as const, 'multiple' as const, 'true-false' as const, 'short-answer' as const),
        points: fc.integer({ min: 0, max: 20 }),
        sel: fc.subarray(['a', 'b', 'c', 'd']),
        mark: fc.option(fc.integer({ min: -5, max: 30 }), { nil: undefined }),
        credit: fc.constantFrom('all-or-nothing' as const, 'half-if-subset' as const, 'proportional' as const),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(qArb, (specs) => {
        const qs: QuestionLike[] = specs.map((s, i) => ({
          id: `q${i}`,
          type: s.type,
          answer: s.type === 'true-false' ? ['true'] : s.type === 'short-answer' ? [] : s.type === 'single' ? ['a'] : ['a', 'b'],
          points: s.points,
        }));
        const as: AnswerLike[] = specs.map((s, i) => ({ questionId: `q${i}`, selected: s.sel, ...(s.mark === undefined ? {} : { trainerPoints: s.mark }) }));
        const policy = policySchema.parse({ training: { multipleChoiceCredit: specs[0]!.credit } });
        const r = scoreExam(qs, as, exam, policy);
        if (r.finalScore !== undefined) {
          expect(r.finalScore).toBeGreaterThanOrEqual(0);
          expect(r.finalScore).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe('DOMAIN.md certificates: "issued on passing, with an expiry (our default: none for onboarding, 12 months for safety); reminders before expiry"', () => {
  it('issues on passing only, with the expiry of the course category', () => {
    const passed = { staffId: 's1', courseId: 'c1', passed: true, day: '2025-03-03' };
    expect(certificateFor(passed, { category: 'onboarding' }, defaultPolicy)).toEqual({ staffId: 's1', courseId: 'c1', issuedOn: '2025-03-03' });
    expect(certificateFor(passed, { category: 'safety' }, defaultPolicy)).toMatchObject({ expiresOn: '2026-03-02' });
    expect(certificateFor({ ...passed, passed: false }, { category: 'safety' }, defaultPolicy)).toBeNull();
  });

  it('a course can set its own validity (null = never expires)', () => {
    expect(certificateExpiry({ category: 'business', certificateValidityMonths: 6 }, '2025-01-31', defaultPolicy)).toBe('2025-07-30');
    expect(certificateExpiry({ category: 'safety', certificateValidityMonths: null }, '2025-01-31', defaultPolicy)).toBeUndefined();
    expect(certificateExpiry({ category: 'business' }, '2025-01-31', defaultPolicy)).toBeUndefined();
  });

  it.each([
    ['2025-05-01', []],
    ['2025-05-02', [['certificate-expiring', '2025-05-02', 30]]],
    ['2025-05-25', [['certificate-expiring', '2025-05-25', 7]]],
    ['2025-06-01', [['certificate-expiring', '2025-05-25', 0]]],
    ['2025-06-02', [['certificate-expired', '2025-06-02', -1]]],
  ])('reminders on %s for a certificate valid through 2025-06-01', (today, want) => {
    const certs = [{ id: 'c', expiresOn: '2025-06-01' }, { id: 'forever' }, { id: 'revoked', expiresOn: '2025-06-01', revoked: true }];
    expect(certificateReminders(certs, today, defaultPolicy).map((r) => [r.kind, r.dueOn, r.daysLeft])).toEqual(want);
  });
});

describe('DOMAIN.md courses: "岗前培训 onboarding (at least 10 days for agents)"', () => {
  it('requires 10 days for agents (坐席) only', () => {
    expect(onboardingLongEnough(10, 'seat', defaultPolicy)).toBe(true);
    expect(onboardingLongEnough(9, 'seat', defaultPolicy)).toBe(false);
    expect(onboardingLongEnough(3, 'window', defaultPolicy)).toBe(true);
  });
});
