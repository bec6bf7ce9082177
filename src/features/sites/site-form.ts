import { z } from 'zod';
import type { Policy } from '../../domain/policy';
import { postIssues, shiftIssues, type PostIssue } from '../../domain/rules/site-setup';
import { applyPolicyOverrides, policyOverridesSchema, type PolicyOverrides } from '../../domain/schemas/organisation';
import { postSchema, shiftTemplateSchema, type Post, type ShiftTemplate } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { fieldErrors, type FieldError } from '../staff/field-errors';

/**
 * The site editor's forms, pure: posts with their A/B holders, shift
 * templates, and the site's policy overrides beside the organisation's
 * defaults. Validated with the shared schemas plus the set-up rules of
 * src/domain/rules/site-setup.ts.
 */

export type Errors = Record<string, FieldError>;

/** Post rows as edited: required certificates as one comma-separated text. */
export interface PostRow extends Omit<Post, 'requiredCertificates'> {
  requiredCertificates: string;
}

export function postRowsOf(posts: readonly Post[]): PostRow[] {
  return posts.map((p) => ({ ...p, requiredCertificates: p.requiredCertificates.join('、') }));
}

function postOfRow(row: PostRow): Record<string, unknown> {
  const { holderA, holderB, requiredCertificates, ...rest } = row;
  return {
    ...rest,
    name: rest.name.trim(),
    ...(holderA ? { holderA } : {}),
    ...(holderB ? { holderB } : {}),
    requiredCertificates: requiredCertificates
      .split(/[,，、;；]/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export type PostsResult = { ok: true; posts: Post[]; warnings: PostIssue[] } | { ok: false; errors: Errors; warnings: PostIssue[] };

/** Posts as the schema and the A/B rules see them; errors keyed `posts.<i>.<field>`. */
export function validatePosts(rows: readonly PostRow[], staff: readonly Pick<Staff, 'id' | 'siteId' | 'status'>[], siteId: string): PostsResult {
  const parsed = z.array(postSchema).max(500).safeParse(rows.map(postOfRow));
  const errors: Errors = parsed.success ? {} : prefixed('posts', fieldErrors(parsed.error.issues));
  const candidates = rows.map((r) => ({ id: r.id, name: r.name, holderA: r.holderA || undefined, holderB: r.holderB || undefined }));
  const issues = postIssues(candidates, staff, siteId);
  for (const issue of issues.filter((i) => i.severity === 'error')) {
    const at = rows.findIndex((r) => r.id === issue.postId);
    errors[`posts.${at}.${issue.field}`] ??= { key: `post.${issue.code}` };
  }
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, warnings };
  return { ok: true, posts: parsed.data, warnings };
}

/** Shift rows as edited: the break as text. */
export interface ShiftRow extends Omit<ShiftTemplate, 'breakMinutes'> {
  breakMinutes: string;
}

export function shiftRowsOf(templates: readonly ShiftTemplate[]): ShiftRow[] {
  return templates.map((s) => ({ ...s, breakMinutes: String(s.breakMinutes) }));
}

export type ShiftsResult = { ok: true; templates: ShiftTemplate[] } | { ok: false; errors: Errors };

export function validateShifts(rows: readonly ShiftRow[]): ShiftsResult {
  const candidates = rows.map((r) => ({
    ...r,
    name: r.name.trim(),
    breakMinutes: r.breakMinutes.trim() === '' ? 0 : Number(r.breakMinutes),
  }));
  const parsed = z.array(shiftTemplateSchema).max(50).safeParse(candidates);
  const errors: Errors = parsed.success ? {} : prefixed('shifts', fieldErrors(parsed.error.issues));
  if (parsed.success) {
    for (const issue of shiftIssues(parsed.data)) {
      const at = rows.findIndex((r) => r.id === issue.shiftId);
      errors[`shifts.${at}.${issue.field}`] ??= { key: `shift.${issue.code}` };
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, templates: parsed.data };
}

function prefixed(prefix: string, errors: Errors): Errors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}.${k}`, v]));
}

// ---- policy overrides ----

type NumericPolicyField = {
  [G in keyof Policy]: { [F in keyof Policy[G]]: Policy[G][F] extends number ? [G, F] : never }[keyof Policy[G]];
}[keyof Policy];

/** The settings a site may change, grouped as the editor shows them, with their unit. */
export const SITE_POLICY_FIELDS: readonly { path: NumericPolicyField; unit: 'minutes' | 'hours' | 'days' | 'times' | 'halfDays' | 'points' | 'ratio' }[] = [
  { path: ['attendance', 'graceMinutes'], unit: 'minutes' },
  { path: ['attendance', 'earlyLeaveGraceMinutes'], unit: 'minutes' },
  { path: ['attendance', 'absenceThresholdMinutes'], unit: 'minutes' },
  { path: ['attendance', 'unverifiedMissingPunchHalfDays'], unit: 'halfDays' },
  { path: ['attendance', 'leftPostLateBelowMinutes'], unit: 'minutes' },
  { path: ['attendance', 'leftPostHalfDayUpToMinutes'], unit: 'minutes' },
  { path: ['attendance', 'nursingBreaksPerDay'], unit: 'times' },
  { path: ['attendance', 'nursingBreakMinutes'], unit: 'minutes' },
  { path: ['attendance', 'preShiftArrivalMinutes'], unit: 'minutes' },
  { path: ['roster', 'minimumRestHours'], unit: 'hours' },
  { path: ['time', 'clockDriftThresholdMinutes'], unit: 'minutes' },
  { path: ['leave', 'managerApprovalMaxDays'], unit: 'days' },
  { path: ['leave', 'dailyWageDivisor'], unit: 'ratio' },
  { path: ['training', 'passMark'], unit: 'points' },
  { path: ['training', 'maxAttempts'], unit: 'times' },
  { path: ['inspection', 'correctiveActionDueDays'], unit: 'days' },
];

export const policyKey = ([group, field]: readonly [string, string]) => `${group}.${field}`;

/** The form: each editable setting's site value as text, '' where the site follows the organisation. */
export function policyFormOf(overrides: PolicyOverrides | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path } of SITE_POLICY_FIELDS) {
    const [group, field] = path;
    const value = (overrides?.[group] as Record<string, unknown> | undefined)?.[field];
    out[policyKey(path)] = typeof value === 'number' ? String(value) : '';
  }
  return out;
}

export type PolicyResult = { ok: true; overrides: PolicyOverrides | undefined } | { ok: false; errors: Errors };

/**
 * The site's overrides from the form: blank fields follow the organisation;
 * overrides the form does not show are kept as they were. Checked with the
 * shared schema and for settings that contradict each other once applied.
 */
export function policyOverridesOf(form: Record<string, string>, previous: PolicyOverrides | undefined, orgPolicy: Policy): PolicyResult {
  const next: Record<string, Record<string, unknown>> = {};
  for (const [group, values] of Object.entries(previous ?? {})) if (values) next[group] = { ...values };
  for (const { path } of SITE_POLICY_FIELDS) {
    const [group, field] = path;
    const text = (form[policyKey(path)] ?? '').trim();
    const values = (next[group] ??= {});
    if (text === '') delete values[field];
    else values[field] = Number(text);
  }
  for (const group of Object.keys(next)) if (Object.keys(next[group]!).length === 0) delete next[group];

  const parsed = policyOverridesSchema.safeParse(next);
  const errors: Errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
  if (parsed.success) {
    const effective = applyPolicyOverrides(orgPolicy, parsed.data);
    if (effective.attendance.leftPostLateBelowMinutes > effective.attendance.leftPostHalfDayUpToMinutes) {
      errors['attendance.leftPostHalfDayUpToMinutes'] = { key: 'policy.leftPostOrder' };
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, overrides: Object.keys(parsed.data).length ? parsed.data : undefined };
}
