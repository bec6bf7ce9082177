import { daysOfMonth } from '../calendar/days';
import { dayOfInstant } from '../calendar/time-zone';
import type { Policy } from '../policy';
import {
  classifyDays,
  leftPostOutcome,
  monthlyFigures,
  resolvePunches,
  type AttendanceEventLike,
  type DayClassification,
  type MonthlyFigures,
  type PersonContext,
  type RateBasis,
  type RosteredShift,
  type ShiftClassification,
} from './attendance';
import { approvedLeaveOn } from './leave';

/**
 * Attendance while the day is still running: the kiosk's instant answer to a
 * punch ("on time", "late 12 min"), the team leader's live view (who is in,
 * away, missing) and figures "as of now" that do not count a check-out that
 * cannot have happened yet. Every verdict comes from the rules in
 * attendance.ts; this file only decides which events and shifts to ask about.
 */

const MINUTE = 60_000;
/** Same reach as the classification's punch attachment: a punch further from every shift belongs to none. */
const REACH_MS = 6 * 60 * MINUTE;

export type PunchKind = 'check-in' | 'check-out' | 'left-post' | 'returned';

export type PunchVerdict =
  /** No rostered shift within reach of the punch: recorded, measured against nothing. */
  | { kind: 'no-shift' }
  | { kind: 'on-time'; shiftId: string; preShift: boolean; effectiveAt: number }
  | { kind: 'late'; shiftId: string; minutes: number; effectiveAt: number }
  /** Later than the absence threshold: the missed time counts as 旷工. */
  | { kind: 'late-absence'; shiftId: string; minutes: number; effectiveAt: number }
  | { kind: 'on-time-out'; shiftId: string; effectiveAt: number }
  | { kind: 'early'; shiftId: string; minutes: number; effectiveAt: number }
  | { kind: 'early-absence'; shiftId: string; minutes: number; effectiveAt: number }
  /** Left the post: back within `lateBelowMinutes` counts as late only. */
  | { kind: 'left'; lateBelowMinutes: number }
  | { kind: 'back'; minutes: number; outcome: 'none' | 'late' | 'half-day' | 'full-day' }
  /** "Back at post" with no open absence from the post. */
  | { kind: 'not-away' };

function probeEvent(id: string, kind: 'check-in' | 'check-out', atMs: number): AttendanceEventLike {
  return { id, kind, deviceTime: new Date(atMs).toISOString(), hlc: `${String(atMs).padStart(13, '0')}:9999:~probe` };
}

function shiftDays(shifts: readonly RosteredShift[]): string[] {
  return [...new Set(shifts.map((s) => s.day))].sort();
}

function classifiedShifts(shifts: readonly RosteredShift[], events: readonly AttendanceEventLike[], policy: Policy): ShiftClassification[] {
  return classifyDays(shiftDays(shifts), shifts, events, {}, policy).flatMap((d) => d.shifts);
}

const isArrival = (e: AttendanceEventLike) => e.kind === 'check-in' || (e.kind === 'verified-missing-punch' && e.punch === 'in');
const isDeparture = (e: AttendanceEventLike) => e.kind === 'check-out' || (e.kind === 'verified-missing-punch' && e.punch === 'out');

/**
 * Which shift a new check-in or check-out belongs to, and what it counts as
 * under the rules, judged on that punch kind alone (the other end of the shift
 * is assumed normal). `earlier` are the person's events before this one; the
 * earliest check-in and the latest check-out of a shift are the ones that count.
 */
