import { addDays, addMonths, daysOfMonth } from '../calendar/days';
import { dayOfInstant, instantOf } from '../calendar/time-zone';
import type { LeaveType, Policy } from '../policy';
import type { Staff } from '../schemas/staff';
import type { CorrectiveAction, Inspection } from '../schemas/inspection';
import type { ExamResult } from '../schemas/training';
import { classifyMonth, siteMonthlyFigures, type AttendanceEventLike, type MonthlyFigures, type RosteredShift } from './attendance';
import {
  leaveSpans,
  rosteredShifts,
  trainingDaysOf,
  type LeaveRequestLike,
  type ShiftTemplateLike,
  type SlotLike,
  type TrainingSessionLike,
} from './attendance-inputs';
import { classifyMonthAsOf, presence, type Presence } from './attendance-today';
import { isOverdue } from './corrective-action';
import { serviceTargetStatus, type TargetStatus } from './service-targets';

/**
 * Dashboard figures (reports feature) computed on the device from the raw
 * documents: the view only renders what these functions return.
 */

export type DashStaff = Pick<Staff, 'id' | 'name' | 'staffNo' | 'status' | 'siteId'> & Partial<Pick<Staff, 'hiredOn' | 'leftOn'>>;
export type DashEvent = AttendanceEventLike & { staffId: string };
export type DashLeave = LeaveRequestLike & { staffId: string };
export type DashSession = TrainingSessionLike;
export type DashInspection = Pick<Inspection, 'id' | 'siteId' | 'day' | 'status' | 'score'> & Partial<Pick<Inspection, 'sectionScores' | 'templateKey'>>;
export type DashAction = Pick<CorrectiveAction, 'id' | 'siteId' | 'status' | 'dueDay' | 'day'>;
export type DashResult = Pick<ExamResult, 'staffId' | 'day' | 'status'> & Partial<Pick<ExamResult, 'passed' | 'examId'>>;

export interface SiteData {
  siteId: string;
  timeZone: string;
  shiftTemplates: readonly ShiftTemplateLike[];
  posts: readonly { id: string }[];
  policy: Policy;
  isWorkingDay(day: string): boolean;
  staff: readonly DashStaff[];
  /** Roster slots covering the month (drafts are ignored). */
  slots: readonly SlotLike[];
  events: readonly DashEvent[];
  leave: readonly DashLeave[];
  sessions: readonly (DashSession & { day: string })[];
  results: readonly DashResult[];
  inspections: readonly DashInspection[];
  actions: readonly DashAction[];
}

