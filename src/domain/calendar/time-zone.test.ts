import { describe, expect, it } from 'vitest';
import { clockTimeOfInstant, dayOfInstant, instantOf, shiftInstants } from './time-zone';

describe('time zones (stored in UTC, shown in the site time zone, default Asia/Shanghai)', () => {
  it('finds the Shanghai day of a UTC instant across midnight', () => {
    expect(dayOfInstant('2025-01-01T15:59:00.000Z')).toBe('2025-01-01');
    expect(dayOfInstant('2025-01-01T16:00:00.000Z')).toBe('2025-01-02');
    expect(clockTimeOfInstant('2025-01-01T00:30:00.000Z')).toBe('08:30');
  });

  it('turns a wall-clock time into a UTC instant', () => {
    expect(instantOf('2025-01-01', '08:30')).toBe('2025-01-01T00:30:00.000Z');
    expect(instantOf('2025-01-01', '08:30', 'Asia/Urumqi')).toBe('2025-01-01T02:30:00.000Z');
  });

  it('follows daylight saving time where a site has it', () => {
    expect(instantOf('2025-01-15', '09:00', 'Europe/Berlin')).toBe('2025-01-15T08:00:00.000Z');
    expect(instantOf('2025-07-15', '09:00', 'Europe/Berlin')).toBe('2025-07-15T07:00:00.000Z');
  });

  it('puts the end of an overnight shift on the next day', () => {
    expect(shiftInstants('2025-03-01', '22:30', '08:30')).toEqual({
      start: '2025-03-01T14:30:00.000Z',
      end: '2025-03-02T00:30:00.000Z',
    });
    expect(shiftInstants('2025-03-01', '08:30', '16:30')).toEqual({
      start: '2025-03-01T00:30:00.000Z',
      end: '2025-03-01T08:30:00.000Z',
    });
  });
});
