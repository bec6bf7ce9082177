import { certificateId } from '../ids';
import type { Policy } from '../policy';
import type { Course, Question } from '../schemas/course';
import type { Post } from '../schemas/site';
import type { Certificate, ExamAnswer, ExamResult, TrainingSession } from '../schemas/training';
import { certificateFor, scoreExam } from './training';

/**
 * Day-to-day training operations built on the rules of training.ts: reading a
 * typed score, drawing an exam from a bank, turning answers into a result,
 * deciding what a result does to a certificate, and which courses a post needs.
 */

export type ScoreInput =
  | { kind: 'empty' }
  | { kind: 'score'; score: number }
  | { kind: 'invalid'; reason: 'not-a-number' | 'out-of-range' | 'too-precise' };

/** Full-width digits and point (typed with a Chinese IME still on) read as ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)));
}

/** A score typed into the grid: a number from 0 to maxScore with at most one decimal (e.g. 87.5). */
export function parseScoreInput(text: string, maxScore: number): ScoreInput {
  const t = asciiDigits(text.trim());
  if (t === '') return { kind: 'empty' };
  if (!/^\d+(\.\d*)?$/.test(t)) return { kind: 'invalid', reason: 'not-a-number' };
  const score = Number(t);
  if (score > maxScore) return { kind: 'invalid', reason: 'out-of-range' };
  if (!/^\d+(\.\d?)?$/.test(t)) return { kind: 'invalid', reason: 'too-precise' };
  return { kind: 'score', score };
}

/** 32-bit FNV-1a: a short stable hash for codes and seeds (not for security). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A certificate number made on the device with no counter to share: two
 * offline tablets issuing the same certificate give it the same number, and
 * different certificates differ (issue day, staff number, course code).
 * E.g. PX20260302-YG00012-3KQ0.
 */
export function certificateNumber(courseId: string, staffNo: string, issuedOn: string): string {
  const code = fnv1a(courseId).toString(36).toUpperCase().padStart(7, '0').slice(-4);
  return `PX${issuedOn.replaceAll('-', '')}-${staffNo}-${code}`;
}

/** A small seeded generator (mulberry32) so a draw can be repeated from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws `count` distinct question ids from a bank in a shuffled order (the
 * whole bank when count is at least its size). The same seed gives the same draw.
 */
export function drawQuestions(questionIds: readonly string[], count: number, seed: string): string[] {
  const rand = seeded(fnv1a(seed));
  const pool = [...questionIds];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, Math.max(0, Math.min(count, pool.length)));
}

/** The questions an exam asks, in its order; an empty list means the whole bank. Ids no longer in the bank are skipped. */
export function examQuestions(exam: { questionIds: readonly string[] }, bank: { questions: readonly Question[] }): Question[] {
  if (exam.questionIds.length === 0) return [...bank.questions];
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  return exam.questionIds.map((id) => byId.get(id)).filter((q): q is Question => q !== undefined);
}

export type ScoredFields = Pick<ExamResult, 'answers' | 'autoScore' | 'trainerScore' | 'status'> &
  Partial<Pick<ExamResult, 'finalScore' | 'passed'>>;

/**
 * A submitted (or re-marked) question-bank attempt: each answer carries its
 * auto points, the totals come from `scoreExam`, and the attempt stays
 * pending-marking until every short answer has the trainer's points.
 */
export function scoreAttempt(
  questions: readonly Question[],
  answers: readonly ExamAnswer[],
  exam: { maxScore: number; passMark: number },
  policy: Policy,
): ScoredFields {
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  // Every question gets an answer row, so the trainer can mark an unanswered short answer as 0.
  const complete = questions.map((q): ExamAnswer => byQuestion.get(q.id) ?? { questionId: q.id, selected: [] });
  const score = scoreExam(questions, complete, exam, policy);
  const earned = new Map(score.questions.map((s) => [s.questionId, s.earned]));
  const typeOf = new Map(questions.map((q) => [q.id, q.type]));
  const scoredAnswers = complete.map((a): ExamAnswer => {
    if (typeOf.get(a.questionId) === 'short-answer') return a;
    const points = earned.get(a.questionId);
    return points === undefined ? a : { ...a, autoPoints: points };
  });
  return {
    answers: scoredAnswers,
    autoScore: score.autoScore,
    trainerScore: score.trainerScore,
    status: score.status,
    ...(score.finalScore !== undefined ? { finalScore: score.finalScore } : {}),
    ...(score.passed !== undefined ? { passed: score.passed } : {}),
  };
}