export interface MonthDashboard {
  month: string;
  attendance: MonthlyFigures;
  /** Leave days by (effective) type, from the attendance classification. */
  leaveDaysByType: Partial<Record<LeaveType, number>>;
  training: {
    sessionsHeld: number;
    /** Seats on the registers of held sessions (excused ones left out). */
    seats: number;
    attended: number;
    /** attended / seats (null with no seats). */
    completionRate: number | null;
    examsFinal: number;
    examsPassed: number;
    examPassRate: number | null;
  };
  inspections: {
    count: number;
    averageScore: number | null;
    passed: number;
    passRate: number | null;
    byDimension: { sectionId: string; average: number; count: number }[];
  };
  actions: { open: number; overdue: number };
  targets: TargetStatus[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/** Submitted or locked inspections count; drafts are work in progress. */
const isFinished = (i: Pick<Inspection, 'status' | 'score'>) => i.status !== 'draft' && i.score !== undefined;

/** The lowest score that is not the failing band (60 with the default bands). */
export function inspectionPassMark(policy: Policy): number {
  const mins = policy.inspection.gradeBands.map((b) => b.min).filter((m) => m > 0);
  return mins.length ? Math.min(...mins) : 0;
}

/** People counted in a month: not gone, or rostered during it (a leaver's last weeks count). */
function countedStaff(site: SiteData, month: string): { person: DashStaff; slots: SlotLike[] }[] {
  const slotsOf = new Map<string, SlotLike[]>();
  for (const s of site.slots) {
    const list = slotsOf.get(s.staffId);
    if (list) list.push(s);
    else slotsOf.set(s.staffId, [s]);
  }
  return site.staff
    .map((person) => ({ person, slots: slotsOf.get(person.id) ?? [] }))
    .filter(({ person, slots }) => person.status !== 'left' || slots.some((s) => s.day.startsWith(month)));
}

function groupByStaff<T extends { staffId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const list = out.get(i.staffId);
    if (list) list.push(i);
    else out.set(i.staffId, [i]);
  }
  return out;
}

const AMENDMENTS: ReadonlySet<string> = new Set(['correction', 'verified-missing-punch']);

/** Punches made in [from, to) and every amendment written since `from` (written later, they amend the period). */
function eventsBearingOn<E extends DashEvent>(events: readonly E[], from: string, to: string): E[] {
  return events.filter((e) => e.deviceTime >= from && (e.deviceTime < to || AMENDMENTS.has(e.kind)));
}

/** Days each person attended a held session in [from, to] (trainingDaysOf for everyone in one pass). */
function trainingDaysByStaff(sessions: readonly (DashSession & { day: string })[], from: string, to: string): Map<string, string[]> {
  const inRange = sessions.filter((s) => s.day >= from && s.day <= to && s.status === 'held');
  const people = new Set(inRange.flatMap((s) => s.attendees.map((a) => a.staffId)));
  return new Map([...people].map((id) => [id, trainingDaysOf(inRange, id)]));
}

/**
 * The rostered shifts of a site's slots in [from, to]. Time-zone conversion is
 * the costly part, so it runs once per (day, shift template), not per slot.
 */
function shiftsOfSlots(site: SiteData, from: string, to: string): Map<string, RosteredShift[]> {
  const instants = new Map<string, RosteredShift | null>();
  const out = new Map<string, RosteredShift[]>();
  for (const slot of site.slots) {
    if (slot.day < from || slot.day > to) continue;
    const key = `${slot.day}\u0000${slot.shiftId}`;
    let shape = instants.get(key);
    if (shape === undefined) instants.set(key, (shape = rosteredShifts([{ ...slot, status: 'published' }], site.shiftTemplates, site.timeZone)[0] ?? null));
    if (!shape || slot.status !== 'published') continue;
    const list = out.get(slot.staffId) ?? [];
    list.push({ ...shape, id: slot.id, postId: slot.postId });
    out.set(slot.staffId, list);
  }
  return out;
}

/** Per person attendance figures of a site, month to date as of `nowMs`. */
export function siteAttendance(site: SiteData, month: string, nowMs: number): { staffId: string; figures: MonthlyFigures }[] {
  const days = daysOfMonth(month);
  const eventsOf = groupByStaff(eventsBearingOn(site.events, instantOf(addDays(days[0]!, -1), '00:00', site.timeZone), instantOf(addDays(days.at(-1)!, 2), '00:00', site.timeZone)));
  const leaveOf = groupByStaff(site.leave);
  // A month that is over needs no "as of now" cut (same figures, less work).
  const over = dayOfInstant(nowMs, site.timeZone) > days.at(-1)!;
  const shiftsOf = shiftsOfSlots(site, addDays(days[0]!, -1), days.at(-1)!);
  const trainingOf = trainingDaysByStaff(site.sessions, days[0]!, days.at(-1)!);
  return countedStaff(site, month).map(({ person }) => {
    const shifts = shiftsOf.get(person.id) ?? [];
    const ctx = { leave: leaveSpans(leaveOf.get(person.id) ?? []), trainingDays: trainingOf.get(person.id) ?? [] };
    const events = eventsOf.get(person.id) ?? [];
    const { figures } = over
      ? classifyMonth(month, shifts, events, ctx, site.isWorkingDay, site.policy)
      : classifyMonthAsOf(month, nowMs, site.timeZone, shifts, events, ctx, site.isWorkingDay, site.policy);
    return { staffId: person.id, figures };
  });
}

/** Share of the people on record a year before the month's end who have not left since. */
export function staffStability(staff: readonly DashStaff[], month: string): number | undefined {
  const end = daysOfMonth(month).at(-1)!;
  const start = addMonths(addDays(end, 1), -12);
  const base = staff.filter((s) => (!s.hiredOn || s.hiredOn <= start) && !(s.leftOn && s.leftOn < start));
  if (base.length === 0) return undefined;
  const stayed = base.filter((s) => !(s.leftOn && s.leftOn <= end)).length;
  return stayed / base.length;
}

/** The month dashboard of one or several sites (the organisation's is over all of them), as of `nowMs`. */
export function monthDashboard(sites: readonly SiteData[], month: string, nowMs: number, policy: Policy): MonthDashboard {
  const inMonth = (day: string) => day.startsWith(month);
  const people = sites.flatMap((s) => siteAttendance(s, month, nowMs).map((p) => p.figures));
  const attendance = siteMonthlyFigures(people);

  let sessionsHeld = 0;
  let seats = 0;
  let attended = 0;
  for (const s of sites.flatMap((x) => x.sessions)) {
    if (s.status !== 'held' || !inMonth(s.day)) continue;
    sessionsHeld += 1;
    for (const a of s.attendees) {
      if (a.status === 'excused') continue;
      seats += 1;
      if (a.status === 'present' || a.status === 'late') attended += 1;
    }
  }
  const finals = sites.flatMap((x) => x.results).filter((r) => r.status === 'final' && inMonth(r.day));
  const examsPassed = finals.filter((r) => r.passed).length;

  const inspections = sites.flatMap((x) => x.inspections).filter((i) => isFinished(i) && inMonth(i.day));
  const passMark = inspectionPassMark(policy);
  const scores = inspections.map((i) => i.score!);
  const passed = scores.filter((s) => s >= passMark).length;
  const dims = new Map<string, { sum: number; count: number }>();
  for (const i of inspections) {
    for (const sec of i.sectionScores ?? []) {
      const d = dims.get(sec.sectionId) ?? { sum: 0, count: 0 };
      d.sum += sec.score;
      d.count += 1;
      dims.set(sec.sectionId, d);
    }
  }

  const monthEnd = daysOfMonth(month).at(-1)!;
  const today = dayOfInstant(nowMs, sites[0]?.timeZone);
  const asOfDay = today < monthEnd ? today : monthEnd;
  const actions = sites.flatMap((x) => x.actions).filter((a) => a.day <= asOfDay);
  const open = actions.filter((a) => a.status !== 'closed').length;
  const overdue = actions.filter((a) => isOverdue(a, asOfDay)).length;

  const passRate = rate(passed, scores.length);
  const stability = staffStability(sites.flatMap((s) => s.staff), month);
  const targets = serviceTargetStatus(
    { ...(passRate !== null ? { qualityPassRate: passRate } : {}), ...(stability !== undefined ? { staffStability: stability } : {}) },
    policy,
  );

  return {
    month,
    attendance,
    leaveDaysByType: attendance.leaveDaysByType,
    training: {
      sessionsHeld,
      seats,
      attended,
      completionRate: rate(attended, seats),
      examsFinal: finals.length,
      examsPassed,
      examPassRate: rate(examsPassed, finals.length),
    },
    inspections: {
      count: scores.length,
      averageScore: scores.length ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
      passed,
      passRate,
      byDimension: [...dims.entries()]
        .map(([sectionId, d]) => ({ sectionId, average: round1(d.sum / d.count), count: d.count }))
        .sort((a, b) => a.sectionId.localeCompare(b.sectionId)),
    },
    actions: { open, overdue },
    targets,
  };
}

export interface TodayDashboard {
  day: string;
  rostered: number;
  /** Checked in (in or away from the post, or already checked out). */
  in: number;
  late: number;
  /** Shift started, no punch yet (or absent after it ended). */
  missing: number;
  onLeave: number;
  /** Posts with no published slot today on a working day (A/B rule). */
  uncoveredPosts: number;
}

/** Today at one or several sites, at `nowMs`. */
export function todayDashboard(sites: readonly SiteData[], nowMs: number): TodayDashboard {
  const day = dayOfInstant(nowMs, sites[0]?.timeZone);
  const out: TodayDashboard = { day, rostered: 0, in: 0, late: 0, missing: 0, onLeave: 0, uncoveredPosts: 0 };
  for (const site of sites) {
    const todays = site.slots.filter((s) => s.day === day && s.status === 'published');
    const covered = new Set(todays.map((s) => s.postId));
    if (site.isWorkingDay(day)) out.uncoveredPosts += site.posts.filter((p) => !covered.has(p.id)).length;
    const eventsOf = groupByStaff(site.events);
    const leaveOf = groupByStaff(site.leave);
    const slotsOf = groupByStaff(todays);
    for (const [staffId, slots] of slotsOf) {
      out.rostered += 1;
      const shifts = rosteredShifts(slots, site.shiftTemplates, site.timeZone);
      const person = { leave: leaveSpans(leaveOf.get(staffId) ?? []), trainingDays: trainingDaysOf(site.sessions, staffId) };
      const events = eventsOf.get(staffId) ?? [];
      const p: Presence = presence(day, shifts, events, person, nowMs);
      if (p === 'in' || p === 'away' || p === 'out') out.in += 1;
      else if (p === 'missing' || p === 'absent') out.missing += 1;
      else if (p === 'leave') out.onLeave += 1;
      const first = Math.min(...shifts.map((s) => Date.parse(s.start)));
      const firstIn = events
        .filter((e) => e.kind === 'check-in' && dayOfInstant(e.deviceTime, site.timeZone) === day)
        .map((e) => Date.parse(e.deviceTime))
        .sort((a, b) => a - b)[0];
      if (firstIn !== undefined && Number.isFinite(first) && firstIn > first + site.policy.attendance.graceMinutes * 60_000) out.late += 1;
    }
  }
  return out;
}
