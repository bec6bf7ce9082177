/**
 * Benchmark: how the work grows with the data, so users know where the limits are.
 *
 * 1. Server pull (SQLite, the real app over HTTP on loopback, in this process):
 *    10,000 → 1,000,000 attendance events of 20 sites, filled straight into the
 *    store as committed pushes leave them (sequenced and audited). Timed: a
 *    first sync of everything as an organisation-wide user, a first sync of
 *    one site (a site manager: 1/20 of the documents), and the catch-up of an
 *    up-to-date device (the last 100 changes).
 * 2. Local queries on a device: the app's database (RxDB on Dexie/IndexedDB)
 *    in headless Chromium with the CPU throttled 4×, 10,000 → 200,000 events
 *    of one site, queried with the selectors the kiosk and month summary use.
 * 3. Month summary: the month summary screen's computation (buildMonthRows:
 *    the domain rules per person) over N events of one month, 10,000 →
 *    1,000,000 (more people, four punches a working day each).
 *
 * Writes bench/results/growth.md (tables) and growth.svg (a log-log plot, echarts SSR).
 * Run: npx tsx bench/growth.ts
 *   env: GROWTH_SERVER_STEPS (10000,30000,100000,300000,1000000), GROWTH_DEVICE_STEPS (10000,30000,100000,200000),
 *        GROWTH_SUMMARY_STEPS (10000,30000,100000,300000,1000000), GROWTH_REPEATS (3), GROWTH_QUERY_REPEATS (5),
 *        GROWTH_DEVICE_STAFF (60), CHROMIUM_PATH
 */
import { chromium } from '@playwright/test';
import * as echarts from 'echarts';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../sync-server/app';
import { hashPassword } from '../sync-server/auth/password';
import { loadConfig } from '../sync-server/config';
import { openSqliteStore } from '../sync-server/store/sqlite';
import type { DocWrite, Store } from '../sync-server/store/store';
import { defaultPolicy } from '../src/domain/policy';
import { validateDocument } from '../src/domain/collections';
import { buildMonthRows, type MonthInput } from '../src/features/attendance/month-rows';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/app-server';
import { BENCH_ROOT, median, ms, table, writeResult } from './lib/report';

const steps = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
const SERVER_STEPS = steps('GROWTH_SERVER_STEPS', '10000,30000,100000,300000,1000000');
const DEVICE_STEPS = steps('GROWTH_DEVICE_STEPS', '10000,30000,100000,200000');
const SUMMARY_STEPS = steps('GROWTH_SUMMARY_STEPS', '10000,30000,100000,300000,1000000');
const REPEATS = Number(process.env.GROWTH_REPEATS ?? 3);
const QUERY_REPEATS = Number(process.env.GROWTH_QUERY_REPEATS ?? 5);
const DEVICE_STAFF = Number(process.env.GROWTH_DEVICE_STAFF ?? 60);
const THROTTLE = 4;
const PULL_LIMIT = 1000;
const SITES = Array.from({ length: 20 }, (_, i) => `site-g-${String(i).padStart(2, '0')}`);
const PASSWORD = 'bench-password';

const n = (x: number) => x.toLocaleString('en');
const fmt = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);

interface Series {
  name: string;
  points: [number, number][];
}

// ---------------------------------------------------------------- 1. server pull

/** A valid attendance event of about 400 bytes, as a device pushes it (plus the server's receivedAt). */
function serverEvent(i: number): Record<string, unknown> {
  const time = new Date(Date.UTC(2025, 0, 1) + i * 30_000).toISOString();
  return {
    id: `growth-${String(i).padStart(8, '0')}`,
    siteId: SITES[i % SITES.length],
    updatedAt: time,
    updatedBy: 'user-growth',
    deviceId: 'growth-device',
    staffId: `staff-${String(i % 1500).padStart(5, '0')}`,
    kind: i % 2 ? 'check-out' : 'check-in',
    method: 'pin',
    deviceTime: time,
    receivedAt: time,
    hlc: `${String(Date.parse(time)).padStart(16, '0')}:0000:growth-device`,
    note: '早班 综合受理窗口 打卡',
  };
}

