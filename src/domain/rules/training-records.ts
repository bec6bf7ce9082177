import type { Certificate, ExamResult, TrainingSession } from '../schemas/training';

/**
 * Training records (DOMAIN.md "Reports": training completion and exam
 * results): a person's history and per-course completion and pass rates.
 */

type SessionLike = Pick<TrainingSession, 'id' | 'courseId' | 'day' | 'status' | 'attendees'>;
type ResultLike = Pick<ExamResult, 'examId' | 'courseId' | 'staffId' | 'attempt' | 'day' | 'status'> & Partial<Pick<ExamResult, 'finalScore' | 'passed'>>;
type CertLike = Pick<Certificate, 'courseId' | 'staffId' | 'issuedOn' | 'revoked'> & Partial<Pick<Certificate, 'expiresOn' | 'number'>>;

export interface CourseStats {
  courseId: string;
  /** Distinct people enrolled in a session of the course (cancelled sessions excluded). */
  enrolled: number;
  /** … who attended at least one held session (present or late). */
  attended: number;
  /** People with at least one final exam result for the course. */
  examined: number;
  /** People who passed an exam of the course. */
  passed: number;
  /** People who passed on their first attempt. */
  passedFirstAttempt: number;
  /** passed / enrolled (people enrolled who have completed the course); null without enrolment. */
  completionRate: number | null;
  /** passed / examined; null when nobody was examined. */
  passRate: number | null;
  /** passedFirstAttempt / examined; null when nobody was examined. */
  firstAttemptPassRate: number | null;
  /** Mean of every final attempt's score; null without scores. */
  averageScore: number | null;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/** Completion and pass rates of one course from its sessions and exam results. */
export function courseStats(courseId: string, sessions: readonly SessionLike[], results: readonly ResultLike[]): CourseStats {
  const enrolled = new Set<string>();
  const attended = new Set<string>();
  for (const s of sessions) {
    if (s.courseId !== courseId || s.status === 'cancelled') continue;
    for (const a of s.attendees) {
      enrolled.add(a.staffId);
      if (s.status === 'held' && (a.status === 'present' || a.status === 'late')) attended.add(a.staffId);
    }
  }
  const finals = results.filter((r) => r.courseId === courseId && r.status === 'final');
  const examined = new Set(finals.map((r) => r.staffId));
  const passed = new Set(finals.filter((r) => r.passed).map((r) => r.staffId));
  const firstTry = new Set(finals.filter((r) => r.passed && r.attempt === 1).map((r) => r.staffId));
  const scores = finals.map((r) => r.finalScore).filter((s): s is number => s !== undefined);
  return {
    courseId,
    enrolled: enrolled.size,
    attended: attended.size,
    examined: examined.size,
    passed: passed.size,
    passedFirstAttempt: firstTry.size,
    completionRate: ratio([...passed].filter((p) => enrolled.has(p)).length, enrolled.size),
    passRate: ratio(passed.size, examined.size),
    firstAttemptPassRate: ratio(firstTry.size, examined.size),
    averageScore: scores.length === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100,
  };
}

export type HistoryEntry =
  | { type: 'session'; day: string; courseId: string; sessionId: string; attendance: TrainingSession['attendees'][number]['status']; sessionStatus: TrainingSession['status'] }
  | { type: 'result'; day: string; courseId: string; examId: string; attempt: number; status: ExamResult['status']; finalScore?: number; passed?: boolean }
  | { type: 'certificate'; day: string; courseId: string; number?: string; expiresOn?: string; revoked: boolean };

const ORDER: Record<HistoryEntry['type'], number> = { session: 0, result: 1, certificate: 2 };

/** One person's training history, oldest first: sessions enrolled in, exam attempts, certificates. */
export function personHistory(
  staffId: string,
  sessions: readonly SessionLike[],
  results: readonly ResultLike[],
  certificates: readonly CertLike[],
): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const s of sessions) {
    const a = s.attendees.find((x) => x.staffId === staffId);
    if (a) out.push({ type: 'session', day: s.day, courseId: s.courseId, sessionId: s.id, attendance: a.status, sessionStatus: s.status });
  }
  for (const r of results) {
    if (r.staffId !== staffId) continue;
    out.push({
      type: 'result',
      day: r.day,
      courseId: r.courseId,
      examId: r.examId,
      attempt: r.attempt,
      status: r.status,
      ...(r.finalScore !== undefined ? { finalScore: r.finalScore } : {}),
      ...(r.passed !== undefined ? { passed: r.passed } : {}),
    });
  }
  for (const c of certificates) {
    if (c.staffId !== staffId) continue;
    out.push({
      type: 'certificate',
      day: c.issuedOn,
      courseId: c.courseId,
      revoked: c.revoked,
      ...(c.number ? { number: c.number } : {}),
      ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}),
    });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : ORDER[a.type] - ORDER[b.type]));
}
