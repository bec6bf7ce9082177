import { shiftInstants } from '../calendar/time-zone';
import { applyPolicyOverrides, type PolicyOverrides } from '../schemas/organisation';
import type { LeaveType, Policy } from '../policy';
import type { RosteredShift } from './attendance';
import type { LeaveSpan } from './leave';

/**
 * Adapters from stored documents to the inputs of the attendance rules
 * (src/domain/rules/attendance.ts): roster slots become rostered shifts, leave
 * requests become leave spans, training sessions become training days. Kept
 * structural (Pick-like shapes) so the client, the server and tests share them.
 */

export interface SlotLike {
  id: string;
  day: string;
  postId: string;
  shiftId: string;
  staffId: string;
  status: 'draft' | 'published';
}

export interface ShiftTemplateLike {
  id: string;
  start: string;
  end: string;
}

/**
 * The published slots as rostered shifts in UTC. Drafts are plans, not the
 * roster; a slot whose template is gone is skipped (nothing to measure against).
 */
export function rosteredShifts(
  slots: readonly SlotLike[],
  templates: readonly ShiftTemplateLike[],
  timeZone: string,
): RosteredShift[] {
  const byId = new Map(templates.map((t) => [t.id, t]));
  const out: RosteredShift[] = [];
  for (const s of slots) {
    const t = byId.get(s.shiftId);
    if (s.status !== 'published' || !t) continue;
    out.push({ id: s.id, day: s.day, postId: s.postId, ...shiftInstants(s.day, t.start, t.end, timeZone) });
  }
  return out;
}

export interface LeaveRequestLike {
  id: string;
  type: LeaveType;
  effectiveType?: LeaveType;
  startDay: string;
  endDay: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
}

/** Leave requests as spans; the type counted is the one after the evidence check (failed evidence → 事假). */
export function leaveSpans(requests: readonly LeaveRequestLike[]): LeaveSpan[] {
  return requests.map((r) => ({
    id: r.id,
    type: r.effectiveType ?? r.type,
    from: r.startDay,
    to: r.endDay,
    approved: r.status === 'approved',
  }));
}

export interface TrainingSessionLike {
  day: string;
  status: 'planned' | 'held' | 'cancelled';
  attendees: readonly { staffId: string; status: 'expected' | 'present' | 'late' | 'absent' | 'excused' }[];
}

/** Days a person attended a held training session (present or late on the register). */
export function trainingDaysOf(sessions: readonly TrainingSessionLike[], staffId: string): string[] {
  const days = new Set<string>();
  for (const s of sessions) {
    if (s.status !== 'held') continue;
    const a = s.attendees.find((x) => x.staffId === staffId);
    if (a && (a.status === 'present' || a.status === 'late')) days.add(s.day);
  }
  return [...days].sort();
}

/** The policy in force at a site: the organisation's policy (or the defaults) with the site's overrides. */
export function sitePolicy(
  organisationPolicy: Policy | undefined,
  siteOverrides: PolicyOverrides | undefined,
  defaults: Policy,
): Policy {
  return applyPolicyOverrides(organisationPolicy ?? defaults, siteOverrides);
}
