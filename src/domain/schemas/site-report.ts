import { z } from 'zod';
import { deterministicId } from '../ids';
import { daySchema, docBase, idSchema, instantSchema, yjsUpdateSchema } from './common';

/**
 * The weekly and monthly site reports (周报 / 月报, DOMAIN.md "Reports"): rows
 * of free-text cells written by the site's manager or team leader. They live
 * in the `inspections` collection as kind `site-report` (ADR 0001): same site
 * and day indexes, same merge-based conflict policy.
 *
 * - `rows` holds the row structure only (id, position, removed). Rows are
 *   never dropped from the list: a removed row stays as a tombstone, so a merge
 *   of two devices' versions cannot bring it back.
 * - `cells` is ONE Yjs document (base64) with a `Y.Text` per cell, named
 *   `<rowId>.<column>`: two people typing offline in the same report merge
 *   with `Y.mergeUpdates` instead of overwriting each other.
 */

export const siteReportPeriods = ['week', 'month'] as const;
export type SiteReportPeriod = (typeof siteReportPeriods)[number];

/** The text columns after "no." (which is the row's place, not stored). */
export const siteReportColumns = {
  week: ['project', 'work', 'status', 'problems', 'coordination', 'notes'],
  month: ['project', 'summary', 'problems', 'improvements', 'plan', 'notes'],
} as const satisfies Record<SiteReportPeriod, readonly string[]>;
export type SiteReportColumn = (typeof siteReportColumns)[SiteReportPeriod][number];

// Plain UTC arithmetic on day labels: the schemas load with the first screen, date-fns does not.
const utc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const label = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/** The first day of the period holding `day`: the Monday of its week (周一), or the first of its month. */
export function periodStart(period: SiteReportPeriod, day: string): string {
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  const ms = utc(day);
  return label(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS);
}

/** The last day of the period starting at `start`. */
export function periodEnd(period: SiteReportPeriod, start: string): string {
  if (period === 'week') return label(utc(start) + 6 * DAY_MS);
  // Day 0 of the next month is the last day of this one.
  return label(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 0));
}

/** One report per site, period kind and period: two devices writing "this week's report" offline write the same document. */
export function siteReportId(siteId: string, period: SiteReportPeriod, start: string): string {
  return deterministicId('site-report', [siteId, period, start]);
}

export const siteReportRowSchema = z
  .object({
    id: idSchema,
    /** Sort key; rows added at the same time on two devices fall back to id order. */
    position: z.number().int().min(0).max(1_000_000),
    /** A removed row stays, so that a merge never revives it. */
    removed: z.boolean().default(false),
  })
  .strict();

export const siteReportStatuses = ['draft', 'submitted'] as const;

export const siteReportSchema = z
  .object({
    ...docBase,
    kind: z.literal('site-report'),
    period: z.enum(siteReportPeriods),
    /** The first day of the period (a Monday, or the 1st of the month). */
    day: daySchema,
    /** The last day of the period. */
    endDay: daySchema,
    /** Only moves forward: draft → submitted (then only an administrator changes it). */
    status: z.enum(siteReportStatuses),
    rows: z.array(siteReportRowSchema).max(300).default([]),
    /** The cells' text as one Yjs document (merged, never overwritten). */
    cells: yjsUpdateSchema.optional(),
    submittedAt: instantSchema.optional(),
    submittedBy: idSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const start = periodStart(r.period, r.day);
    if (start !== r.day) {
      ctx.addIssue({ code: 'custom', path: ['day'], message: `A ${r.period}ly report starts on ${start}, the first day of its period` });
      return;
    }
    if (r.endDay !== periodEnd(r.period, r.day)) ctx.addIssue({ code: 'custom', path: ['endDay'], message: `endDay must be ${periodEnd(r.period, r.day)}` });
    const expected = siteReportId(r.siteId, r.period, r.day);
    if (r.id !== expected) ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be ${expected} (siteReportId of site, period, day)` });
    const ids = r.rows.map((row) => row.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'Two rows have the same id' });
    if (r.status === 'submitted' && (!r.submittedAt || !r.submittedBy)) {
      ctx.addIssue({ code: 'custom', path: ['submittedBy'], message: 'A submitted report records who submitted it and when' });
    }
  });

export type SiteReportRow = z.infer<typeof siteReportRowSchema>;
export type SiteReport = z.infer<typeof siteReportSchema>;
