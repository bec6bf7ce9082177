import type { AttendanceEvent } from '../schemas/attendance';
import type { LeaveType, Policy } from '../policy';
import { daysOfMonth } from '../calendar/days';
import { approvedLeaveOn, type LeaveSpan } from './leave';

/**
 * Daily attendance classification (DOMAIN.md "Attendance"): rostered shifts
 * and the append-only punch events of one person become late / early leave /
 * 旷工 / leave / training per day, and monthly figures. Events may arrive in
 * any order; corrections amend the event they point at.
 */

export type AttendanceEventLike = Pick<
  AttendanceEvent,
  'id' | 'kind' | 'deviceTime' | 'hlc' | 'amends' | 'correctedTime' | 'punch' | 'day'
>;

/** One rostered shift of one person; roster slots map onto it. */
export interface RosteredShift {
  id: string;
  /** The site-local day the shift belongs to (its start day for overnight shifts). */
  day: string;
  /** UTC instants. */
  start: string;
  end: string;
  postId: string;
}

/** Where a shift's rostered minutes went; the parts add up to the rostered minutes. */
export interface MinuteBreakdown {
  worked: number;
  late: number;
  early: number;
  /** Left the post without registering, counted as late (under the first band). */
  leftPost: number;
  /** Nursing breaks (哺乳) within the allowance: normal attendance. */
  nursing: number;
  absent: number;
  leave: number;
  training: number;
}

export type ShiftStatus = 'present' | 'absent' | 'leave' | 'training';

export interface ShiftClassification {
  shiftId: string;
  day: string;
  status: ShiftStatus;
  rosteredMinutes: number;
  minutes: MinuteBreakdown;
  /** Late instances: late check-in within the threshold, or short unregistered absences from the post. */
  lateCount: number;
  earlyCount: number;
  /** 旷工 in half days, before the day's cap of a full day. */
  absenceHalfDays: number;
  unverifiedMissingPunches: number;
  verifiedMissingPunches: number;
  /** Checked in at least 10 minutes (policy) before the start, for the pre-shift meeting (班前会). */
  preShiftArrival?: boolean;
  /** The effective check-in and check-out (UTC ms) used, if any. */
  checkIn?: number;
  checkOut?: number;
  leaveType?: LeaveType;
}

export type DayStatus = 'off' | ShiftStatus;

export interface DayClassification {
  day: string;
  status: DayStatus;
  /** Present, and no lateness, early leave, absence or unverified missing punch. */
  onTime: boolean;
  rosteredMinutes: number;
  minutes: MinuteBreakdown;
  lateCount: number;
  earlyCount: number;
  /** 旷工 in half days, at most 2 (a full day). */
  absenceHalfDays: number;
  unverifiedMissingPunches: number;
  verifiedMissingPunches: number;
  leaveType?: LeaveType;
  shifts: ShiftClassification[];
}

export interface PersonContext {
  /** Approved leave of the person (unapproved spans are ignored). */
  leave?: readonly LeaveSpan[];
  /** Days the person attended a training session. */
  trainingDays?: readonly string[];
  /** Entitled to nursing breaks (哺乳). */
  nursing?: boolean;
}

const MINUTE = 60_000;
/** A punch further than this from every shift belongs to none (rest between shifts is ≥ 11 h by default). */
const ATTACH_WINDOW_MS = 6 * 60 * MINUTE;

type PunchKind = 'in' | 'out' | 'left' | 'returned';

interface Punch {
  kind: PunchKind;
  /** UTC ms; undefined for a verified missing punch without a time ("normal", at the shift boundary). */
  at?: number;
  verified: boolean;
  day?: string;
  order: string;
}

function eventOrder(e: Pick<AttendanceEventLike, 'hlc' | 'id'>): string {
  return `${e.hlc}\u0000${e.id}`;
}

const punchKindOf: Partial<Record<AttendanceEventLike['kind'], PunchKind>> = {
  'check-in': 'in',
  'check-out': 'out',
  'left-post': 'left',
  returned: 'returned',
};

