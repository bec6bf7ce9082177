import { z } from 'zod';
import { leaveTypeSchema } from '../policy';
import { daySchema, docBase, idSchema, instantSchema, mediaListSchema, textSchema } from './common';

/** One approval step: the project manager, then (over the policy's threshold) the manager's superior. */
export const approvalStepSchema = z
  .object({
    level: z.enum(['manager', 'superior']),
    /** Who decided (or who is asked, while pending). */
    approverId: idSchema.optional(),
    decision: z.enum(['pending', 'approved', 'rejected']),
    decidedAt: instantSchema.optional(),
    comment: textSchema.optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    if (step.decision !== 'pending' && (!step.approverId || !step.decidedAt)) {
      ctx.addIssue({ code: 'custom', path: ['decidedAt'], message: 'A decided step records the approver and the time' });
    }
  });

/**
 * A leave request (请假). Which steps it needs and what it costs are rules
 * (src/domain/rules/leave.ts); this is the record.
 */
export const leaveRequestSchema = z
  .object({
    ...docBase,
    staffId: idSchema,
    type: leaveTypeSchema,
    startDay: daySchema,
    endDay: daySchema,
    /** The first day starts at noon (half a day). */
    startsAtNoon: z.boolean().default(false),
    /** The last day ends at noon (half a day). */
    endsAtNoon: z.boolean().default(false),
    /** Leave days as counted when requested (working days, in half days). */
    days: z.number().min(0.5).max(400).multipleOf(0.5).optional(),
    reason: textSchema.optional(),
    /** For 产检假: the month of pregnancy, which sets the allowance. */
    pregnancyMonth: z.number().int().min(1).max(10).optional(),
    /** Photos of certificates (hospital, marriage, …) by media hash. */
    evidence: mediaListSchema.default([]),
    /** Evidence is checked for every type but 事假; failed evidence turns the leave into 事假. */
    evidenceVerdict: z.enum(['not-required', 'pending', 'accepted', 'rejected']).default('pending'),
    evidenceCheckedBy: idSchema.optional(),
    /** The type the leave counts as after the evidence check (事假 when the evidence failed). */
    effectiveType: leaveTypeSchema.optional(),
    requestedAt: instantSchema,
    steps: z.array(approvalStepSchema).min(1).max(5),
    status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
  })
  .strict()
  .superRefine((leave, ctx) => {
    if (leave.endDay < leave.startDay) ctx.addIssue({ code: 'custom', path: ['endDay'], message: 'endDay is before startDay' });
    if (leave.startDay === leave.endDay && leave.startsAtNoon && leave.endsAtNoon) {
      ctx.addIssue({ code: 'custom', path: ['endsAtNoon'], message: 'A one-day leave cannot both start and end at noon' });
    }
    if (leave.status === 'approved' && leave.steps.some((s) => s.decision !== 'approved')) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'An approved leave has every step approved' });
    }
    if (leave.status === 'rejected' && !leave.steps.some((s) => s.decision === 'rejected')) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'A rejected leave has a rejected step' });
    }
    if (leave.type === 'prenatal' && leave.pregnancyMonth === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pregnancyMonth'], message: '产检假 records the month of pregnancy' });
    }
  });

export type ApprovalStep = z.infer<typeof approvalStepSchema>;
export type LeaveRequest = z.infer<typeof leaveRequestSchema>;
