import { addDays } from '../../domain/calendar/days';
import { instantOf } from '../../domain/calendar/time-zone';
import type { DocOf } from '../../domain/collections';
import type { Policy } from '../../domain/policy';
import type { DayClassification, RosteredShift } from '../../domain/rules/attendance';
import { leaveSpans, rosteredShifts, trainingDaysOf, type LeaveRequestLike, type SlotLike, type TrainingSessionLike } from '../../domain/rules/attendance-inputs';
import { classifyDaysAsOf, presence, type Presence } from '../../domain/rules/attendance-today';
import { approvedLeaveOn, type LeaveSpan } from '../../domain/rules/leave';
import { coverageIssues, type RosterIssue } from '../../domain/rules/roster';
import type { Site } from '../../domain/schemas/site';
import { groupBy } from './group';

/**
 * The team leader's day view of a site as plain data: one row per person who
 * is rostered, on leave, or punched that day, classified by the attendance
 * rules as of now; and the alerts (posts not covered by the roster, posts
 * nobody is at right now).
 */

type StaffLike = Pick<DocOf<'staff'>, 'id' | 'name' | 'staffNo' | 'status' | 'postId'>;
type EventDoc = DocOf<'attendance'>;

export interface DayInput {
  day: string;
  nowMs: number;
  site: Pick<Site, 'posts' | 'shiftTemplates' | 'timeZone'>;
  staff: readonly StaffLike[];
  /** Slots of the day and the day before (overnight shifts reach into the day). */
  slots: readonly (SlotLike & { siteId?: string })[];
  /** Events from noon the day before to noon the day after. */
  events: readonly EventDoc[];
  leave: readonly (LeaveRequestLike & { staffId: string })[];
  sessions: readonly TrainingSessionLike[];
  policy: Policy;
  isWorkingDay(day: string): boolean;
}

export interface DayRow {
  staffId: string;
  name: string;
  staffNo: string;
  /** The person's shifts of this day (empty: not rostered). */
  shifts: RosteredShift[];
  presence: Presence;
  classification: DayClassification;
  /** The person's events around the day, oldest first. */
  events: EventDoc[];
  leave?: LeaveSpan;
}

export type DayAlert =
  | { kind: 'post-uncovered'; postId: string }
  | { kind: 'backup-not-covering'; postId: string; staffId?: string }
  | { kind: 'post-unattended'; postId: string; staffIds: string[] };

export function buildDayRows(input: DayInput): DayRow[] {
  const { day, nowMs, site, policy } = input;
  const shifts = rosteredShifts(input.slots, site.shiftTemplates, site.timeZone);
  const staffOfSlot = new Map(input.slots.map((s) => [s.id, s.staffId]));
  const shiftsByStaff = groupBy(shifts, (s) => staffOfSlot.get(s.id) ?? '');
  const eventsByStaff = groupBy(
    [...input.events].sort((a, b) => (a.deviceTime < b.deviceTime ? -1 : a.deviceTime > b.deviceTime ? 1 : 0)),
    (e) => e.staffId,
  );
  const leaveByStaff = groupBy(input.leave, (l) => l.staffId);

  // Corrections written later are among the events; only punches of this day put an unrostered person on the list.
  const from = instantOf(addDays(day, -1), '12:00', site.timeZone);
  const to = instantOf(addDays(day, 1), '12:00', site.timeZone);
  const within = (t: string | undefined) => t !== undefined && t >= from && t < to;
  const touches = (e: EventDoc) => (e.kind === 'correction' ? false : e.kind === 'verified-missing-punch' ? e.day === day : within(e.deviceTime));
  const rows: DayRow[] = [];
  for (const person of input.staff) {
    const mine = shiftsByStaff.get(person.id) ?? [];
    const dayShifts = mine.filter((s) => s.day === day);
    const events = eventsByStaff.get(person.id) ?? [];
    const leave = leaveSpans(leaveByStaff.get(person.id) ?? []);
    const onLeave = approvedLeaveOn(day, leave);
    if (dayShifts.length === 0 && !events.some(touches) && (!onLeave || person.status === 'left')) continue;
    const ctx = { leave, trainingDays: trainingDaysOf(input.sessions, person.id) };
    const [classification] = classifyDaysAsOf([day], mine, events, ctx, policy, nowMs);
    rows.push({
      staffId: person.id,
      name: person.name,
      staffNo: person.staffNo,
      shifts: dayShifts,
      presence: presence(day, dayShifts, events, ctx, nowMs),
      classification: classification!,
      events,
      ...(onLeave ? { leave: onLeave } : {}),
    });
  }
  const firstStart = (r: DayRow) => (r.shifts.length ? Math.min(...r.shifts.map((s) => Date.parse(s.start))) : Infinity);
  return rows.sort((a, b) => firstStart(a) - firstStart(b) || a.staffNo.localeCompare(b.staffNo));
}

/**
 * Roster coverage alerts of the day (A/B rule of src/domain/rules/roster.ts),
 * and, while shifts run, posts where nobody rostered is at the post now.
 */
export function dayAlerts(input: DayInput, rows: readonly DayRow[]): DayAlert[] {
  const { day, nowMs, site } = input;
  const shifts = rosteredShifts(input.slots, site.shiftTemplates, site.timeZone).filter((s) => s.day === day);
  const staffOfSlot = new Map(input.slots.map((s) => [s.id, s.staffId]));
  const slotsLike = shifts.map((s) => ({ ...s, staffId: staffOfSlot.get(s.id) ?? '' }));
  const issues: RosterIssue[] = coverageIssues(slotsLike, {
    posts: site.posts,
    days: [day],
    isWorkingDay: input.isWorkingDay,
    qualifications: () => undefined,
    leave: () => [],
  });
  const alerts: DayAlert[] = [];
  for (const i of issues) {
    if (i.code === 'post-uncovered' && i.postId) alerts.push({ kind: 'post-uncovered', postId: i.postId });
    if (i.code === 'backup-not-covering' && i.postId) alerts.push({ kind: 'backup-not-covering', postId: i.postId, ...(i.staffId ? { staffId: i.staffId } : {}) });
  }
  const presenceOf = new Map(rows.map((r) => [r.staffId, r.presence]));
  const running = slotsLike.filter((s) => Date.parse(s.start) <= nowMs && nowMs < Date.parse(s.end));
  for (const [postId, onPost] of groupBy(running, (s) => s.postId)) {
    if (onPost.some((s) => presenceOf.get(s.staffId) === 'in')) continue;
    alerts.push({ kind: 'post-unattended', postId, staffIds: onPost.map((s) => s.staffId) });
  }
  return alerts;
}

/** The window of events a day view reads: noon the day before to noon the day after (site-local). */
export function dayWindow(day: string): { fromDay: string; toDay: string } {
  return { fromDay: addDays(day, -1), toDay: addDays(day, 1) };
}