/** The latest correction (by HLC) of each original event, following corrections of corrections. */
function collectCorrections(events: readonly AttendanceEventLike[], latestCorrection: Map<string, AttendanceEventLike>): void {
  const byId = new Map(events.map((e) => [e.id, e]));
  const rootOf = (e: AttendanceEventLike): AttendanceEventLike | undefined => {
    let cur: AttendanceEventLike | undefined = e;
    for (let hops = 0; cur?.kind === 'correction' && hops < 32; hops++) {
      cur = cur.amends === undefined ? undefined : byId.get(cur.amends);
    }
    return cur?.kind === 'correction' ? undefined : cur;
  };
  for (const e of events) {
    if (e.kind !== 'correction') continue;
    const root = rootOf(e);
    if (!root) continue;
    const prev = latestCorrection.get(root.id);
    if (!prev || eventOrder(e) > eventOrder(prev)) latestCorrection.set(root.id, e);
  }
}

/**
 * Applies corrections and turns events into punches. A correction with a
 * `correctedTime` moves the event it amends; one without withdraws it. The
 * latest correction (by HLC) of an event wins; a correction of a correction
 * amends the same original event.
 */
export function resolvePunches(events: readonly AttendanceEventLike[]): Punch[] {
  const latestCorrection = new Map<string, AttendanceEventLike>();
  if (events.some((e) => e.kind === 'correction')) collectCorrections(events, latestCorrection);

  const punches: Punch[] = [];
  for (const e of events) {
    if (e.kind === 'correction') continue;
    const correction = latestCorrection.get(e.id);
    if (correction && correction.correctedTime === undefined) continue; // withdrawn
    const time = correction?.correctedTime ?? (e.kind === 'verified-missing-punch' ? e.correctedTime : e.deviceTime);
    if (e.kind === 'verified-missing-punch') {
      if (!e.punch) continue;
      punches.push({
        kind: e.punch,
        at: time === undefined ? undefined : Date.parse(time),
        verified: true,
        day: e.day,
        order: eventOrder(e),
      });
      continue;
    }
    const kind = punchKindOf[e.kind];
    if (kind && time !== undefined) punches.push({ kind, at: Date.parse(time), verified: false, order: eventOrder(e) });
  }
  return punches.sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
}

interface ShiftSpan {
  shift: RosteredShift;
  start: number;
  end: number;
  punches: Punch[];
}

/** Distance from an instant to a shift: 0 inside it; ties broken by the end a punch of this kind aims at. */
function attachCost(p: Punch & { at: number }, s: ShiftSpan): [number, number] {
  const outside = p.at < s.start ? s.start - p.at : p.at > s.end ? p.at - s.end : 0;
  const anchor = p.kind === 'in' ? s.start : p.kind === 'out' ? s.end : p.at;
  return [outside, Math.abs(p.at - anchor)];
}

function attach(punches: readonly Punch[], spans: ShiftSpan[]): void {
  const untimed: Punch[] = [];
  for (const p of punches) {
    if (p.at === undefined) {
      untimed.push(p);
      continue;
    }
    const timed = p as Punch & { at: number };
    let best: ShiftSpan | undefined;
    let bestCost: [number, number] = [Infinity, Infinity];
    for (const s of spans) {
      const c = attachCost(timed, s);
      if (c[0] > ATTACH_WINDOW_MS) continue;
      if (c[0] < bestCost[0] || (c[0] === bestCost[0] && c[1] < bestCost[1])) {
        best = s;
        bestCost = c;
      }
    }
    best?.punches.push(p);
  }
  // A verified missing punch without a time fills the first shift of its day that lacks that punch.
  for (const p of untimed) {
    const target = spans.find((s) => s.shift.day === p.day && !s.punches.some((q) => q.kind === p.kind));
    target?.punches.push(p);
  }
}

