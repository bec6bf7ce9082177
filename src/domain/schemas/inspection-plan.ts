import { z } from 'zod';
import { daySchema, docBase, textSchema } from './common';
import { itemKeySchema } from './inspection-template';

/** How often a planned inspection is due: every (working) day, every week (Monday to Sunday), every month. */
export const planFrequencies = ['daily', 'weekly', 'monthly'] as const;
export const planFrequencySchema = z.enum(planFrequencies);

/**
 * A planned inspection (巡查计划): a site checks a template so many times per
 * day, week or month. Lives in the `catalog` collection, scoped to its site,
 * so every device in scope knows what is due and what was missed. Last write
 * wins; the plan has no history of its own beyond the audit log.
 */
export const inspectionPlanSchema = z
  .object({
    ...docBase,
    kind: z.literal('inspection-plan'),
    /** The template by its stable key: a plan follows the template's newest version. */
    templateKey: itemKeySchema,
    frequency: planFrequencySchema,
    /** Inspections wanted per period, e.g. 2 a week. */
    perPeriod: z.number().int().min(1).max(20).default(1),
    mode: z.enum(['patrol', 'scheduled', 'spot-check', 'mystery-shopper']).default('scheduled'),
    /** Daily plans skip non-working days of the site's calendar (our default). */
    workingDaysOnly: z.boolean().default(true),
    startDay: daySchema,
    endDay: daySchema.optional(),
    active: z.boolean().default(true),
    note: textSchema.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.endDay && p.endDay < p.startDay) ctx.addIssue({ code: 'custom', path: ['endDay'], message: 'endDay is before startDay' });
  });

export type InspectionPlan = z.infer<typeof inspectionPlanSchema>;
export type PlanFrequency = z.infer<typeof planFrequencySchema>;
