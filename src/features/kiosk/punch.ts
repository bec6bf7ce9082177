import { addDays } from '../../domain/calendar/days';
import { dayOfInstant, instantOf } from '../../domain/calendar/time-zone';
import type { DocOf, KindOf } from '../../domain/collections';
import { newId } from '../../domain/ids';
import type { Policy } from '../../domain/policy';
import { resolvePunches, type RosteredShift } from '../../domain/rules/attendance';
import { rosteredShifts, type ShiftTemplateLike } from '../../domain/rules/attendance-inputs';
import { duplicatePunch, punchVerdict, type PunchKind, type PunchVerdict } from '../../domain/rules/attendance-today';
import type { AppDatabase } from '../../db/database';
import { insertDoc, type Author } from '../../db/write';
import { nextHlc } from '../../sync/clock';

/** A second tap on the same action for the same person within this window is the same punch. */
export const DUPLICATE_WINDOW_MS = 60_000;

export type AttendanceDoc = DocOf<'attendance'>;

/** What the kiosk needs to judge one person's punch: their shifts of yesterday and today, and their recent events. */
export interface PersonDay {
  staffId: string;
  shifts: RosteredShift[];
  events: AttendanceDoc[];
  /** The person's roster slots of yesterday and today (to name the post and the shift). */
  slots: KindOf<'rosters', 'slot'>[];
}

/** Reads a person's day from the local database (indexed by staff and day / device time). */
export async function loadPersonDay(
  db: AppDatabase,
  staffId: string,
  nowMs: number,
  timeZone: string,
  templates: readonly ShiftTemplateLike[],
): Promise<PersonDay> {
  const today = dayOfInstant(nowMs, timeZone);
  const yesterday = addDays(today, -1);
  const [rosterDocs, eventDocs] = await Promise.all([
    db.rosters.find({ selector: { staffId, day: { $gte: yesterday, $lte: today } } }).exec(),
    db.attendance.find({ selector: { staffId, deviceTime: { $gte: instantOf(yesterday, '00:00', timeZone) } } }).exec(),
  ]);
  const slots = rosterDocs.map((d) => d.toJSON() as DocOf<'rosters'>).filter((d): d is KindOf<'rosters', 'slot'> => d.kind === 'slot');
  return {
    staffId,
    slots,
    shifts: rosteredShifts(slots, templates, timeZone),
    events: eventDocs.map((d) => d.toJSON() as AttendanceDoc),
  };
}

export type PunchResult =
  | { status: 'recorded'; event: AttendanceDoc; verdict: PunchVerdict; day: PersonDay }
  | { status: 'duplicate'; existing: AttendanceDoc; day: PersonDay };

export interface PunchInput {
  siteId: string;
  kind: PunchKind;
  method: 'pin' | 'qr' | 'manual';
  nowMs: number;
  policy: Policy;
  author: Author;
}

export type PunchPlan =
  | { status: 'duplicate'; existing: AttendanceDoc }
  | { status: 'new'; verdict: PunchVerdict; write(db: AppDatabase): Promise<AttendanceDoc> };

/**
 * Judges one punch before it is written: a second tap within the duplicate
 * window is the earlier event; otherwise the verdict of the attendance rules
 * against the person's rostered shift, and the append-only write to run.
 * Split from the write so the kiosk can answer while the write commits.
 */
export function planPunch(day: PersonDay, input: PunchInput): PunchPlan {
  const existing = duplicatePunch(day.events, day.staffId, input.kind, input.nowMs, DUPLICATE_WINDOW_MS);
  if (existing) return { status: 'duplicate', existing };
  const verdict = punchVerdict(input.kind, input.nowMs, day.shifts, day.events, input.policy);
  const fields = {
    id: newId(),
    siteId: input.siteId,
    staffId: day.staffId,
    kind: input.kind,
    method: input.method,
    deviceTime: new Date(input.nowMs).toISOString(),
    hlc: nextHlc(input.nowMs),
  };
  return { status: 'new', verdict, write: (db) => insertDoc(db, 'attendance', fields, input.author) };
}

/** Judges and writes one punch (see `planPunch`), answering once the event is stored. */
export async function recordPunch(db: AppDatabase, day: PersonDay, input: PunchInput): Promise<PunchResult> {
  const plan = planPunch(day, input);
  if (plan.status === 'duplicate') return { status: 'duplicate', existing: plan.existing, day };
  const event = await plan.write(db);
  return { status: 'recorded', event, verdict: plan.verdict, day: { ...day, events: [...day.events, event] } };
}

/** The person's latest punch up to now (corrections applied), e.g. to offer "back at post" only when away. */
export function lastPunch(day: PersonDay, nowMs: number): { kind: 'in' | 'out' | 'left' | 'returned'; at: number } | undefined {
  let last: { kind: 'in' | 'out' | 'left' | 'returned'; at: number } | undefined;
  for (const p of resolvePunches(day.events)) {
    if (p.at !== undefined && p.at <= nowMs) last = { kind: p.kind, at: p.at };
  }
  return last;
}

/** The roster slot nearest to now (the one running, else the closest before or after). */
export function currentSlot(day: PersonDay, nowMs: number): KindOf<'rosters', 'slot'> | undefined {
  let best: { slotId: string; distance: number } | undefined;
  for (const s of day.shifts) {
    const start = Date.parse(s.start);
    const end = Date.parse(s.end);
    const distance = nowMs < start ? start - nowMs : nowMs > end ? nowMs - end : 0;
    if (!best || distance < best.distance) best = { slotId: s.id, distance };
  }
  return best ? day.slots.find((s) => s.id === best.slotId) : undefined;
}
