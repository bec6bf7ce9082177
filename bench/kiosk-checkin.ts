/**
 * Benchmark: how fast the kiosk answers a check-in on an enrolled tablet with
 * 2,000 staff on the device, in Chromium with the CPU throttled 4× (CDP
 * Emulation.setCPUThrottlingRate). Timed in the page: from the tap on 签到 to
 * the next frame after the answer (time, on time / late) is in the DOM; the
 * event is written to the local database (RxDB on IndexedDB) before the
 * answer shows. Also reported: the PIN check (tap OK → action buttons).
 *
 * Needs a production build: npx vite build --outDir dist-kiosk
 * Run: npx tsx bench/kiosk-checkin.ts   (env: BENCH_PORT, STATIC_DIR, CHECKINS, CHROMIUM_PATH)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { clockTimeOfInstant, dayOfInstant } from '../src/domain/calendar/time-zone';
import { rosterSlotId } from '../src/domain/ids';
import type { Site } from '../src/domain/schemas/site';
import { hashPin } from '../src/features/kiosk/pin';
import { benchStaff } from './lib/app-server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 8853);
const BASE = `http://127.0.0.1:${PORT}`;
const STATIC_DIR = process.env.STATIC_DIR ?? 'dist-kiosk';
const DATA_DIR = join(ROOT, 'bench/.tmp/kiosk-checkin');
const PASSWORD = 'bench-demo-pass';
const SITE = 'site-hall-1';
const STAFF_ON_DEVICE = 2000;
const CHECKINS = Number(process.env.CHECKINS ?? 30);
const THROTTLE = 4;
const TARGET_MS = 100;
const PIN = '2468';
const BATCH = 200;

type Doc = Record<string, unknown>;

async function api<T>(path: string, init: { token?: string; body?: unknown; method?: string } = {}): Promise<T> {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function pullAll(token: string, collection: string): Promise<Doc[]> {
  const out: Doc[] = [];
  let checkpoint = '';
  for (;;) {
    const body = await api<{ documents: Doc[]; checkpoint: { seq: number } | null }>(`/replication/${collection}/pull?checkpoint=${checkpoint}&limit=1000`, { token });
    out.push(...body.documents);
    if (body.documents.length < 1000 || !body.checkpoint) return out;
    checkpoint = String(body.checkpoint.seq);
  }
}

async function push(token: string, collection: string, rows: { newDocumentState: Doc; assumedMasterState: Doc | null }[]) {
  for (let i = 0; i < rows.length; i += BATCH) await api(`/replication/${collection}/push`, { token, body: rows.slice(i, i + BATCH) });
}

async function startServer(): Promise<ChildProcess> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const child = spawn('npx', ['tsx', 'sync-server/cli.ts', 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR, STATIC_DIR, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The sync server did not start');
}

/** Tops the site up to 2,000 staff (all with the same PIN hash) and rosters the measured people today. */
async function seedSite(token: string): Promise<{ people: { staffNo: string; name: string }[] }> {
  const [sites, staff, rosters] = await Promise.all([pullAll(token, 'sites'), pullAll(token, 'staff'), pullAll(token, 'rosters')]);
  const site = sites.find((s) => s.id === SITE) as unknown as Site;
  const existing = staff.filter((s) => s.siteId === SITE);
  const added = benchStaff(SITE, existing.length, STAFF_ON_DEVICE, await hashPin(PIN));
  const now = new Date().toISOString();
  await push(token, 'staff', added.map((d) => ({ newDocumentState: d, assumedMasterState: null })));

  // Each measured person gets a published slot on a shift that began 5 minutes ago, so every answer is
  // judged against a running shift (a slot is one per post, day and shift: enough bench shifts for all).
  const startMs = Date.now() - 5 * 60_000;
  const day = dayOfInstant(startMs, site.timeZone);
  const start = clockTimeOfInstant(startMs, site.timeZone);
  const end = clockTimeOfInstant(startMs + 8 * 3_600_000, site.timeZone);
  const measured = added.slice(0, 2 * CHECKINS);
  const shiftCount = Math.ceil(measured.length / site.posts.length);
  const benchShifts = Array.from({ length: shiftCount }, (_, i) => ({ id: `bench-${i}`, name: `测试班${i + 1}`, start, end, breakMinutes: 0 }));
  const benchSite = { ...site, updatedAt: now, shiftTemplates: [...site.shiftTemplates.filter((t) => !t.id.startsWith('bench-')), ...benchShifts] };
  await push(token, 'sites', [{ newDocumentState: benchSite as unknown as Doc, assumedMasterState: site as unknown as Doc }]);
  const byId = new Map(rosters.map((d) => [d.id as string, d]));
  const slots: { newDocumentState: Doc; assumedMasterState: Doc | null }[] = [];
  measured.forEach((person, i) => {
    const post = site.posts[i % site.posts.length]!;
    const shift = benchShifts[Math.floor(i / site.posts.length)]!;
    const id = rosterSlotId(SITE, post.id, day, shift.id);
    const doc = { id, siteId: SITE, updatedAt: now, updatedBy: 'bench', deviceId: 'bench', kind: 'slot', postId: post.id, day, shiftId: shift.id, staffId: person.id, status: 'published', cover: 'other', acknowledgedWarnings: [] };
    slots.push({ newDocumentState: doc, assumedMasterState: byId.get(id) ?? null });
  });
  await push(token, 'rosters', slots);
  return { people: measured.map((p) => ({ staffNo: p.staffNo as string, name: p.name as string })) };
}

