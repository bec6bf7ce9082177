import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { addDays, parseDay } from './days';

/**
 * Conversions between UTC instants (how everything is stored) and a site's
 * wall clock (how shifts are written and days are counted). The IANA rules
 * come from the runtime's Intl data through @date-fns/tz.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function dayOfInstant(instant: string | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return format(new TZDate(ms, timeZone), 'yyyy-MM-dd');
}

/** The wall-clock time (HH:MM) of an instant in a time zone. */
export function clockTimeOfInstant(instant: string | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return format(new TZDate(ms, timeZone), 'HH:mm');
}

/** The UTC instant (ISO, trailing Z) of a wall-clock time on a day in a time zone. */
export function instantOf(day: string, clockTime: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const { year, month, date } = parseDay(day);
  const m = /^(\d{2}):(\d{2})$/.exec(clockTime);
  if (!m) throw new Error(`Not a clock time (HH:MM): ${clockTime}`);
  const local = new TZDate(year, month - 1, date, Number(m[1]), Number(m[2]), timeZone);
  return new Date(local.getTime()).toISOString();
}

/**
 * The start and end instants of a shift written as wall-clock times on a day;
 * an end at or before the start means the shift ends the next day (overnight).
 */
export function shiftInstants(
  day: string,
  start: string,
  end: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): { start: string; end: string } {
  const endDay = end <= start ? addDays(day, 1) : day;
  return { start: instantOf(day, start, timeZone), end: instantOf(endDay, end, timeZone) };
}
