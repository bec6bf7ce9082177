import { addDays, addMonthsToMonth, daysOfMonth, monthOf } from '../calendar/days';
import { instantOf } from '../calendar/time-zone';
import { WorkingCalendar } from '../calendar/working-days';
import { defaultPolicy, type Policy } from '../policy';
import { stream, type Rng } from './prng';

export interface DemoOptions {
  seed: number;
  /** The reference day (YYYY-MM-DD): history ends the day before, rosters run to the end of its month. Nothing reads the real clock. */
  today: string;
  /** About 60 by default: one hall and one hotline centre per 60 staff. */
  staffCount?: number;
  /** Months of history including the current one (default 3). */
  months?: number;
}

export interface Stamp {
  updatedAt: string;
  updatedBy: string;
  deviceId: string;
}

/** Shared facts and helpers of one generator run. */
export class DemoContext {
  readonly seed: number;
  readonly today: string;
  readonly staffCount: number;
  readonly months: number;
  readonly policy: Policy = defaultPolicy;
  readonly timeZone = defaultPolicy.time.timeZone;
  /** The seed's "now": 08:00 on `today` in the sites' time zone. Every timestamp is at or before it. */
  readonly nowMs: number;
  readonly now: string;
  /** First day of history and the rostered range. */
  readonly periodStart: string;
  /** Last day of published rosters (end of today's month). */
  readonly periodEnd: string;
  /** Draft rosters run a week past the published ones. */
  readonly rosterEnd: string;
  readonly calendar: WorkingCalendar;
  private readonly instants = new Map<string, number>();

  constructor(options: DemoOptions) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new Error(`today must be YYYY-MM-DD, got ${options.today}`);
    this.seed = options.seed;
    this.today = options.today;
    this.staffCount = Math.max(1, Math.floor(options.staffCount ?? 60));
    this.months = Math.max(1, Math.floor(options.months ?? 3));
    this.now = instantOf(this.today, '08:00', this.timeZone);
    this.nowMs = Date.parse(this.now);
    const thisMonth = monthOf(this.today);
    this.periodStart = `${addMonthsToMonth(thisMonth, -(this.months - 1))}-01`;
    this.periodEnd = daysOfMonth(thisMonth).at(-1)!;
    this.rosterEnd = addDays(this.periodEnd, 7);
    this.calendar = new WorkingCalendar([], this.timeZone);
  }

  rng(name: string): Rng {
    return stream(this.seed, name);
  }

  /** A wall-clock time on a day in the sites' time zone, as epoch ms (memoised: the generator asks millions of times). */
  at(day: string, clock: string): number {
    const key = `${day} ${clock}`;
    let ms = this.instants.get(key);
    if (ms === undefined) {
      ms = Date.parse(instantOf(day, clock, this.timeZone));
      this.instants.set(key, ms);
    }
    return ms;
  }

  iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  /** Attribution of a seeded document changed at `ms` (never after the seed's now). */
  stamp(ms: number = this.nowMs): Stamp {
    return { updatedAt: this.iso(Math.min(ms, this.nowMs)), updatedBy: 'system', deviceId: 'seed' };
  }

  /** Days of the history, oldest first (the day before today is the last). */
  historyDays(): string[] {
    const out: string[] = [];
    for (let d = this.periodStart; d < this.today; d = addDays(d, 1)) out.push(d);
    return out;
  }
}