/**
 * In-page timing of a tap: from the click until the next frame after `done`
 * shows text (and is enabled), and, when `confirmed` is given, until the next
 * frame after that shows too (the answer an awaited write would give). A
 * string, not a function: tsx would wrap a function's inner helpers with names
 * the page does not know.
 */
const TIME_TAP = `([sel, text, done, confirmed]) => new Promise((resolve, reject) => {
  const button = [...document.querySelectorAll(sel)].find((b) => (b.textContent || '').trim() === text);
  if (!button) return reject(new Error('no button ' + text));
  let t0 = 0;
  const out = {};
  const shown = (s) => { const el = document.querySelector(s); return el && (el.textContent || '').trim() && !el.disabled; };
  const finish = () => {
    if (out.frameMs === undefined || (confirmed && out.confirmedFrameMs === undefined)) return;
    observer.disconnect();
    resolve(out);
  };
  const observer = new MutationObserver(() => {
    if (out.domMs === undefined && shown(done)) {
      out.domMs = performance.now() - t0;
      requestAnimationFrame(() => { out.frameMs = performance.now() - t0; finish(); });
    }
    if (confirmed && out.confirmedDomMs === undefined && shown(confirmed)) {
      out.confirmedDomMs = performance.now() - t0;
      requestAnimationFrame(() => { out.confirmedFrameMs = performance.now() - t0; finish(); });
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  t0 = performance.now();
  button.click();
})`;

interface TapTimes {
  domMs: number;
  frameMs: number;
  confirmedDomMs?: number;
  confirmedFrameMs?: number;
}

function timeTap(page: Page, buttonSelector: string, buttonText: string, doneSelector: string, confirmedSelector?: string): Promise<TapTimes> {
  return page.evaluate(`(${TIME_TAP})(${JSON.stringify([buttonSelector, buttonText, doneSelector, confirmedSelector ?? null])})`) as Promise<TapTimes>;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted.at(-1)! };
}

interface Run {
  answer: number[];
  answerDom: number[];
  /** Tap → next frame after "saved": what the answer would take if it waited for the write. */
  confirmed: number[];
  write: number[];
  pin: number[];
  verdicts: string[];
}

