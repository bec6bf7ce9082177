import { TZDate } from '@date-fns/tz';
import { addMonths as addMonthsFns, format } from 'date-fns';

/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings. A day is a label in a
 * site's time zone, not an instant, so it is computed in UTC where no
 * daylight-saving shift or host time zone can move it.
 */

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function parseDay(day: string): { year: number; month: number; date: number } {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`Not a day (YYYY-MM-DD): ${day}`);
  return { year: Number(m[1]), month: Number(m[2]), date: Number(m[3]) };
}

function toUtcMs(day: string): number {
  const { year, month, date } = parseDay(day);
  return Date.UTC(year, month - 1, date);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromUtcMs(toUtcMs(day) + n * MS_PER_DAY);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / MS_PER_DAY);
}

/** Calendar months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: string, n: number): string {
  const { year, month, date } = parseDay(day);
  return format(addMonthsFns(new TZDate(year, month - 1, date, 'UTC'), n), 'yyyy-MM-dd');
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
  return new Date(toUtcMs(day)).getUTCDay();
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = toUtcMs(from), end = toUtcMs(to); ms <= end; ms += MS_PER_DAY) out.push(fromUtcMs(ms));
  return out;
}

/** `YYYY-MM` of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** Every day of a month given as `YYYY-MM`. */
export function daysOfMonth(month: string): string[] {
  const first = `${month}-01`;
  return eachDay(first, addDays(addMonths(first, 1), -1));
}

/** The month before or after a `YYYY-MM` month. */
export function addMonthsToMonth(month: string, n: number): string {
  return monthOf(addMonths(`${month}-01`, n));
}
