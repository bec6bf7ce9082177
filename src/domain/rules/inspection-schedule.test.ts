import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../calendar/working-days';
import type { InspectionPlan } from '../schemas/inspection-plan';
import { periodOf, planPeriods, scheduleView } from './inspection-schedule';

const plan = (fields: Partial<InspectionPlan>): InspectionPlan => ({
  id: 'plan',
  siteId: 'site-hall-1',
  updatedAt: '2025-01-01T00:00:00.000Z',
  updatedBy: 'u',
  deviceId: 'd',
  kind: 'inspection-plan',
  templateKey: 'floor-discipline',
  frequency: 'weekly',
  perPeriod: 1,
  mode: 'scheduled',
  workingDaysOnly: true,
  startDay: '2025-01-01',
  active: true,
  ...fields,
});
const working = (_site: string, day: string) => isWorkingDay(day);

describe('periods', () => {
  it.each([
    ['daily', '2025-03-05', '2025-03-05', '2025-03-05'],
    ['weekly', '2025-03-05', '2025-03-03', '2025-03-09'], // a Wednesday: Monday to Sunday
    ['weekly', '2025-03-09', '2025-03-03', '2025-03-09'], // a Sunday ends its week
    ['monthly', '2025-02-14', '2025-02-01', '2025-02-28'],
    ['monthly', '2024-02-14', '2024-02-01', '2024-02-29'],
  ] as const)('%s period of %s is %s…%s', (frequency, day, start, end) => {
    expect(periodOf(frequency, day)).toEqual({ start, end });
  });

  it('daily plans skip non-working days (the official calendar: 2025-01-26 is a make-up Sunday, 01-28… Spring Festival)', () => {
    const days = planPeriods(plan({ frequency: 'daily' }), '2025-01-25', '2025-01-29', isWorkingDay).map((p) => p.start);
    expect(days).toEqual(['2025-01-26', '2025-01-27']);
    const all = planPeriods(plan({ frequency: 'daily', workingDaysOnly: false }), '2025-01-25', '2025-01-27', isWorkingDay).map((p) => p.start);
    expect(all).toEqual(['2025-01-25', '2025-01-26', '2025-01-27']);
  });

  it('are clipped to the plan’s start and end', () => {
    const p = plan({ frequency: 'weekly', startDay: '2025-03-05', endDay: '2025-03-20' });
    expect(planPeriods(p, '2025-02-01', '2025-04-01', isWorkingDay)).toEqual([
      { start: '2025-03-03', end: '2025-03-09' },
      { start: '2025-03-10', end: '2025-03-16' },
      { start: '2025-03-17', end: '2025-03-23' },
    ]);
    expect(planPeriods(p, '2025-04-01', '2025-05-01', isWorkingDay)).toEqual([]);
  });
});

describe('what is due today and what was missed', () => {
  const today = '2025-03-12'; // a Wednesday
  const insp = (day: string, status: 'draft' | 'submitted' = 'submitted', templateKey = 'floor-discipline', siteId = 'site-hall-1') => ({ day, status, templateKey, siteId });

  it('a weekly plan with two a week: this week due, past weeks missed unless done', () => {
    const p = plan({ perPeriod: 2, startDay: '2025-02-24' });
    const view = scheduleView([p], [insp('2025-03-11'), insp('2025-03-12', 'draft'), insp('2025-03-04'), insp('2025-03-05'), insp('2025-02-25')], today, working);
    expect(view.today).toEqual([{ plan: p, period: { start: '2025-03-10', end: '2025-03-16' }, done: 1, inProgress: 1, wanted: 2, state: 'due' }]);
    expect(view.missed.map((m) => [m.period.start, m.done])).toEqual([['2025-02-24', 1]]);
  });

  it('counts only the plan’s site and template; inactive plans are ignored', () => {
    const p = plan({ frequency: 'daily', startDay: '2025-03-10' });
    const view = scheduleView(
      [p, plan({ id: 'off', active: false })],
      [insp('2025-03-12', 'submitted', 'call-quality'), insp('2025-03-12', 'submitted', 'floor-discipline', 'site-hotline-1'), insp('2025-03-11')],
      today,
      working,
    );
    expect(view.today.map((s) => [s.plan.id, s.state])).toEqual([['plan', 'due']]);
    expect(view.missed.map((m) => m.period.start)).toEqual(['2025-03-10']);
  });

  it('a monthly plan done this month is done', () => {
    const view = scheduleView([plan({ frequency: 'monthly', startDay: '2025-03-01' })], [insp('2025-03-02')], today, working);
    expect(view.today.map((s) => s.state)).toEqual(['done']);
    expect(view.missed).toEqual([]);
  });

  it('looks back only so far', () => {
    const view = scheduleView([plan({ frequency: 'daily', startDay: '2024-01-01', workingDaysOnly: false })], [], today, working, 3);
    expect(view.missed.map((m) => m.period.start)).toEqual(['2025-03-11', '2025-03-10', '2025-03-09']);
  });
});
