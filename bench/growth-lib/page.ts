/**
 * The browser side of bench/growth.ts: the app's own database (RxDB on
 * Dexie/IndexedDB, src/db/database.ts) filled with a site's attendance history
 * and queried with the selectors the screens use. Driven through
 * `window.growth`; bundled with esbuild (no React).
 */
import { createRevision, now } from 'rxdb';
import { openDatabase, type AppDatabase } from '../../src/db/database';
import { validateDocument } from '../../src/domain/collections';

const SITE = 'site-hall-1';
const DAY_MS = 86_400_000;
const KINDS = ['check-in', 'left-post', 'returned', 'check-out'] as const;
const HOURS = [8, 11, 12, 17];

let db: AppDatabase | undefined;
let staffCount = 60;
/** Midnight UTC of the newest day of history; event 0 is its first check-in and later events go back in time. */
let newestDay = 0;

function startOfDayUtc(ms: number): number {
  return ms - (ms % DAY_MS);
}

/**
 * Event i of the history: people take turns, four punches a day each
 * (check-in, left post, back, check-out), day by day backwards from today, so
 * the recent days look the same whatever the total.
 */
function eventAt(i: number) {
  const perDay = staffCount * KINDS.length;
  const dayIndex = Math.floor(i / perDay);
  const k = Math.floor((i % perDay) / staffCount);
  const person = i % staffCount;
  const at = new Date(newestDay - dayIndex * DAY_MS + HOURS[k]! * 3_600_000 + (person % 50) * 60_000).toISOString();
  return {
    id: `growth-${String(i).padStart(8, '0')}`,
    siteId: SITE,
    updatedAt: at,
    updatedBy: 'device:growth',
    deviceId: 'growth-device',
    staffId: `growth-staff-${String(person).padStart(4, '0')}`,
    kind: KINDS[k]!,
    method: 'pin' as const,
    deviceTime: at,
    receivedAt: at,
    hlc: `${String(Date.parse(at)).padStart(16, '0')}:0000:growth-device`,
  };
}

async function open(opts: { staff: number; nowMs: number }): Promise<void> {
  staffCount = opts.staff;
  newestDay = startOfDayUtc(opts.nowMs);
  const check = validateDocument('attendance', eventAt(0));
  if (!check.ok) throw new Error(check.reason);
  db = await openDatabase({ userId: `growth-${Date.now()}` });
}

/**
 * Adds events [from, to) straight to storage, as the replication's pull
 * writes them (no outbox entries: they came from the server).
 */
async function seed(from: number, to: number): Promise<number> {
  if (!db) throw new Error('open first');
  const t0 = performance.now();
  const storage = db.attendance.storageInstance;
  for (let start = from; start < to; start += 2000) {
    const rows = [];
    for (let i = start; i < Math.min(to, start + 2000); i++) {
      rows.push({ document: { ...eventAt(i), _deleted: false, _attachments: {}, _rev: createRevision(db.token), _meta: { lwt: now() } } });
    }
    const result = await storage.bulkWrite(rows as never, 'growth-seed');
    if (result.error.length) throw new Error(`seed: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
  }
  return performance.now() - t0;
}

interface QueryTimes {
  name: string;
  ms: number[];
  count: number;
}

/**
 * The screens' selectors, each run `repeats` times. Each repeat moves a bound
 * by a millisecond (same answer) so RxDB's query cache cannot answer instead of
 * IndexedDB.
 */
async function queries(repeats: number): Promise<QueryTimes[]> {
  if (!db) throw new Error('open first');
  const d = db;
  const iso = (ms: number) => new Date(ms).toISOString();
  const today = newestDay;
  // A month for the summary: the 30 days up to today (so every step of the growth holds all of it).
  const monthStart = today - 30 * DAY_MS;
  const monthEnd = today + DAY_MS;
  const specs: { name: string; run: (r: number) => Promise<number> }[] = [
    {
      // DeviceKiosk: the site's events since midnight.
      name: "kiosk: today's events of the site",
      run: async (r) => (await d.attendance.find({ selector: { siteId: SITE, deviceTime: { $gte: iso(today - r) } } }).exec()).length,
    },
    {
      // kiosk/punch.ts loadPersonDay: one person's events since yesterday.
      name: "kiosk: one person's events since yesterday",
      run: async (r) => (await d.attendance.find({ selector: { staffId: 'growth-staff-0007', deviceTime: { $gte: iso(today - DAY_MS - r) } } }).exec()).length,
    },
    {
      // useAttendanceEvents for MonthSummary: the month's punches plus amendments written since.
      name: "month summary: the site's events of a month (two queries)",
      run: async (r) => {
        const from = iso(monthStart - DAY_MS - r);
        const [punches, amendments] = await Promise.all([
          d.attendance.find({ selector: { siteId: SITE, deviceTime: { $gte: from, $lt: iso(monthEnd + 2 * DAY_MS) } } }).exec(),
          d.attendance.find({ selector: { siteId: SITE, deviceTime: { $gte: from }, kind: { $in: ['correction', 'verified-missing-punch'] } } }).exec(),
        ]);
        return punches.length + amendments.length;
      },
    },
  ];
  const out: QueryTimes[] = [];
  for (const spec of specs) {
    const ms: number[] = [];
    let count = 0;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      count = await spec.run(r + 1);
      ms.push(performance.now() - t0);
    }
    out.push({ name: spec.name, ms, count });
  }
  return out;
}

async function close(): Promise<void> {
  await db?.remove();
  db = undefined;
}

declare global {
  interface Window {
    growth: { open: typeof open; seed: typeof seed; queries: typeof queries; close: typeof close; ready: boolean };
  }
}
window.growth = { open, seed, queries, close, ready: true };