/** One check-in per person: search, pick, PIN (timed), 签到 (timed), done. */
async function measure(page: Page, people: { staffNo: string; name: string }[]): Promise<Run> {
  const run: Run = { answer: [], answerDom: [], confirmed: [], write: [], pin: [], verdicts: [] };
  for (const person of people) {
    await page.getByTestId('kiosk-search').fill(person.staffNo);
    await page.getByTestId('staff-row').filter({ hasText: person.name }).getByRole('button').click();
    await page.getByTestId('pin-input').fill(PIN);
    run.pin.push((await timeTap(page, '[data-testid=pin-ok]', '确认', '.kiosk-actions button')).frameMs);
    const answer = await timeTap(page, '.kiosk-actions button', '签到', '[data-testid=kiosk-feedback]', '[data-testid=kiosk-feedback][data-saved=saved]');
    run.answer.push(answer.frameMs);
    run.answerDom.push(answer.domMs);
    run.confirmed.push(answer.confirmedFrameMs ?? NaN);
    // Timed above to the frame after "saved"; the write's own span is between the kiosk's marks.
    run.write.push(
      (await page.evaluate(`(() => {
        const tap = performance.getEntriesByName('kiosk:tap').at(-1);
        const written = performance.getEntriesByName('kiosk:written').at(-1);
        return tap && written ? written.startTime - tap.startTime : NaN;
      })()`)) as number,
    );
    run.verdicts.push((await page.getByTestId('kiosk-feedback').getAttribute('data-verdict')) ?? '');
    await page.getByRole('button', { name: '完成' }).click();
  }
  return run;
}