const emptyMinutes = (): MinuteBreakdown => ({
  worked: 0,
  late: 0,
  early: 0,
  leftPost: 0,
  nursing: 0,
  absent: 0,
  leave: 0,
  training: 0,
});

/** 旷工 for missed minutes: up to half the day's rostered time is half a day, more is a full day. */
export function halfDaysForMissedMinutes(missed: number, dayRosteredMinutes: number): number {
  if (missed <= 0) return 0;
  return missed <= dayRosteredMinutes / 2 ? 1 : 2;
}

/** Left the post without registering: under 1 h → late; 1–4 h → half-day 旷工; over 4 h → full-day 旷工. */
export function leftPostOutcome(minutes: number, policy: Policy): 'none' | 'late' | 'half-day' | 'full-day' {
  const a = policy.attendance;
  if (minutes <= 0) return 'none';
  if (minutes < a.leftPostLateBelowMinutes) return 'late';
  if (minutes <= a.leftPostHalfDayUpToMinutes) return 'half-day';
  return 'full-day';
}

function clampTo(t: number, lo: number, hi: number): number {
  return t < lo ? lo : t > hi ? hi : t;
}

function classifyShift(
  span: ShiftSpan,
  dayRosteredMinutes: number,
  ctx: { leave?: LeaveSpan; training: boolean; nursing: boolean },
  policy: Policy,
): ShiftClassification {
  const a = policy.attendance;
  const { shift, start, end } = span;
  const rostered = Math.round((end - start) / MINUTE);
  const minutes = emptyMinutes();
  const base = {
    shiftId: shift.id,
    day: shift.day,
    rosteredMinutes: rostered,
    lateCount: 0,
    earlyCount: 0,
    absenceHalfDays: 0,
    unverifiedMissingPunches: 0,
    verifiedMissingPunches: 0,
  };
  if (ctx.leave) return { ...base, status: 'leave', minutes: { ...minutes, leave: rostered }, leaveType: ctx.leave.type };
  if (ctx.training) return { ...base, status: 'training', minutes: { ...minutes, training: rostered } };

  // One pass over the punches: earliest check-in, latest check-out (a verified missing punch
  // without a time is "normal": as if punched at the shift boundary).
  let inAt: number | undefined;
  let outAt: number | undefined;
  let verifiedCount = 0;
  for (const p of span.punches) {
    if (p.kind === 'in') {
      const t = p.at ?? start;
      if (inAt === undefined || t < inAt) inAt = t;
    } else if (p.kind === 'out') {
      const t = p.at ?? end;
      if (outAt === undefined || t > outAt) outAt = t;
    } else continue;
    if (p.verified) verifiedCount += 1;
  }
  if (inAt === undefined && outAt === undefined) {
    return {
      ...base,
      status: 'absent',
      minutes: { ...minutes, absent: rostered },
      absenceHalfDays: halfDaysForMissedMinutes(rostered, dayRosteredMinutes),
    };
  }
  const from = clampTo(inAt ?? start, start, end);
  const to = Math.max(from, clampTo(outAt ?? end, start, end));
  let halfDays = 0;
  let lateCount = 0;
  let earlyCount = 0;

  const unverified = (inAt === undefined ? 1 : 0) + (outAt === undefined ? 1 : 0);
  halfDays += unverified * a.unverifiedMissingPunchHalfDays;

  // Rostered time = before arrival + present + after departure; each part goes to exactly one bucket.
  const before = Math.round((from - start) / MINUTE);
  const after = Math.round((end - to) / MINUTE);
  const present = rostered - before - after;

  // Late arrival: within grace it counts as worked; beyond the threshold the missed time is 旷工.
  if (inAt !== undefined && before > a.graceMinutes) {
    if (before > a.absenceThresholdMinutes) {
      minutes.absent += before;
      halfDays += halfDaysForMissedMinutes(before, dayRosteredMinutes);
    } else {
      minutes.late += before;
      lateCount += 1;
    }
  } else minutes.worked += before;
  if (outAt !== undefined && after > a.earlyLeaveGraceMinutes) {
    if (after > a.absenceThresholdMinutes) {
      minutes.absent += after;
      halfDays += halfDaysForMissedMinutes(after, dayRosteredMinutes);
    } else {
      minutes.early += after;
      earlyCount += 1;
    }
  } else minutes.worked += after;

  // Unregistered absences from the post inside the attended time, each until the next return (or departure).
  let nursingLeft = ctx.nursing ? a.nursingBreaksPerDay : 0;
  let awayTotal = 0;
  let cursor = from;
  for (const l of span.punches) {
    if (l.kind !== 'left') continue;
    const returns = span.punches.filter((p) => p.kind === 'returned').map((p) => p.at!);
    const leftAt = Math.max(cursor, Math.min(to, l.at!));
    cursor = Math.max(leftAt, Math.min(to, returns.find((r) => r >= leftAt) ?? to));
    let away = Math.round((cursor - leftAt) / MINUTE);
    if (away <= 0) continue;
    away = Math.min(away, present - awayTotal);
    awayTotal += away;
    if (nursingLeft > 0) {
      nursingLeft -= 1;
      const excused = Math.min(away, a.nursingBreakMinutes);
      minutes.nursing += excused;
      away -= excused;
    }
    const outcome = leftPostOutcome(away, policy);
    if (outcome === 'late') {
      minutes.leftPost += away;
      lateCount += 1;
    } else if (outcome !== 'none') {
      minutes.absent += away;
      halfDays += outcome === 'half-day' ? 1 : 2;
    }
  }
  minutes.worked += present - awayTotal;

  return {
    ...base,
    status: 'present',
    minutes,
    lateCount,
    earlyCount,
    absenceHalfDays: halfDays,
    unverifiedMissingPunches: unverified,
    verifiedMissingPunches: verifiedCount,
    preShiftArrival: inAt !== undefined && inAt <= start - a.preShiftArrivalMinutes * MINUTE,
    ...(inAt !== undefined ? { checkIn: inAt } : {}),
    ...(outAt !== undefined ? { checkOut: outAt } : {}),
  };
}

