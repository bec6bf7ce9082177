import { addMonthsToMonth } from '../calendar/days';
import { reviewId } from '../ids';
import type { Policy } from '../policy';
import type { PerformanceReview } from '../schemas/review';
import { performancePay, performanceTotal, performanceWarnings, type PerformanceWarning } from './performance';

/**
 * Writing a monthly performance review (绩效考核): each side writes only its own
 * fields onto the review of (person, month), so two devices scoring offline
 * land on one document that the conflict handler merges (src/db/conflicts.ts).
 */

type ReviewFields = Omit<PerformanceReview, 'updatedAt' | 'updatedBy' | 'deviceId'>;
export type ReviewSide = 'provider' | 'client';

/** The review to write on: the stored one, or a new one with its deterministic id. */
export function baseReview(existing: ReviewFields | undefined, staffId: string, siteId: string, month: string): ReviewFields {
  return existing ?? { id: reviewId(staffId, month), siteId, staffId, month, locked: false };
}

/** The review with one side's score set (and nothing else changed). */
export function withScore(review: ReviewFields, side: ReviewSide, score: number, by: string, at: string): ReviewFields {
  if (side === 'provider') return { ...review, providerScore: score, providerScoredBy: by, providerScoredAt: at };
  return { ...review, clientScore: score, clientScoredBy: by, clientScoredAt: at };
}

export type LockRefusal = 'already-locked' | 'provider-missing' | 'client-missing';

/** Why a review cannot be locked yet, if it cannot. */
export function lockRefusal(review: Pick<PerformanceReview, 'locked' | 'providerScore' | 'clientScore'>): LockRefusal | null {
  if (review.locked) return 'already-locked';
  if (review.providerScore === undefined) return 'provider-missing';
  if (review.clientScore === undefined) return 'client-missing';
  return null;
}

/** Locks a review with both parts in: total and pay are stored so later policy changes do not rewrite history. */
export function lockReview(review: ReviewFields, policy: Policy, by: string, at: string): ReviewFields {
  const refusal = lockRefusal(review);
  if (refusal) throw new Error(`Cannot lock review ${review.id}: ${refusal}`);
  const total = performanceTotal(review.providerScore!, review.clientScore!, policy);
  return { ...review, total, pay: performancePay(total, policy), locked: true, lockedAt: at, lockedBy: by };
}

export interface ReviewOutcome {
  /** The stored total of a locked review, else the live one from both parts (null with a part missing). */
  total: number | null;
  pay: number | null;
  warnings: PerformanceWarning[];
}

/**
 * Total, pay and warning flags of a person's month. `history` is the person's
 * reviews of earlier months (any order); months without both parts are skipped.
 */
export function reviewOutcome(
  review: Pick<PerformanceReview, 'month' | 'providerScore' | 'clientScore' | 'total' | 'pay' | 'locked'> | undefined,
  history: readonly Pick<PerformanceReview, 'month' | 'providerScore' | 'clientScore' | 'total' | 'locked'>[],
  month: string,
  policy: Policy,
): ReviewOutcome {
  const totalOf = (r: Pick<PerformanceReview, 'providerScore' | 'clientScore' | 'total' | 'locked'>): number | null => {
    if (r.locked && r.total !== undefined) return r.total;
    if (r.providerScore === undefined || r.clientScore === undefined) return null;
    return performanceTotal(r.providerScore, r.clientScore, policy);
  };
  const total = review ? totalOf(review) : null;
  const pay = review?.locked && review.pay !== undefined ? review.pay : total === null ? null : performancePay(total, policy);
  const earliest = addMonthsToMonth(month, -12);
  const points = history
    .filter((h) => h.month < month && h.month >= earliest)
    .map((h) => ({ month: h.month, total: totalOf(h) }))
    .filter((h): h is { month: string; total: number } => h.total !== null);
  if (total !== null) points.push({ month, total });
  return { total, pay, warnings: performanceWarnings(points, month, policy) };
}