function report(label: string, run: Run): string[] {
  const s = stats(run.answer);
  const d = stats(run.answerDom);
  const w = stats(run.write);
  const c = stats(run.confirmed);
  const p = stats(run.pin);
  const verdicts = Object.entries(run.verdicts.reduce<Record<string, number>>((a, v) => ((a[v] = (a[v] ?? 0) + 1), a), {}))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const verdict = s.p95 < TARGET_MS ? 'met (median and p95)' : s.median < TARGET_MS ? 'met by the median, not by the p95' : 'NOT met';
  return [
    `[${label}] check-in answer (tap → next frame after the answer): median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}; target < ${TARGET_MS} ms: ${verdict}`,
    `[${label}]   tap → answer in the DOM: median ${d.median.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms`,
    `[${label}]   tap → event stored ("saved" shown after it; validation, RxDB insert on IndexedDB, outbox entry): median ${w.median.toFixed(1)} ms, p95 ${w.p95.toFixed(1)} ms`,
    `[${label}]   tap → next frame after "saved" (an answer that awaited the write): median ${c.median.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms, max ${c.max.toFixed(1)}; target < ${TARGET_MS} ms: ${c.p95 < TARGET_MS ? 'met' : 'NOT met'}`,
    `[${label}]   PIN check (tap OK → actions; PBKDF2-SHA256, 100,000 iterations): median ${p.median.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms`,
    `[${label}]   verdicts: ${verdicts}; all answers (ms): ${run.answer.map((v) => v.toFixed(0)).join(', ')}`,
  ];
}

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const admin = (await api<{ token: string }>('/auth/login', { body: { username: 'admin', password: PASSWORD } })).token;
    const t0 = performance.now();
    const { people } = await seedSite(admin);
    const seedMs = performance.now() - t0;
    const { credential } = await api<{ credential: string }>('/devices', { token: admin, body: { siteId: SITE, name: 'bench tablet' } });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByRole('button', { name: '将此平板登记为考勤机' }).click();
    await page.getByLabel('登记凭证').fill(credential);
    await page.getByRole('button', { name: '登记此平板' }).click();
    await page.waitForURL(`**/kiosk/${SITE}`);

    // Wait until the device holds all 2,000 staff and today's roster (the last person and a measured person's shift).
    const syncStart = performance.now();
    await page.getByTestId('kiosk-search').fill(`BK${String(STAFF_ON_DEVICE - 1).padStart(5, '0')}`);
    await page.getByTestId('staff-row').first().waitFor({ timeout: 300_000 });
    const syncMs = performance.now() - syncStart;

    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    // First with the network (replication pushes each event at once), then a tablet offline all day.
    const online = await measure(page, people.slice(0, CHECKINS));
    await context.setOffline(true);
    const offline = await measure(page, people.slice(CHECKINS));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // Issue 6: answer only after the local write if that still meets the target, else keep the optimistic answer.
    const awaited = [...online.confirmed, ...offline.confirmed];
    const awaitedP95 = stats(awaited).p95;
    const decision =
      awaitedP95 < TARGET_MS
        ? `An answer that waited for the write would meet the target here (p95 ${awaitedP95.toFixed(0)} ms over both runs): answering after the write is affordable on this machine.`
        : `An answer that waited for the write would NOT meet the target (p95 ${awaitedP95.toFixed(0)} ms over both runs, against ${TARGET_MS} ms), so the kiosk keeps answering at once.`;
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const version = await browser.version();
    const lines = [
      `staff on the device ${STAFF_ON_DEVICE} (site ${SITE}), CPU throttling ${THROTTLE}x, ${CHECKINS} check-ins online then ${CHECKINS} offline (different people)`,
      ...report('online', online),
      ...report('offline', offline),
      `seeding the server ${(seedMs / 1000).toFixed(1)} s; first sync of the tablet ${(syncMs / 1000).toFixed(1)} s (unthrottled)`,
      `load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    ];
    console.log(lines.join('\n'));
    const md = `# Bench: kiosk check-in answer with 2,000 staff on the device

Command: \`npx vite build --outDir dist-kiosk && npx tsx bench/kiosk-checkin.ts\`

What is timed: on an enrolled kiosk tablet (a fresh sync server with the demo organisation, site ${SITE}
topped up to ${STAFF_ON_DEVICE} staff; each measured person rostered on a shift that began 5 minutes before), Chromium's CPU throttled ${THROTTLE}× through CDP \`Emulation.setCPUThrottlingRate\` after the first sync.
For each of ${people.length} different people (${CHECKINS} with the network, then ${CHECKINS} offline): search by staff number,
pick, enter the PIN, then the timed tap on 签到: from the click to the next animation frame after the answer
(time and on time / late / no shift, judged by the domain rules against the person's shift) is in the DOM.
The kiosk starts the append-only write to RxDB (IndexedDB) and the outbox, answers, and adds "已保存" when the
write has committed (a failed write turns the answer into an error); that second time is reported too
(the span between two \`performance.mark\`s the kiosk sets). Measured in the page with \`performance.now()\`, a
MutationObserver and \`requestAnimationFrame\`. The machine is shared with other work: see the load average.

Machine: Node ${process.version}, ${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.arch()}; Chromium ${version} headless.
Date: ${new Date().toISOString().slice(0, 10)}.

Result:

\`\`\`
${lines.join('\n')}
\`\`\`

## Decision: optimistic answer, confirmed in place (issue 6)

${decision}
The code (src/features/kiosk/DeviceKiosk.tsx \`act\`) answers with the rules' verdict at once, marked
"正在保存…"; "已保存" appears only once the RxDB insert (and its outbox entry) has committed, and a failed
write replaces the answer with an error naming the person and the action, which stays until someone taps
"完成". While the write is pending the answer cannot go away: "完成" is disabled and neither the 6-second
clear nor the idle lock resets the screen, so nobody leaves an unsaved punch believing it saved, and the same
person cannot start the same punch again before the first is stored (a second tap meanwhile is dropped by a
ref; a later one finds the stored event as a duplicate). test/e2e/kiosk.spec.ts checks a failed write
(IndexedDB made to refuse writes) is never shown as saved, and that the retry stores exactly one event.
`;
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/kiosk-checkin.md'), md);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
