import { z } from 'zod';
import { reviewId } from '../ids';
import { docBase, idSchema, instantSchema, monthSchema, scoreSchema, textSchema } from './common';

/**
 * A monthly performance review (绩效考核) of one person: the provider's and the
 * client's scores; total and pay follow from the policy (src/domain/rules).
 * Its id is `reviewId(staffId, month)`: one review per person and month.
 */
export const performanceReviewSchema = z
  .object({
    ...docBase,
    staffId: idSchema,
    month: monthSchema,
    providerScore: scoreSchema.optional(),
    providerScoredBy: idSchema.optional(),
    providerScoredAt: instantSchema.optional(),
    clientScore: scoreSchema.optional(),
    clientScoredBy: idSchema.optional(),
    clientScoredAt: instantSchema.optional(),
    /** Stored when locked, so later policy changes do not rewrite history. */
    total: scoreSchema.optional(),
    pay: z.number().min(0).max(1_000_000).optional(),
    comment: textSchema.optional(),
    /** The person's confirmation that they have seen the review. */
    confirmedAt: instantSchema.optional(),
    locked: z.boolean().default(false),
    lockedAt: instantSchema.optional(),
    lockedBy: idSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const expected = reviewId(r.staffId, r.month);
    if (r.id !== expected) ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be ${expected} (reviewId of person, month)` });
    if (r.locked && (r.providerScore === undefined || r.clientScore === undefined || r.total === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['locked'], message: 'A locked review has both scores and the total' });
    }
    if (r.providerScore !== undefined && !r.providerScoredBy) {
      ctx.addIssue({ code: 'custom', path: ['providerScoredBy'], message: 'The provider score records who gave it' });
    }
    if (r.clientScore !== undefined && !r.clientScoredBy) {
      ctx.addIssue({ code: 'custom', path: ['clientScoredBy'], message: 'The client score records who gave it' });
    }
  });

export type PerformanceReview = z.infer<typeof performanceReviewSchema>;
