import { addDays, addMonths, dayOfWeek, eachDay } from '../calendar/days';
import type { Inspection } from '../schemas/inspection';
import type { InspectionPlan, PlanFrequency } from '../schemas/inspection-plan';

/**
 * Planned inspections (daily patrol, weekly, monthly checks): which periods a
 * plan covers, how many inspections each period got, what is due today and
 * what was missed. An inspection counts for a plan when it is at the plan's
 * site, on the plan's template (any version) and its day lies in the period.
 */

export interface Period {
  /** First and last day, both included. */
  start: string;
  end: string;
}

/** The period of a frequency that contains `day`: the day, its week (Monday to Sunday) or its month. */
export function periodOf(frequency: PlanFrequency, day: string): Period {
  if (frequency === 'daily') return { start: day, end: day };
  if (frequency === 'weekly') {
    const start = addDays(day, -((dayOfWeek(day) + 6) % 7));
    return { start, end: addDays(start, 6) };
  }
  const start = `${day.slice(0, 7)}-01`;
  return { start, end: addDays(addMonths(start, 1), -1) };
}

type PlanLike = Pick<InspectionPlan, 'frequency' | 'startDay' | 'endDay' | 'workingDaysOnly' | 'active'>;

/**
 * The periods of a plan that overlap `from`…`to`, clipped to the plan's own
 * start and end. Daily plans that keep to working days skip the others.
 */
export function planPeriods(plan: PlanLike, from: string, to: string, isWorkingDay: (day: string) => boolean): Period[] {
  const first = from > plan.startDay ? from : plan.startDay;
  const last = plan.endDay && plan.endDay < to ? plan.endDay : to;
  if (last < first) return [];
  if (plan.frequency === 'daily') {
    return eachDay(first, last)
      .filter((d) => !plan.workingDaysOnly || isWorkingDay(d))
      .map((d) => ({ start: d, end: d }));
  }
  const out: Period[] = [];
  for (let p = periodOf(plan.frequency, first); p.start <= last; p = periodOf(plan.frequency, addDays(p.end, 1))) out.push(p);
  return out;
}

export type PeriodState = 'done' | 'due' | 'missed';

export interface PlanPeriodStatus<P> {
  plan: P;
  period: Period;
  /** Submitted (or locked) inspections in the period. */
  done: number;
  /** Drafts started in the period. */
  inProgress: number;
  wanted: number;
  state: PeriodState;
}

type InspectionLike = Pick<Inspection, 'siteId' | 'templateKey' | 'day' | 'status'>;

function countIn(plan: Pick<InspectionPlan, 'siteId' | 'templateKey'>, period: Period, inspections: readonly InspectionLike[]) {
  let done = 0;
  let inProgress = 0;
  for (const i of inspections) {
    if (i.siteId !== plan.siteId || i.templateKey !== plan.templateKey || i.day < period.start || i.day > period.end) continue;
    if (i.status === 'draft') inProgress += 1;
    else done += 1;
  }
  return { done, inProgress };
}

export interface ScheduleView<P> {
  /** Periods containing today that still want inspections, and those already done. */
  today: PlanPeriodStatus<P>[];
  /** Past periods within the look-back that got fewer inspections than planned, newest first. */
  missed: PlanPeriodStatus<P>[];
}

/**
 * The supervisor's list: for every active plan, the period containing today
 * (due or done) and the past periods of the last `lookBackDays` that were
 * missed. `isWorkingDay(siteId, day)` is the site's calendar.
 */
export function scheduleView<P extends PlanLike & Pick<InspectionPlan, 'siteId' | 'templateKey' | 'perPeriod'>>(
  plans: readonly P[],
  inspections: readonly InspectionLike[],
  today: string,
  isWorkingDay: (siteId: string, day: string) => boolean,
  lookBackDays = 31,
): ScheduleView<P> {
  const view: ScheduleView<P> = { today: [], missed: [] };
  const from = addDays(today, -lookBackDays);
  for (const plan of plans) {
    if (!plan.active) continue;
    for (const period of planPeriods(plan, from, today, (d) => isWorkingDay(plan.siteId, d))) {
      const counts = countIn(plan, period, inspections);
      const met = counts.done >= plan.perPeriod;
      const current = period.end >= today;
      if (current) view.today.push({ plan, period, ...counts, wanted: plan.perPeriod, state: met ? 'done' : 'due' });
      else if (!met) view.missed.push({ plan, period, ...counts, wanted: plan.perPeriod, state: 'missed' });
    }
  }
  view.missed.sort((a, b) => b.period.end.localeCompare(a.period.end));
  return view;
}
