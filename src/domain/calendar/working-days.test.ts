import { describe, expect, it } from 'vitest';
import { WorkingCalendar, isWorkingDay, officialCoverage } from './working-days';

describe('working days: the official Chinese calendar with 调休 and administrator overrides', () => {
  const cal = new WorkingCalendar();

  it.each([
    ['2025-10-01', false, 'official-holiday'], // 国庆节
    ['2025-10-08', false, 'official-holiday'],
    ['2025-09-28', true, 'official-workday'], // a Sunday made a working day (调休)
    ['2025-10-11', true, 'official-workday'], // a Saturday made a working day
    ['2026-02-14', true, 'official-workday'], // 春节 make-up Saturday
    ['2026-02-17', false, 'official-holiday'],
    ['2025-10-12', false, 'weekend'],
    ['2025-10-09', true, 'weekday'],
  ] as const)('%s is working=%s (%s)', (day, working, source) => {
    expect(cal.info(day)).toMatchObject({ working, source, officialDataCovers: true });
  });

  it('names the holiday', () => {
    expect(cal.info('2025-10-01').holiday).toBe('国庆节');
  });

  it('covers 2004 to at least 2026; outside it only weekends are known and it says so', () => {
    expect(officialCoverage.fromYear).toBe(2004);
    expect(officialCoverage.toYear).toBeGreaterThanOrEqual(2026);
    const future = `${officialCoverage.toYear + 1}-01-01`;
    expect(cal.info(future).officialDataCovers).toBe(false);
  });

  it("lets an administrator's override win over the official calendar", () => {
    const site = new WorkingCalendar([
      { day: '2025-10-01', working: true },
      { day: '2025-10-09', working: false },
    ]);
    expect(site.info('2025-10-01')).toMatchObject({ working: true, source: 'override' });
    expect(site.isWorkingDay('2025-10-09')).toBe(false);
    expect(isWorkingDay('2025-10-09', [{ day: '2025-10-09', working: false }])).toBe(false);
  });

  it('counts the working days of October 2025 (国庆 8 days off, Sat 11th worked)', () => {
    expect(cal.workingDaysBetween('2025-10-01', '2025-10-31')).toHaveLength(18);
  });

  it('adds working days over a holiday (personal-data change within 15 working days)', () => {
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    // 28 Sep (调休 Sunday), 29, 30, 9, 10, 11 (调休 Saturday), 13–17, 20–23 Oct.
    expect(cal.addWorkingDays('2025-09-26', 15)).toBe('2025-10-23');
  });

  it("decides an instant's working day in the site's time zone", () => {
    // 2025-10-08 17:00Z is already 2025-10-09 01:00 in Shanghai (a working day).
    expect(cal.isWorkingInstant('2025-10-08T17:00:00.000Z')).toBe(true);
    expect(new WorkingCalendar([], 'UTC').isWorkingInstant('2025-10-08T17:00:00.000Z')).toBe(false);
  });
});