function addMinutes(total: MinuteBreakdown, m: MinuteBreakdown): void {
  total.worked += m.worked;
  total.late += m.late;
  total.early += m.early;
  total.leftPost += m.leftPost;
  total.nursing += m.nursing;
  total.absent += m.absent;
  total.leave += m.leave;
  total.training += m.training;
}

function dayStatus(shifts: readonly ShiftClassification[]): DayStatus {
  if (shifts.some((s) => s.status === 'present')) return 'present';
  if (shifts.some((s) => s.status === 'training')) return 'training';
  if (shifts.some((s) => s.status === 'leave')) return 'leave';
  return 'absent';
}

/**
 * Classifies every day from `days` for one person: the shifts rostered on
 * those days against the person's punch events (any order, corrections
 * applied). Punches attach to the nearest shift, so overnight shifts and
 * several shifts a day need no special case; pass events from a little before
 * the first and after the last day so overnight punches are not cut off.
 */
export function classifyDays(
  days: readonly string[],
  shifts: readonly RosteredShift[],
  events: readonly AttendanceEventLike[],
  person: PersonContext,
  policy: Policy,
): DayClassification[] {
  const spans: ShiftSpan[] = shifts
    .map((shift) => ({ shift, start: Date.parse(shift.start), end: Date.parse(shift.end), punches: [] as Punch[] }))
    .sort((x, y) => x.start - y.start || (x.shift.id < y.shift.id ? -1 : 1));
  attach(resolvePunches(events), spans);

  const leave = (person.leave ?? []).filter((l) => l.approved);
  const training = new Set(person.trainingDays ?? []);
  const spansByDay = new Map<string, ShiftSpan[]>();
  for (const s of spans) {
    const list = spansByDay.get(s.shift.day);
    if (list) list.push(s);
    else spansByDay.set(s.shift.day, [s]);
  }

  const nursing = person.nursing ?? false;
  const out: DayClassification[] = [];
  // Plain loops: this runs for every person-day of a month and allocates little.
  for (const day of days) {
    const daySpans = spansByDay.get(day) ?? [];
    const onLeave = approvedLeaveOn(day, leave);
    const atTraining = training.has(day);
    let dayRostered = 0;
    for (const s of daySpans) dayRostered += Math.round((s.end - s.start) / MINUTE);
    const ctx = { leave: onLeave, training: atTraining, nursing };
    const results: ShiftClassification[] = [];
    let lateCount = 0;
    let earlyCount = 0;
    let halfDays = 0;
    let unverifiedMissingPunches = 0;
    let verifiedMissingPunches = 0;
    const minutes = emptyMinutes();
    for (const s of daySpans) {
      const r = classifyShift(s, dayRostered, ctx, policy);
      results.push(r);
      lateCount += r.lateCount;
      earlyCount += r.earlyCount;
      halfDays += r.absenceHalfDays;
      unverifiedMissingPunches += r.unverifiedMissingPunches;
      verifiedMissingPunches += r.verifiedMissingPunches;
      addMinutes(minutes, r.minutes);
    }
    const status: DayStatus =
      results.length > 0 ? dayStatus(results) : onLeave ? 'leave' : atTraining ? 'training' : 'off';
    const absenceHalfDays = Math.min(2, halfDays);
    const result: DayClassification = {
      day,
      status,
      onTime:
        status === 'present' && lateCount === 0 && earlyCount === 0 && absenceHalfDays === 0 && unverifiedMissingPunches === 0,
      rosteredMinutes: dayRostered,
      minutes,
      lateCount,
      earlyCount,
      absenceHalfDays,
      unverifiedMissingPunches,
      verifiedMissingPunches,
      shifts: results,
    };
    if (onLeave) result.leaveType = onLeave.type;
    out.push(result);
  }
  return out;
}

