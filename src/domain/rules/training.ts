import { addDays, addMonths, daysBetween } from '../calendar/days';
import type { MultipleChoiceCredit, Policy } from '../policy';
import type { Course, Question } from '../schemas/course';
import type { ExamAnswer, ExamResult } from '../schemas/training';

/**
 * Training rules (DOMAIN.md "Training and exams"): auto-scoring of
 * question-bank exams, pass mark, attempt limit, certificate expiry and
 * reminders before expiry.
 */

export type QuestionLike = Pick<Question, 'id' | 'type' | 'answer' | 'points'>;
export type AnswerLike = Pick<ExamAnswer, 'questionId' | 'selected'> & Partial<Pick<ExamAnswer, 'trainerPoints'>>;

export interface QuestionScore {
  questionId: string;
  points: number;
  /** Undefined while a short answer awaits the trainer. */
  earned?: number;
}

export interface ExamScore {
  /** Raw points from auto-scored questions. */
  autoScore: number;
  /** Raw points the trainer gave short answers (so far). */
  trainerScore: number;
  /** Scaled to the exam's max score; undefined while marking is pending. */
  finalScore?: number;
  passed?: boolean;
  status: 'pending-marking' | 'final';
  questions: QuestionScore[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Points for a multiple-choice answer under the policy's partial-credit rule; choosing any wrong option earns 0. */
export function multipleChoicePoints(
  selected: readonly string[],
  right: readonly string[],
  points: number,
  credit: MultipleChoiceCredit,
): number {
  const chosen = [...new Set(selected)];
  if (chosen.length === 0 || chosen.some((s) => !right.includes(s))) return 0;
  if (chosen.length === right.length) return points;
  if (credit === 'half-if-subset') return points / 2;
  if (credit === 'proportional') return round2((points * chosen.length) / right.length);
  return 0;
}

function questionPoints(q: QuestionLike, a: AnswerLike | undefined, credit: MultipleChoiceCredit): number | undefined {
  const selected = a?.selected ?? [];
  switch (q.type) {
    case 'single':
    case 'true-false':
      return selected.length === 1 && sameSet(selected, q.answer) ? q.points : 0;
    case 'multiple':
      return multipleChoicePoints(selected, q.answer, q.points, credit);
    case 'short-answer':
      return a?.trainerPoints === undefined ? undefined : Math.min(q.points, Math.max(0, a.trainerPoints));
  }
}

/**
 * Scores a question-bank exam: single, multiple (partial credit per policy) and
 * true/false automatically; short answers wait for the trainer, and the result
 * stays pending until they are marked. The score is scaled to `maxScore`.
 */
export function scoreExam(
  questions: readonly QuestionLike[],
  answers: readonly AnswerLike[],
  exam: { maxScore: number; passMark: number },
  policy: Policy,
): ExamScore {
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  let autoScore = 0;
  let trainerScore = 0;
  let pending = false;
  const scored = questions.map((q): QuestionScore => {
    const earned = questionPoints(q, byQuestion.get(q.id), policy.training.multipleChoiceCredit);
    if (earned === undefined) pending = true;
    else if (q.type === 'short-answer') trainerScore += earned;
    else autoScore += earned;
    return { questionId: q.id, points: q.points, ...(earned === undefined ? {} : { earned }) };
  });
  const base = { autoScore: round2(autoScore), trainerScore: round2(trainerScore), questions: scored };
  if (pending) return { ...base, status: 'pending-marking' };
  const total = questions.reduce((n, q) => n + q.points, 0);
  const finalScore = total > 0 ? round2(((autoScore + trainerScore) / total) * exam.maxScore) : 0;
  return { ...base, status: 'final', finalScore, passed: finalScore >= exam.passMark };
}

/** Pass or fail for a trainer-scored exam (a score per trainee from a grid). */
export function trainerScoredResult(score: number, exam: { maxScore: number; passMark: number }): { finalScore: number; passed: boolean } {
  const finalScore = Math.min(exam.maxScore, Math.max(0, score));
  return { finalScore, passed: finalScore >= exam.passMark };
}

export type AttemptRefusal = 'already-passed' | 'attempts-exhausted' | 'result-pending';
export type NextAttempt = { allowed: true; attempt: number } | { allowed: false; reason: AttemptRefusal };

/**
 * Whether a trainee may take the exam again, and which attempt number it is.
 * An attempt still in progress is resumed, not repeated.
 */
export function nextAttempt(
  results: readonly Pick<ExamResult, 'attempt' | 'status' | 'passed'>[],
  attemptLimit: number,
): NextAttempt {
  if (results.some((r) => r.passed === true)) return { allowed: false, reason: 'already-passed' };
  const open = results.find((r) => r.status === 'in-progress');
  if (open) return { allowed: true, attempt: open.attempt };
  if (results.some((r) => r.status === 'pending-marking')) return { allowed: false, reason: 'result-pending' };
  const last = results.reduce((n, r) => Math.max(n, r.attempt), 0);
  if (last >= attemptLimit) return { allowed: false, reason: 'attempts-exhausted' };
  return { allowed: true, attempt: last + 1 };
}

/** Months a course's certificate is valid: the course's own setting, else the policy's for its category; null = never expires. */
export function certificateValidityMonths(
  course: Pick<Course, 'category'> & Partial<Pick<Course, 'certificateValidityMonths'>>,
  policy: Policy,
): number | null {
  if (course.certificateValidityMonths !== undefined) return course.certificateValidityMonths;
  return policy.training.certificateValidityMonths[course.category] ?? null;
}

/**
 * The last valid day of a certificate issued on `issuedOn` (12 months from
 * 2025-03-03 is valid through 2026-03-02), or undefined if it never expires.
 */
export function certificateExpiry(
  course: Pick<Course, 'category'> & Partial<Pick<Course, 'certificateValidityMonths'>>,
  issuedOn: string,
  policy: Policy,
): string | undefined {
  const months = certificateValidityMonths(course, policy);
  return months === null ? undefined : addDays(addMonths(issuedOn, months), -1);
}

/** The certificate a passed exam result earns, or null when it did not pass. */
export function certificateFor(
  result: Pick<ExamResult, 'staffId' | 'courseId' | 'passed' | 'day'>,
  course: Pick<Course, 'category'> & Partial<Pick<Course, 'certificateValidityMonths'>>,
  policy: Policy,
): { staffId: string; courseId: string; issuedOn: string; expiresOn?: string } | null {
  if (result.passed !== true) return null;
  const expiresOn = certificateExpiry(course, result.day, policy);
  return { staffId: result.staffId, courseId: result.courseId, issuedOn: result.day, ...(expiresOn ? { expiresOn } : {}) };
}

export interface CertificateReminder<C> {
  kind: 'certificate-expiring' | 'certificate-expired';
  certificate: C;
  /** The day the reminder became due. */
  dueOn: string;
  expiresOn: string;
  daysLeft: number;
}

/**
 * Reminders due on `today` for certificates: "expiring" from each lead time
 * before expiry (the nearest lead time passed), "expired" after the last valid
 * day. Revoked and non-expiring certificates get none.
 */
export function certificateReminders<C extends { expiresOn?: string; revoked?: boolean }>(
  certificates: readonly C[],
  today: string,
  policy: Policy,
): CertificateReminder<C>[] {
  const leads = [...policy.training.certificateReminderDaysBefore].sort((a, b) => a - b);
  const out: CertificateReminder<C>[] = [];
  for (const c of certificates) {
    if (!c.expiresOn || c.revoked) continue;
    const daysLeft = daysBetween(today, c.expiresOn);
    if (daysLeft < 0) {
      out.push({ kind: 'certificate-expired', certificate: c, dueOn: addDays(c.expiresOn, 1), expiresOn: c.expiresOn, daysLeft });
      continue;
    }
    const lead = leads.find((l) => daysLeft <= l);
    if (lead !== undefined) {
      out.push({ kind: 'certificate-expiring', certificate: c, dueOn: addDays(c.expiresOn, -lead), expiresOn: c.expiresOn, daysLeft });
    }
  }
  return out;
}

/** 岗前培训 lasts at least 10 days (policy) for agents (坐席, posts of kind 'seat'); other posts have no minimum. */
export function onboardingLongEnough(durationDays: number, postKind: 'window' | 'desk' | 'seat', policy: Policy): boolean {
  return postKind !== 'seat' || durationDays >= policy.training.onboardingMinDaysForAgents;
}
