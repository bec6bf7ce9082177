import type { DocOf } from '../../domain/collections';
import type { LeaveType, Policy } from '../../domain/policy';
import { siteMonthlyFigures, type MonthlyFigures } from '../../domain/rules/attendance';
import { leaveSpans, rosteredShifts, trainingDaysOf, type LeaveRequestLike, type SlotLike, type TrainingSessionLike } from '../../domain/rules/attendance-inputs';
import { classifyMonthAsOf } from '../../domain/rules/attendance-today';
import type { Site } from '../../domain/schemas/site';
import { groupBy } from './group';
import type { Column } from '../../app/export';

/**
 * The monthly attendance summary of a site (出勤率, 准时出勤率, counts) per
 * person and for the site, month to date, from the domain rules.
 */

type StaffLike = Pick<DocOf<'staff'>, 'id' | 'name' | 'staffNo' | 'status'>;

export interface MonthInput {
  month: string;
  nowMs: number;
  site: Pick<Site, 'shiftTemplates' | 'timeZone'>;
  staff: readonly StaffLike[];
  /** Slots from the last day of the previous month to the end of the month. */
  slots: readonly SlotLike[];
  events: readonly Pick<DocOf<'attendance'>, 'id' | 'staffId' | 'kind' | 'deviceTime' | 'hlc' | 'amends' | 'correctedTime' | 'punch' | 'day'>[];
  leave: readonly (LeaveRequestLike & { staffId: string })[];
  sessions: readonly TrainingSessionLike[];
  policy: Policy;
  isWorkingDay(day: string): boolean;
}

export interface MonthRow {
  staffId: string;
  name: string;
  staffNo: string;
  figures: MonthlyFigures;
}

/** People of the site who are not gone, and anyone rostered in the month (a leaver's last weeks count). */
export function buildMonthRows(input: MonthInput): { rows: MonthRow[]; total: MonthlyFigures } {
  const { month, nowMs, site, policy } = input;
  const shifts = rosteredShifts(input.slots, site.shiftTemplates, site.timeZone);
  const staffOfSlot = new Map(input.slots.map((s) => [s.id, s.staffId]));
  const shiftsOf = groupBy(shifts, (s) => staffOfSlot.get(s.id) ?? '');
  const eventsOf = groupBy(input.events, (e) => e.staffId);
  const leaveOf = groupBy(input.leave, (l) => l.staffId);
  const rows: MonthRow[] = [];
  for (const person of input.staff) {
    const mine = shiftsOf.get(person.id) ?? [];
    const inMonth = mine.some((s) => s.day.startsWith(month));
    if (person.status === 'left' && !inMonth) continue;
    const events = eventsOf.get(person.id) ?? [];
    const ctx = { leave: leaveSpans(leaveOf.get(person.id) ?? []), trainingDays: trainingDaysOf(input.sessions, person.id) };
    const { figures } = classifyMonthAsOf(month, nowMs, site.timeZone, mine, events, ctx, input.isWorkingDay, policy);
    rows.push({ staffId: person.id, name: person.name, staffNo: person.staffNo, figures });
  }
  rows.sort((a, b) => a.staffNo.localeCompare(b.staffNo));
  return { rows, total: siteMonthlyFigures(rows.map((r) => r.figures)) };
}

/** A rate as a percentage with one decimal, or empty when there is no base. */
export function percent(rate: number | null): string {
  return rate === null ? '' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function leaveDays(f: MonthlyFigures): number {
  return Object.values(f.leaveDaysByType).reduce((a, b) => a + (b ?? 0), 0);
}

/** The columns of the on-screen table, the CSV and the spreadsheet alike. */
export function monthColumns(t: (key: string) => string, leaveTypeLabel: (type: LeaveType) => string): (Column<MonthRow> & { key: string })[] {
  const h = (key: string) => ({ key, header: t(`attendance.month.col.${key}`) });
  return [
    { ...h('staffNo'), value: (r) => r.staffNo },
    { ...h('name'), value: (r) => r.name },
    { ...h('base'), value: (r) => r.figures.attendanceBase },
    { ...h('rostered'), value: (r) => r.figures.rosteredDays },
    { ...h('attended'), value: (r) => r.figures.attendedDays },
    { ...h('attendanceRate'), value: (r) => percent(r.figures.attendanceRate) },
    { ...h('onTime'), value: (r) => r.figures.onTimeDays },
    { ...h('onTimeBase'), value: (r) => r.figures.onTimeBase },
    { ...h('onTimeRate'), value: (r) => percent(r.figures.onTimeRate) },
    { ...h('late'), value: (r) => r.figures.lateCount },
    { ...h('early'), value: (r) => r.figures.earlyCount },
    { ...h('absence'), value: (r) => r.figures.absenceHalfDays / 2 },
    { ...h('missing'), value: (r) => r.figures.unverifiedMissingPunches },
    { ...h('leave'), value: (r) => leaveDays(r.figures) },
    {
      ...h('leaveTypes'),
      value: (r) =>
        (Object.entries(r.figures.leaveDaysByType) as [LeaveType, number][])
          .map(([type, n]) => `${leaveTypeLabel(type)} ${n}`)
          .join('; '),
    },
  ];
}