async function fill(store: Store, from: number, to: number): Promise<number> {
  const check = validateDocument('attendance', serverEvent(from));
  if (!check.ok) throw new Error(check.reason);
  let lastSeq = 0;
  const now = new Date();
  for (let start = from; start < to; start += 5000) {
    const writes: DocWrite[] = [];
    for (let i = start; i < Math.min(to, start + 5000); i++) {
      const data = serverEvent(i);
      writes.push({ id: data.id as string, siteId: data.siteId as string, deleted: false, data, updatedAt: data.updatedAt as string });
    }
    const result = await store.applyPush({ collection: 'attendance', ids: [], actor: { userId: 'user-growth', deviceId: null }, now, plan: () => ({ kind: 'apply', writes, conflicts: [] }) });
    if (result.kind !== 'applied') throw new Error('seeding was rejected');
    lastSeq = result.written.at(-1)?.seq ?? lastSeq;
  }
  return lastSeq;
}

async function pullFrom(url: string, token: string, checkpoint: number | null, max = Infinity): Promise<{ docs: number; ms: number; pages: number }> {
  const t0 = performance.now();
  let docs = 0;
  let pages = 0;
  for (;;) {
    const q = new URLSearchParams({ limit: String(PULL_LIMIT), ...(checkpoint === null ? {} : { checkpoint: String(checkpoint) }) });
    const res = await fetch(`${url}/api/v1/replication/attendance/pull?${q}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`pull ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { documents: unknown[]; checkpoint: { seq: number } | null };
    docs += page.documents.length;
    pages++;
    if (page.documents.length < PULL_LIMIT || docs >= max) break;
    checkpoint = page.checkpoint?.seq ?? null;
  }
  return { docs, ms: performance.now() - t0, pages };
}

interface ServerRow {
  total: number;
  fillMs: number;
  all: { docs: number; ms: number };
  site: { docs: number; ms: number };
  catchUp: { docs: number; ms: number };
  siteCatchUp: { docs: number; ms: number };
  dbBytes: number;
}

async function serverGrowth(): Promise<ServerRow[]> {
  const dir = mkdtempSync(join(os.tmpdir(), 'hallops-growth-'));
  const store = openSqliteStore(dir);
  const rows: ServerRow[] = [];
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const createdAt = new Date().toISOString();
    await store.insertUser({ id: 'user-growth', username: 'growth', displayName: 'Growth', role: 'admin', siteIds: ['*'], passwordHash, createdAt });
    await store.insertUser({ id: 'user-site', username: 'site', displayName: 'Site', role: 'manager', siteIds: [SITES[0]!], passwordHash, createdAt });
    const config = loadConfig({ DATA_DIR: dir, STATIC_DIR: join(dir, 'none'), LOG_LEVEL: 'silent', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000' });
    const app = await buildApp({ config, store, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const token = async (username: string) => {
      const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    };
    try {
      const admin = await token('growth');
      const manager = await token('site');
      let have = 0;
      for (const total of SERVER_STEPS) {
        const t0 = performance.now();
        const lastSeq = await fill(store, have, total);
        const fillMs = performance.now() - t0;
        have = total;
        const all: { docs: number; ms: number }[] = [];
        const site: { docs: number; ms: number }[] = [];
        for (let r = 0; r < REPEATS; r++) {
          all.push(await pullFrom(url, admin, null));
          site.push(await pullFrom(url, manager, null));
        }
        // An up-to-date device: the last 100 changes (organisation-wide), and a site's share of the last 2,000.
        const catchUp: { docs: number; ms: number }[] = [];
        const siteCatchUp: { docs: number; ms: number }[] = [];
        for (let r = 0; r < 10; r++) {
          catchUp.push(await pullFrom(url, admin, Math.max(0, lastSeq - 100)));
          siteCatchUp.push(await pullFrom(url, manager, Math.max(0, lastSeq - 2000)));
        }
        const med = (xs: { docs: number; ms: number }[]) => ({ docs: xs[0]!.docs, ms: median(xs.map((x) => x.ms)) });
        const dbBytes = Number((store as unknown as { raw(): { pragma(s: string, o: { simple: true }): unknown } }).raw().pragma('page_count', { simple: true })) * 4096;
        const row = { total, fillMs, all: med(all), site: med(site), catchUp: med(catchUp), siteCatchUp: med(siteCatchUp), dbBytes };
        if (row.all.docs !== total) throw new Error(`pulled ${row.all.docs} of ${total}`);
        rows.push(row);
        console.log(
          `server ${n(total)}: filled in ${fmt(fillMs)}; full pull ${fmt(row.all.ms)}; one site (${n(row.site.docs)}) ${fmt(row.site.ms)}; ` +
            `last 100 ${fmt(row.catchUp.ms)}; a site's last ${row.siteCatchUp.docs} ${fmt(row.siteCatchUp.ms)}`,
        );
      }
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

// ---------------------------------------------------------------- 2. device queries

interface DeviceRow {
  total: number;
  seedMs: number;
  queries: { name: string; ms: number; count: number }[];
}

async function deviceGrowth(): Promise<{ rows: DeviceRow[]; version: string }> {
  const dir = mkdtempSync(join(os.tmpdir(), 'hallops-growth-page-'));
  await build({
    entryPoints: [join(BENCH_ROOT, 'growth-lib/page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    outfile: join(dir, 'growth.js'),
    logLevel: 'error',
  });
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>growth</title><script type="module" src="/growth.js"></script></head><body></body></html>'],
    '/growth.js': ['text/javascript', readFileSync(join(dir, 'growth.js'), 'utf8')],
  };
  const http = createServer((req, res) => {
    const file = files[req.url ?? ''];
    res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' });
    res.end(file?.[1] ?? 'not found');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const rows: DeviceRow[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.growth?.ready === true);
    const cdp = await page.context().newCDPSession(page);
    await page.evaluate((o) => window.growth.open(o), { staff: DEVICE_STAFF, nowMs: Date.now() });
    let have = 0;
    for (const total of DEVICE_STEPS) {
      const seedMs = await page.evaluate(([a, b]) => window.growth.seed(a!, b!), [have, total]);
      have = total;
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      const times = await page.evaluate((r) => window.growth.queries(r), QUERY_REPEATS);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const row = { total, seedMs, queries: times.map((q) => ({ name: q.name, ms: median(q.ms), count: q.count })) };
      rows.push(row);
      console.log(`device ${n(total)}: seeded in ${fmt(seedMs)}; ${row.queries.map((q) => `${q.name} ${fmt(q.ms)} (${n(q.count)})`).join('; ')}`);
    }
    await page.evaluate(() => window.growth.close());
    return { rows, version: browser.version() };
  } finally {
    await browser.close();
    http.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- 3. month summary

const MONTH = '2026-03';
const TIME_ZONE = 'Asia/Shanghai';
const isWorkingDay = (day: string) => {
  const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
};

/** A month of a site with enough people for `events` punches: four a working day each, a few late or missing. */
function monthInput(events: number): MonthInput {
  const days = Array.from({ length: 31 }, (_, i) => `${MONTH}-${String(i + 1).padStart(2, '0')}`).filter(isWorkingDay);
  const people = Math.ceil(events / (days.length * 4));
  const staff: MonthInput['staff'][number][] = [];
  const slots: MonthInput['slots'][number][] = [];
  const out: MonthInput['events'][number][] = [];
  const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
  for (let p = 0; p < people && out.length < events; p++) {
    const staffId = `staff-${p}`;
    staff.push({ id: staffId, name: `员工${p}`, staffNo: `S${String(p).padStart(6, '0')}`, status: 'on-post' });
    for (const [d, day] of days.entries()) {
      slots.push({ id: `slot-${p}-${day}`, day, postId: `post-${p % 30}`, shiftId: 'early', staffId, status: 'published' });
      const seq = p * 31 + d;
      const punches: [string, string][] = [
        ['check-in', seq % 17 === 0 ? '08:47' : '08:2' + (seq % 10)],
        ['left-post', '11:00'],
        ['returned', seq % 23 === 0 ? '12:40' : '11:20'],
        ['check-out', '17:3' + (seq % 10)],
      ];
      for (const [k, [kind, time]] of punches.entries()) {
        if (out.length >= events) break;
        const deviceTime = at(day, time);
        out.push({ id: `ev-${p}-${day}-${k}`, staffId, kind: kind as 'check-in', deviceTime, hlc: `${String(Date.parse(deviceTime)).padStart(16, '0')}:0000:dev` });
      }
    }
  }
  return {
    month: MONTH,
    nowMs: Date.parse('2026-04-01T12:00:00+08:00'),
    site: { timeZone: TIME_ZONE, shiftTemplates: [{ id: 'early', name: '早班', start: '08:30', end: '17:30', breakMinutes: 60 }] },
    staff,
    slots,
    events: out,
    leave: [],
    sessions: [],
    policy: defaultPolicy,
    isWorkingDay,
  };
}

interface SummaryRow {
  total: number;
  people: number;
  ms: number;
}

function summaryGrowth(): SummaryRow[] {
  const rows: SummaryRow[] = [];
  // One untimed run first, so the first step does not carry the JIT's and Intl's warm-up.
  buildMonthRows(monthInput(2000));
  for (const total of SUMMARY_STEPS) {
    const input = monthInput(total);
    const times: number[] = [];
    let people = 0;
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      people = buildMonthRows(input).rows.length;
      times.push(performance.now() - t0);
    }
    rows.push({ total: input.events.length, people, ms: median(times) });
    console.log(`month summary ${n(input.events.length)} events, ${n(people)} people: ${fmt(median(times))}`);
  }
  return rows;
}

// ---------------------------------------------------------------- report

function plot(series: Series[]): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 900, height: 560 });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: 'Growth: time (ms) against documents, log-log', left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, type: 'plain', textStyle: { fontSize: 11 } },
    grid: { left: 70, right: 30, top: 40, bottom: 120 },
    xAxis: { type: 'log', name: 'documents', nameLocation: 'middle', nameGap: 28, logBase: 10 },
    yAxis: { type: 'log', name: 'ms', logBase: 10 },
    series: series.map((s) => ({ name: s.name, type: 'line', data: s.points, symbolSize: 6, lineStyle: { type: s.name.startsWith('device') ? 'dashed' : 'solid' } })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const t0 = performance.now();
const server = SERVER_STEPS.length ? await serverGrowth() : [];
const device = DEVICE_STEPS.length ? await deviceGrowth() : { rows: [], version: '' };
const summary = SUMMARY_STEPS.length ? summaryGrowth() : [];
const seconds = (performance.now() - t0) / 1000;

const series: Series[] = [
  { name: 'server: full pull, organisation-wide', points: server.map((r): [number, number] => [r.total, r.all.ms]) },
  { name: 'server: one site of 20, first sync', points: server.map((r): [number, number] => [r.total, r.site.ms]) },
  { name: 'server: catch-up, last 100 changes', points: server.map((r): [number, number] => [r.total, r.catchUp.ms]) },
  ...(device.rows[0]?.queries ?? []).map((q, i) => ({ name: `device (4× CPU): ${q.name}`, points: device.rows.map((r) => [r.total, r.queries[i]!.ms] as [number, number]) })),
  { name: 'month summary (domain rules)', points: summary.map((r): [number, number] => [r.total, r.ms]) },
].filter((s) => s.points.length > 0);
writeFileSync(join(BENCH_ROOT, 'results', 'growth.svg'), plot(series));

const serverTable = table(
  ['documents on the server', 'full pull (organisation-wide)', 'one site of 20: first sync', 'catch-up: last 100 changes', "catch-up: a site's share of the last 2,000", 'SQLite file', 'fill (untimed setup)'],
  server.map((r) => [
    n(r.total),
    `${fmt(r.all.ms)} (${n(Math.round(r.all.docs / (r.all.ms / 1000)))} docs/s)`,
    `${fmt(r.site.ms)} (${n(r.site.docs)} docs)`,
    fmt(r.catchUp.ms),
    `${fmt(r.siteCatchUp.ms)} (${r.siteCatchUp.docs} docs)`,
    `${Math.round(r.dbBytes / 2 ** 20)} MiB`,
    fmt(r.fillMs),
  ]),
);
const deviceTable = table(
  ['events on the device', ...(device.rows[0]?.queries.map((q) => q.name) ?? []), 'seed (untimed setup)'],
  device.rows.map((r) => [n(r.total), ...r.queries.map((q) => `${fmt(q.ms)} (${n(q.count)})`), fmt(r.seedMs)]),
);
const summaryTable = table(
  ['events in the month', 'people', 'month summary'],
  summary.map((r) => [n(r.total), n(r.people), fmt(r.ms)]),
);
const headline = [
  server.at(-1) && `full pull of ${n(server.at(-1)!.total)} documents ${fmt(server.at(-1)!.all.ms)}, catch-up ${fmt(server.at(-1)!.catchUp.ms)}`,
  device.rows.at(-1) && `device with ${n(device.rows.at(-1)!.total)} events: slowest screen query ${fmt(Math.max(...device.rows.at(-1)!.queries.map((q) => q.ms)))}`,
  summary.at(-1) && `month summary over ${n(summary.at(-1)!.total)} events ${fmt(summary.at(-1)!.ms)}`,
]
  .filter(Boolean)
  .join('; ');
console.log(headline);
const command = `npx tsx bench/growth.ts`;
writeResult(
  'growth',
  'Bench: growth of pull time, local queries and the month summary',
  Object.entries({ GROWTH_SERVER_STEPS: SERVER_STEPS, GROWTH_DEVICE_STEPS: DEVICE_STEPS, GROWTH_SUMMARY_STEPS: SUMMARY_STEPS })
    .map(([k, v]) => `${k}=${v.join(',')}`)
    .join(' ') + ` GROWTH_REPEATS=${REPEATS} ${command}`,
  `**${headline}.**

${ms(seconds * 1000)} in all. Plot: [growth.svg](growth.svg) (log-log; every series in ms; device queries dashed).

![growth](growth.svg)

## 1. Server pull (SQLite)

The real server (\`buildApp\`, SQLite in a temp folder) in this process, HTTP on loopback; attendance events of
about 400 bytes spread over 20 sites, written straight into the store in transactions of 5,000 as committed
pushes leave them (sequenced, audit-logged). The client follows checkpoints with \`limit=${PULL_LIMIT}\`, as RxDB does, and
parses every page. Medians of ${REPEATS} runs (catch-ups: of 10). "One site" is a manager scoped to one of the 20 sites:
the store reads the organisation's sequence and filters by site, so its cost follows the whole server, not the
site. Catch-up is a device that is up to date pulling what changed since its checkpoint.

${serverTable}

## 2. Local queries on a device (RxDB on Dexie/IndexedDB, Chromium ${device.version}, CPU throttled ${THROTTLE}×)

The app's database (\`openDatabase\` of src/db/database.ts, the production storage) in headless Chromium, filled
with one site's history (${DEVICE_STAFF} people, four punches a working day each, day by day back from today, so the
recent days hold the same events at every step), written to storage as the replication writes pulled documents.
Queried with the selectors the screens use, through RxDB (\`find().exec()\`); each figure is the median of
${QUERY_REPEATS} runs (a bound moved by 1 ms per run so RxDB's query cache cannot answer), and the number of documents
the query returned. The CPU is throttled ${THROTTLE}× (CDP) while querying, as on a low-end tablet.

${deviceTable}

## 3. Month summary (domain rules)

\`buildMonthRows\` (src/features/attendance/month-rows.ts, what the month summary screen computes: rostered
shifts, each person's month classified by the domain rules, the site total) for ${MONTH}, in Node, unthrottled:
one site whose people each have a published slot and four punches (a few late, a few long absences from the
post) every working day; more events means more people. Median of ${REPEATS} runs after one untimed warm-up on
2,000 events; input built untimed.

${summaryTable}
`,
);