function arrivalOrDeparture(
  kind: 'check-in' | 'check-out',
  atMs: number,
  shifts: readonly RosteredShift[],
  earlier: readonly AttendanceEventLike[],
  policy: Policy,
): PunchVerdict {
  const arriving = kind === 'check-in';
  const probe = probeEvent('~new', kind, atMs);
  // The other end of every shift, as if punched on time.
  const counterparts = shifts.map((s, i) => probeEvent(`~end${i}`, arriving ? 'check-out' : 'check-in', Date.parse(arriving ? s.end : s.start)));
  const alone = classifiedShifts(shifts, [probe, ...counterparts], policy);
  const hit = alone.find((c) => (arriving ? c.checkIn : c.checkOut) === atMs);
  if (!hit) return { kind: 'no-shift' };
  const same = earlier.filter((e) => e.kind === 'correction' || (arriving ? isArrival(e) : isDeparture(e)));
  const all = classifiedShifts(shifts, [...same, probe, ...counterparts], policy);
  const c = all.find((x) => x.shiftId === hit.shiftId) ?? hit;
  const effectiveAt = (arriving ? c.checkIn : c.checkOut) ?? atMs;
  const base = { shiftId: c.shiftId, effectiveAt };
  if (arriving) {
    if (c.minutes.late > 0) return { kind: 'late', minutes: c.minutes.late, ...base };
    if (c.minutes.absent > 0) return { kind: 'late-absence', minutes: c.minutes.absent, ...base };
    return { kind: 'on-time', preShift: c.preShiftArrival === true, ...base };
  }
  if (c.minutes.early > 0) return { kind: 'early', minutes: c.minutes.early, ...base };
  if (c.minutes.absent > 0) return { kind: 'early-absence', minutes: c.minutes.absent, ...base };
  return { kind: 'on-time-out', ...base };
}

/** The open absence from the post at `atMs`: the last "left" punch with no return after it. */
function openLeftAt(events: readonly AttendanceEventLike[], atMs: number): number | undefined {
  let left: number | undefined;
  for (const p of resolvePunches(events)) {
    if (p.at === undefined || p.at > atMs) continue;
    if (p.kind === 'left') left = p.at;
    else if (p.kind === 'returned' || p.kind === 'in' || p.kind === 'out') left = undefined;
  }
  return left;
}

/**
 * The kiosk's instant answer to a punch: late / on time / early leave against
 * the person's rostered shift, or how long they were away from the post.
 */
export function punchVerdict(
  kind: PunchKind,
  atMs: number,
  shifts: readonly RosteredShift[],
  earlier: readonly AttendanceEventLike[],
  policy: Policy,
): PunchVerdict {
  if (kind === 'check-in' || kind === 'check-out') return arrivalOrDeparture(kind, atMs, shifts, earlier, policy);
  if (kind === 'left-post') return { kind: 'left', lateBelowMinutes: policy.attendance.leftPostLateBelowMinutes };
  const leftAt = openLeftAt(earlier, atMs);
  if (leftAt === undefined) return { kind: 'not-away' };
  const minutes = Math.round((atMs - leftAt) / MINUTE);
  return { kind: 'back', minutes, outcome: leftPostOutcome(minutes, policy) };
}

/**
 * An earlier event of the same person and kind within `windowMs`: a second tap
 * (or a second try after a slow screen) that must not make a second event.
 */
export function duplicatePunch<E extends Pick<AttendanceEventLike, 'kind' | 'deviceTime'> & { staffId: string }>(
  events: readonly E[],
  staffId: string,
  kind: PunchKind,
  atMs: number,
  windowMs: number,
): E | undefined {
  return events.find((e) => e.staffId === staffId && e.kind === kind && Math.abs(Date.parse(e.deviceTime) - atMs) < windowMs);
}

/**
 * Shifts and events "as of" an instant: shifts not yet started are left out,
 * running ones end now, and a person who checked in for a running shift gets
 * a check-out now (a check-out that cannot have happened yet is not a missing
 * punch); with no check-in the shift counts as missed so far.
 */
export function asOf(
  shifts: readonly RosteredShift[],
  events: readonly AttendanceEventLike[],
  nowMs: number,
): { shifts: RosteredShift[]; events: AttendanceEventLike[] } {
  const now = new Date(nowMs).toISOString();
  const punches = resolvePunches(events);
  const outShifts: RosteredShift[] = [];
  const extra: AttendanceEventLike[] = [];
  for (const s of shifts) {
    const start = Date.parse(s.start);
    const end = Date.parse(s.end);
    if (start >= nowMs) continue;
    if (end <= nowMs) {
      outShifts.push(s);
      continue;
    }
    outShifts.push({ ...s, end: now });
    const near = (kind: 'in' | 'out', from: number) =>
      punches.some((p) => p.kind === kind && (p.at === undefined ? p.day === s.day : p.at >= from && p.at <= nowMs));
    // Someone who has arrived is not missing a check-out yet; someone who has not stays absent so far.
    if (near('in', start - REACH_MS) && !near('out', start)) extra.push(probeEvent(`~asof:${s.id}`, 'check-out', nowMs));
  }
  return { shifts: outShifts, events: extra.length ? [...events, ...extra] : [...events] };
}

