// The raw data of the `chinese-days` package. Its functions read dates in the
// host's time zone (a day shifts on a tablet west of UTC), so the lookup here
// uses the day strings directly.
import officialData from 'chinese-days/dist/chinese-days.json';
import { addDays, dayOfWeek, eachDay, parseDay } from './days';
import { DEFAULT_TIME_ZONE, dayOfInstant } from './time-zone';

/** The official Chinese calendar (State Council notices): holidays and weekend make-up days (调休). */
interface OfficialCalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}
const official = officialData as OfficialCalendarData;

/** An administrator's override of one day for an organisation or site. */
export interface DayOverride {
  day: string;
  working: boolean;
  note?: string;
}

export type DaySource = 'override' | 'official-holiday' | 'official-workday' | 'weekend' | 'weekday';

export interface DayInfo {
  day: string;
  working: boolean;
  source: DaySource;
  /** The holiday's name from the official data, e.g. "国庆节". */
  holiday?: string;
  /** False when the year is outside the official data: only weekends are known then. */
  officialDataCovers: boolean;
}

function yearsIn(keys: string[]): number[] {
  return keys.map((k) => Number(k.slice(0, 4)));
}

const coveredYears = yearsIn(Object.keys(official.holidays));

/** The years the bundled official data covers (each has at least its 元旦 holiday). */
export const officialCoverage = {
  fromYear: Math.min(...coveredYears),
  toYear: Math.max(...coveredYears),
};

function coversYear(year: number): boolean {
  return year >= officialCoverage.fromYear && year <= officialCoverage.toYear;
}

/** "New Year's Day,元旦,1" → "元旦". */
function holidayName(raw: string): string {
  return raw.split(',')[1] ?? raw;
}

/** A site's working calendar: the official one with the administrator's overrides, in the site's time zone. */
export class WorkingCalendar {
  private readonly overrides: Map<string, DayOverride>;
  private readonly cache = new Map<string, DayInfo>();

  constructor(
    overrides: readonly DayOverride[] = [],
    readonly timeZone: string = DEFAULT_TIME_ZONE,
  ) {
    this.overrides = new Map(overrides.map((o) => [o.day, o]));
  }

  /** The site-local day an instant falls on. */
  dayOf(instant: string | number): string {
    return dayOfInstant(instant, this.timeZone);
  }

  /** Whether the site-local day of an instant is a working day. */
  isWorkingInstant(instant: string | number): boolean {
    return this.isWorkingDay(this.dayOf(instant));
  }

  info(day: string): DayInfo {
    let hit = this.cache.get(day);
    if (!hit) {
      hit = dayInfo(day, this.overrides);
      this.cache.set(day, hit);
    }
    return hit;
  }

  isWorkingDay(day: string): boolean {
    return this.info(day).working;
  }

  workingDaysBetween(from: string, to: string): string[] {
    return eachDay(from, to).filter((d) => this.isWorkingDay(d));
  }

  /**
   * The working day `n` working days after `day` (n ≥ 1), e.g. the deadline of
   * "personal-data changes reported within 15 working days".
   */
  addWorkingDays(day: string, n: number): string {
    if (n < 0) throw new Error('addWorkingDays counts forward only');
    let d = day;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }
}

function dayInfo(day: string, overrides: ReadonlyMap<string, DayOverride>): DayInfo {
  const officialDataCovers = coversYear(parseDay(day).year);
  const holiday = official.holidays[day];
  const makeUp = official.workdays[day];
  const override = overrides.get(day);
  const name = holiday ? holidayName(holiday) : makeUp ? holidayName(makeUp) : undefined;
  const base = { day, officialDataCovers, ...(name ? { holiday: name } : {}) };
  if (override) return { ...base, working: override.working, source: 'override' };
  if (holiday) return { ...base, working: false, source: 'official-holiday' };
  if (makeUp) return { ...base, working: true, source: 'official-workday' };
  const dow = dayOfWeek(day);
  if (dow === 0 || dow === 6) return { ...base, working: false, source: 'weekend' };
  return { ...base, working: true, source: 'weekday' };
}

/** One-off helper; use a WorkingCalendar when asking about many days. */
export function isWorkingDay(day: string, overrides: readonly DayOverride[] = []): boolean {
  return new WorkingCalendar(overrides).isWorkingDay(day);
}