/** Classifies a single day (convenience over `classifyDays`). */
export function classifyDay(
  day: string,
  shifts: readonly RosteredShift[],
  events: readonly AttendanceEventLike[],
  person: PersonContext,
  policy: Policy,
): DayClassification {
  return classifyDays([day], shifts, events, person, policy)[0]!;
}

export interface MonthlyFigures {
  workingDays: number;
  /** The 出勤率 denominator: working days, or rostered days (see RateBasis). */
  attendanceBase: number;
  rosteredDays: number;
  attendedDays: number;
  onTimeDays: number;
  /** The base less leave and training days: the 准时出勤率 denominator. */
  onTimeBase: number;
  /** 出勤率 = days attended / working days (0–1; null when the base is 0). */
  attendanceRate: number | null;
  /** 准时出勤率 = days on time / (working days − leave − training days) (0–1; null when that is 0). */
  onTimeRate: number | null;
  lateCount: number;
  earlyCount: number;
  absenceHalfDays: number;
  unverifiedMissingPunches: number;
  leaveDaysByType: Partial<Record<LeaveType, number>>;
}

function ratio(n: number, d: number): number | null {
  return d > 0 ? Math.min(1, n / d) : null;
}

/**
 * What the rates divide by. `working-days` (DOMAIN.md): the working days of
 * the site's calendar. `rostered-days`: the days the person was rostered —
 * fairer for relief staff and for centres open every day.
 */
export type RateBasis = 'working-days' | 'rostered-days';

/**
 * Monthly figures from classified days. `isWorkingDay` is the site's working
 * calendar. Attended days beyond the base (weekend shifts) do not push a rate
 * above 1.
 */