type CourseLike = Pick<Course, 'category'> & Partial<Pick<Course, 'certificateValidityMonths'>>;
type CertLike = Pick<Certificate, 'id' | 'courseId' | 'staffId' | 'issuedOn' | 'revoked'> & Partial<Pick<Certificate, 'examResultId' | 'expiresOn' | 'number'>>;
type ResultLike = Pick<ExamResult, 'id' | 'staffId' | 'courseId' | 'day' | 'status'> & Partial<Pick<ExamResult, 'passed'>>;

export type CertificateAction =
  | { action: 'none' }
  | {
      action: 'issue';
      certificate: { id: string; courseId: string; staffId: string; number: string; issuedOn: string; expiresOn?: string; examResultId: string; revoked: false };
    }
  | { action: 'revoke'; certificateId: string };

/**
 * What a final exam result does to certificates: a pass issues the course's
 * certificate (deterministic id and number, expiry per course or policy) unless
 * that certificate is already in force; a result corrected from pass to fail
 * revokes the certificate it had issued. Pending and in-progress attempts do nothing.
 */
export function certificateAction(
  result: ResultLike,
  course: CourseLike,
  staffNo: string,
  existing: readonly CertLike[],
  policy: Policy,
): CertificateAction {
  if (result.status !== 'final') return { action: 'none' };
  const earned = certificateFor(result, course, policy);
  if (earned) {
    const id = certificateId(earned.courseId, earned.staffId, earned.issuedOn);
    const current = existing.find((c) => c.id === id);
    if (current && !current.revoked) return { action: 'none' };
    return {
      action: 'issue',
      certificate: {
        id,
        courseId: earned.courseId,
        staffId: earned.staffId,
        number: current?.number ?? certificateNumber(earned.courseId, staffNo, earned.issuedOn),
        issuedOn: earned.issuedOn,
        ...(earned.expiresOn ? { expiresOn: earned.expiresOn } : {}),
        examResultId: result.id,
        revoked: false,
      },
    };
  }
  const issued = existing.find((c) => c.examResultId === result.id && !c.revoked);
  return issued ? { action: 'revoke', certificateId: issued.id } : { action: 'none' };
}

/** The attempts of one trainee at one exam, newest first. */
export function attemptsOf<R extends Pick<ExamResult, 'examId' | 'staffId' | 'attempt'>>(results: readonly R[], examId: string, staffId: string): R[] {
  return results.filter((r) => r.examId === examId && r.staffId === staffId).sort((a, b) => b.attempt - a.attempt);
}

/**
 * Days a person spent in training (sessions held, marked present or late): the
 * attendance rules count them as attended and leave them out of the on-time
 * rate's base (`trainingDays` of attendance.ts).
 */
export function trainingDaysOf(sessions: readonly Pick<TrainingSession, 'day' | 'status' | 'attendees'>[], staffId: string): string[] {
  const days = new Set<string>();
  for (const s of sessions) {
    if (s.status !== 'held') continue;
    const a = s.attendees.find((x) => x.staffId === staffId);
    if (a && (a.status === 'present' || a.status === 'late')) days.add(s.day);
  }
  return [...days].sort();
}

/**
 * The courses a person must have passed to work on a post: the post's own list
 * (set per site by a manager) plus every active course required for the post's
 * kind (set on the course by a trainer). Roster validation takes this as the
 * post's `requiredCourses`.
 */
export function effectiveRequiredCourses(
  post: Pick<Post, 'kind' | 'requiredCourses'>,
  courses: readonly Pick<Course, 'id' | 'active' | 'requiredForPostKinds'>[],
): string[] {
  const out = new Set(post.requiredCourses);
  for (const c of courses) if (c.active && c.requiredForPostKinds.includes(post.kind)) out.add(c.id);
  return [...out].sort();
}