/** `classifyDays` as of an instant (see `asOf`): the live day, and month-to-date figures. */
export function classifyDaysAsOf(
  days: readonly string[],
  shifts: readonly RosteredShift[],
  events: readonly AttendanceEventLike[],
  person: PersonContext,
  policy: Policy,
  nowMs: number,
): DayClassification[] {
  const cut = asOf(shifts, events, nowMs);
  return classifyDays(days, cut.shifts, cut.events, person, policy);
}

/** The days of a month up to and including the site-local day of `nowMs` (all of it for a past month). */
export function monthDaysUpTo(month: string, nowMs: number, timeZone: string): string[] {
  const today = dayOfInstant(nowMs, timeZone);
  return daysOfMonth(month).filter((d) => d <= today);
}

/** One person's month to date: days classified as of now and the monthly figures over them. */
export function classifyMonthAsOf(
  month: string,
  nowMs: number,
  timeZone: string,
  shifts: readonly RosteredShift[],
  events: readonly AttendanceEventLike[],
  person: PersonContext,
  isWorkingDay: (day: string) => boolean,
  policy: Policy,
  basis: RateBasis = 'working-days',
): { days: DayClassification[]; figures: MonthlyFigures } {
  const days = classifyDaysAsOf(monthDaysUpTo(month, nowMs, timeZone), shifts, events, person, policy, nowMs);
  return { days, figures: monthlyFigures(days, isWorkingDay, basis) };
}

/** Where a rostered person is right now, for the team leader's day view. */
export type Presence = 'leave' | 'training' | 'not-due' | 'missing' | 'in' | 'away' | 'out' | 'absent';

/**
 * A person's presence on a day at `nowMs`: on leave or at training; else from
 * the last punch near the day's shifts (in, away from the post, checked out);
 * with no punch, not due yet before the first shift, missing during the shifts
 * and absent once they are over.
 */
export function presence(
  day: string,
  dayShifts: readonly RosteredShift[],
  events: readonly AttendanceEventLike[],
  person: PersonContext,
  nowMs: number,
): Presence {
  if (approvedLeaveOn(day, (person.leave ?? []).filter((l) => l.approved))) return 'leave';
  if (person.trainingDays?.includes(day)) return 'training';
  if (dayShifts.length === 0) return 'not-due';
  const first = Math.min(...dayShifts.map((s) => Date.parse(s.start)));
  const last = Math.max(...dayShifts.map((s) => Date.parse(s.end)));
  let latest: ReturnType<typeof resolvePunches>[number] | undefined;
  for (const p of resolvePunches(events)) {
    const at = p.at ?? (p.day === day ? first : undefined);
    if (at === undefined || at < first - REACH_MS || at > last + REACH_MS || at > nowMs) continue;
    latest = p;
  }
  if (latest) return latest.kind === 'left' ? 'away' : latest.kind === 'out' ? 'out' : 'in';
  if (nowMs < first) return 'not-due';
  return nowMs < last ? 'missing' : 'absent';
}

export interface MissingPunchInput {
  explanation: string;
  witness?: string;
  /** The manager signing off (the person writing, when they may). */
  approvedBy?: string;
}

export type MissingPunchIssue = 'explanation-required' | 'witness-or-sign-off-required';

/**
 * A missing punch counts as verified with the team leader's explanation and
 * either a witness or a manager's sign-off (DOMAIN.md "Attendance").
 */
export function missingPunchIssues(input: MissingPunchInput): MissingPunchIssue[] {
  const issues: MissingPunchIssue[] = [];
  if (!input.explanation.trim()) issues.push('explanation-required');
  if (!input.witness?.trim() && !input.approvedBy) issues.push('witness-or-sign-off-required');
  return issues;
}