export function monthlyFigures(
  days: readonly DayClassification[],
  isWorkingDay: (day: string) => boolean,
  basis: RateBasis = 'working-days',
): MonthlyFigures {
  let workingDays = 0;
  let base = 0;
  let excluded = 0;
  const leaveDaysByType: Partial<Record<LeaveType, number>> = {};
  const f = { rosteredDays: 0, attendedDays: 0, onTimeDays: 0, lateCount: 0, earlyCount: 0, absenceHalfDays: 0, unverifiedMissingPunches: 0 };
  for (const d of days) {
    const working = isWorkingDay(d.day);
    const rostered = d.rosteredMinutes > 0;
    const inBase = basis === 'working-days' ? working : rostered;
    if (working) workingDays += 1;
    if (inBase) base += 1;
    if (rostered) f.rosteredDays += 1;
    if (d.status === 'present' || d.status === 'training') f.attendedDays += 1;
    if (d.onTime) f.onTimeDays += 1;
    if (inBase && (d.status === 'leave' || d.status === 'training')) excluded += 1;
    if (d.status === 'leave' && d.leaveType && (working || rostered)) {
      leaveDaysByType[d.leaveType] = (leaveDaysByType[d.leaveType] ?? 0) + 1;
    }
    f.lateCount += d.lateCount;
    f.earlyCount += d.earlyCount;
    f.absenceHalfDays += d.absenceHalfDays;
    f.unverifiedMissingPunches += d.unverifiedMissingPunches;
  }
  const onTimeBase = Math.max(0, base - excluded);
  return {
    ...f,
    workingDays,
    attendanceBase: base,
    onTimeBase,
    attendanceRate: ratio(f.attendedDays, base),
    onTimeRate: ratio(f.onTimeDays, onTimeBase),
    leaveDaysByType,
  };
}

const monthDays = new Map<string, readonly string[]>();
function cachedDaysOfMonth(month: string): readonly string[] {
  let days = monthDays.get(month);
  if (!days) monthDays.set(month, (days = daysOfMonth(month)));
  return days;
}

/** One person's month: every day of `month` (YYYY-MM) classified, and the figures. */
export function classifyMonth(
  month: string,
  shifts: readonly RosteredShift[],
  events: readonly AttendanceEventLike[],
  person: PersonContext,
  isWorkingDay: (day: string) => boolean,
  policy: Policy,
  basis: RateBasis = 'working-days',
): { days: DayClassification[]; figures: MonthlyFigures } {
  const days = classifyDays(cachedDaysOfMonth(month), shifts, events, person, policy);
  return { days, figures: monthlyFigures(days, isWorkingDay, basis) };
}

/** A site's monthly figures: the people's counts summed and the rates pooled over them. */
export function siteMonthlyFigures(people: readonly MonthlyFigures[]): MonthlyFigures {
  const total: MonthlyFigures = {
    workingDays: 0,
    attendanceBase: 0,
    rosteredDays: 0,
    attendedDays: 0,
    onTimeDays: 0,
    onTimeBase: 0,
    attendanceRate: null,
    onTimeRate: null,
    lateCount: 0,
    earlyCount: 0,
    absenceHalfDays: 0,
    unverifiedMissingPunches: 0,
    leaveDaysByType: {},
  };
  for (const p of people) {
    total.workingDays += p.workingDays;
    total.attendanceBase += p.attendanceBase;
    total.rosteredDays += p.rosteredDays;
    total.attendedDays += Math.min(p.attendedDays, p.attendanceBase);
    total.onTimeDays += Math.min(p.onTimeDays, p.onTimeBase);
    total.onTimeBase += p.onTimeBase;
    total.lateCount += p.lateCount;
    total.earlyCount += p.earlyCount;
    total.absenceHalfDays += p.absenceHalfDays;
    total.unverifiedMissingPunches += p.unverifiedMissingPunches;
    for (const [type, n] of Object.entries(p.leaveDaysByType) as [LeaveType, number][]) {
      total.leaveDaysByType[type] = (total.leaveDaysByType[type] ?? 0) + n;
    }
  }
  total.attendanceRate = ratio(total.attendedDays, total.attendanceBase);
  total.onTimeRate = ratio(total.onTimeDays, total.onTimeBase);
  return total;
}
