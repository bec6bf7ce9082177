import { z } from 'zod';
import {
  daySchema,
  docBase,
  idSchema,
  instantSchema,
  mediaHashSchema,
  mediaListSchema,
  scoreSchema,
  textSchema,
  yjsUpdateSchema,
} from './common';
import { itemKeySchema } from './inspection-template';

/**
 * The answer to one item (of one instance of a repeated section). Concurrent
 * edits merge per item: the answer with the later `answeredAt` wins
 * (ARCHITECTURE.md "Conflicts"). Clearing an answer is an answer with no value.
 */
export const inspectionAnswerSchema = z
  .object({
    itemId: itemKeySchema,
    /** Which instance of a repeated section (0 for sections that do not repeat). */
    instance: z.number().int().min(0).max(99).default(0),
    /** levels: the level id; pass-fail: 'pass' | 'fail'; yes-no-na: 'yes' | 'no' | 'na'. */
    choice: z.string().min(1).max(50).optional(),
    number: z.number().optional(),
    text: textSchema.optional(),
    photos: mediaListSchema.default([]),
    note: textSchema.optional(),
    answeredAt: instantSchema,
    answeredBy: idSchema,
  })
  .strict();

export const signatureSchema = z
  .object({
    role: z.enum(['inspector', 'site-lead']),
    name: z.string().min(1).max(100),
    media: mediaHashSchema,
    signedAt: instantSchema,
  })
  .strict();

export const sectionScoreSchema = z
  .object({
    sectionId: itemKeySchema,
    score: scoreSchema,
    vetoed: z.boolean().default(false),
  })
  .strict();

/** One inspection (督导 / 质检 / 巡查) on the template version it was started on. */
export const inspectionSchema = z
  .object({
    ...docBase,
    kind: z.literal('inspection'),
    templateId: idSchema,
    templateKey: itemKeySchema,
    templateVersion: z.number().int().min(1).max(10_000),
    day: daySchema,
    mode: z.enum(['patrol', 'scheduled', 'spot-check', 'mystery-shopper']),
    inspectorId: idSchema,
    postId: idSchema.optional(),
    /** The person inspected, if any. */
    staffId: idSchema.optional(),
    startedAt: instantSchema,
    answers: z.array(inspectionAnswerSchema).max(2000).default([]),
    /** Labels of repeated-section instances, e.g. which window instance 2 was. */
    instanceLabels: z
      .array(z.object({ sectionId: itemKeySchema, instance: z.number().int().min(0).max(99), label: z.string().min(1).max(100) }).strict())
      .max(500)
      .default([]),
    /** Free-text notes as a Yjs document (merged, never overwritten). */
    notes: yjsUpdateSchema.optional(),
    photos: mediaListSchema.default([]),
    signatures: z.array(signatureSchema).max(4).default([]),
    /** Only moves forward: draft → submitted → locked. */
    status: z.enum(['draft', 'submitted', 'locked']),
    submittedAt: instantSchema.optional(),
    lockedAt: instantSchema.optional(),
    score: scoreSchema.optional(),
    grade: z.string().min(1).max(30).optional(),
    sectionScores: z.array(sectionScoreSchema).max(100).optional(),
  })
  .strict()
  .superRefine((insp, ctx) => {
    const keys = insp.answers.map((a) => `${a.itemId}#${a.instance}`);
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'An item has two answers for the same instance' });
    }
    if (insp.status !== 'draft' && !insp.submittedAt) {
      ctx.addIssue({ code: 'custom', path: ['submittedAt'], message: `A ${insp.status} inspection records when it was submitted` });
    }
  });

/** The corrective-action life cycle (整改): open → in-progress → evidence-submitted → closed, or reopened. */
export const correctiveActionStatuses = ['open', 'in-progress', 'evidence-submitted', 'closed', 'reopened'] as const;
export const correctiveActionStatusSchema = z.enum(correctiveActionStatuses);

/** A corrective action raised from a failed inspection item (same collection as inspections). */
export const correctiveActionSchema = z
  .object({
    ...docBase,
    kind: z.literal('action'),
    inspectionId: idSchema,
    itemId: itemKeySchema,
    instance: z.number().int().min(0).max(99).default(0),
    /** Day raised. */
    day: daySchema,
    dueDay: daySchema,
    title: z.string().min(1).max(200),
    /** The person inspected, if the finding is about one. */
    staffId: idSchema.optional(),
    /** Who must act. */
    ownerId: idSchema,
    requiredEvidence: textSchema,
    status: correctiveActionStatusSchema,
    /**
     * Incremented on each reopen, so a forward-only merge can order states
     * across cycles: (round, status order) only grows.
     */
    round: z.number().int().min(0).max(1000).default(0),
    evidence: mediaListSchema.default([]),
    /** Comments as a Yjs document (merged, never overwritten). */
    comments: yjsUpdateSchema.optional(),
    /** Retraining assigned to the person inspected. */
    assignedCourseId: idSchema.optional(),
    closedAt: instantSchema.optional(),
    closedBy: idSchema.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.dueDay < a.day) ctx.addIssue({ code: 'custom', path: ['dueDay'], message: 'dueDay is before the day the action was raised' });
    if (a.status === 'closed' && (!a.closedAt || !a.closedBy)) {
      ctx.addIssue({ code: 'custom', path: ['closedBy'], message: 'A closed action records who verified it and when' });
    }
  });

export type InspectionAnswer = z.infer<typeof inspectionAnswerSchema>;
export type Signature = z.infer<typeof signatureSchema>;
export type Inspection = z.infer<typeof inspectionSchema>;
export type CorrectiveActionStatus = z.infer<typeof correctiveActionStatusSchema>;
export type CorrectiveAction = z.infer<typeof correctiveActionSchema>;
