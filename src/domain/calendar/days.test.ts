import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addMonthsToMonth, dayOfWeek, daysBetween, daysOfMonth, eachDay } from './days';

describe('day arithmetic', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-12-31', 1, '2026-01-01'],
  ])('addDays(%s, %i) = %s', (day, n, want) => {
    expect(addDays(day, n)).toBe(want);
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-05-15', 12, '2026-05-15'],
    ['2025-03-31', -1, '2025-02-28'],
  ])('addMonths(%s, %i) = %s (clamped to month end)', (day, n, want) => {
    expect(addMonths(day, n)).toBe(want);
  });

  it('counts days between, lists days of a month and weekdays', () => {
    expect(daysBetween('2025-01-01', '2025-12-31')).toBe(364);
    expect(daysBetween('2025-03-10', '2025-03-01')).toBe(-9);
    expect(daysOfMonth('2024-02')).toHaveLength(29);
    expect(daysOfMonth('2025-02').at(-1)).toBe('2025-02-28');
    expect(eachDay('2025-01-03', '2025-01-01')).toEqual([]);
    expect(dayOfWeek('2025-10-01')).toBe(3); // a Wednesday
    expect(addMonthsToMonth('2025-01', -1)).toBe('2024-12');
  });

  it('rejects malformed days', () => {
    expect(() => addDays('2025-1-1', 1)).toThrow(/YYYY-MM-DD/);
  });
});
