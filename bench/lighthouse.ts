/**
 * Benchmark: Lighthouse (npm `lighthouse`, Debian's Chromium) scores for
 * performance, accessibility and best practices of the production build served
 * by the real sync server. Target ≥ 95 each.
 *
 * Pages: the sign-in page (a first visit: Lighthouse clears the origin's
 * storage) and the kiosk screen of an enrolled hall tablet (service worker
 * installed, staff synced, Lighthouse keeps storage; the sync server stopped,
 * see below). Each with
 * Lighthouse's default mobile settings (simulated slow 4G, 4× CPU) and its
 * desktop preset; scores are medians over LH_RUNS runs. Where a median is
 * below 95, the audits that cost the most points are listed.
 *
 * Chromium is started by Playwright (the e2e suite's flags, a persistent
 * profile, a remote-debugging port); Lighthouse connects to that port and opens
 * its own tab in the same profile.
 *
 * Needs a production build: npx vite build --outDir bench/.tmp/dist
 * Run: npx tsx bench/lighthouse.ts   (env: LH_RUNS (3), LH_STAFF (2000), LH_PRESETS (mobile,desktop), LH_PORT (8814), LH_DEBUG_PORT (9314), STATIC_DIR, CHROMIUM_PATH)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, enrolmentCredential, login, requireBuild, STATIC_DIR, startAppServer, topUpStaff } from './lib/app-server';
import { BENCH_ROOT, median, table, writeResult } from './lib/report';

const RUNS = Number(process.env.LH_RUNS ?? 3);
const STAFF = Number(process.env.LH_STAFF ?? 2000);
const PRESETS = (process.env.LH_PRESETS ?? 'mobile,desktop').split(',').map((s) => s.trim()) as Preset[];
const PORT = Number(process.env.LH_PORT ?? 8814);
const DEBUG_PORT = Number(process.env.LH_DEBUG_PORT ?? 9314);
const SITE = 'site-hall-1';
const TARGET = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'] as const;
const REPORTS = join(BENCH_ROOT, '.tmp', 'lighthouse-reports');

type Preset = 'mobile' | 'desktop';
type Category = (typeof CATEGORIES)[number];

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
}
interface Lhr {
  categories: Record<Category, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
  runWarnings: string[];
  lighthouseVersion: string;
}

interface Result {
  page: string;
  preset: Preset;
  runs: Lhr[];
}

/** Points (out of 100) an audit costs its category: weight × (1 − score) over the category's total weight. */
function losses(lhr: Lhr, category: Category): { id: string; title: string; points: number; detail: string }[] {
  const refs = lhr.categories[category].auditRefs;
  const total = refs.reduce((a, r) => a + r.weight, 0);
  return refs
    .filter((r) => r.weight > 0)
    .map((r) => {
      const a = lhr.audits[r.id]!;
      const score = a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings' ? (a.score ?? 1) : 1;
      return { id: r.id, title: a.title, points: total ? (100 * r.weight * (1 - score)) / total : 0, detail: a.displayValue ?? '' };
    })
    .filter((l) => l.points > 0.05);
}

async function audit(url: string, preset: Preset, keepStorage: boolean, save: string): Promise<Lhr> {
  const flags = {
    port: DEBUG_PORT,
    logLevel: 'error' as const,
    output: 'html' as const,
    onlyCategories: [...CATEGORIES],
    disableStorageReset: keepStorage,
  };
  const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  writeFileSync(save, String(result.report));
  writeFileSync(save.replace(/\.html$/, '.json'), JSON.stringify(result.lhr));
  return result.lhr as unknown as Lhr;
}

async function main() {
  requireBuild();
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  const profile = mkdtempSync(join(os.tmpdir(), 'hallops-lighthouse-'));
  const server = await startAppServer('lighthouse', PORT);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`],
    viewport: null,
    locale: 'zh-CN',
    serviceWorkers: 'allow',
  });
  const version = context.browser()?.version() ?? '';
  const results: Result[] = [];
  const t0 = performance.now();
  try {
    const admin = await login(server, 'admin');
    const { total, lastStaffNo } = await topUpStaff(server, admin, SITE, STAFF);

    // The sign-in page as a first visit (Lighthouse resets the origin's storage before each run).
    for (const preset of PRESETS) {
      const r: Result = { page: 'sign-in page (`/login`, first visit)', preset, runs: [] };
      for (let i = 0; i < RUNS; i++) r.runs.push(await audit(`${server.base}/login`, preset, false, join(REPORTS, `login-${preset}-${i + 1}.html`)));
      results.push(r);
      console.log(`login ${preset}: ${CATEGORIES.map((c) => `${c} ${r.runs.map((l) => Math.round((l.categories[c].score ?? 0) * 100)).join('/')}`).join(', ')}`);
    }

    // The kiosk of an enrolled tablet: enrol in this profile, wait for the staff and the service worker.
    const credential = await enrolmentCredential(server, admin, SITE, 'bench lighthouse tablet');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.base}/login`);
    await page.getByRole('button', { name: '将此平板登记为考勤机' }).click();
    await page.getByLabel('登记凭证').fill(credential);
    await page.getByRole('button', { name: '登记此平板' }).click();
    await page.waitForURL(`**/kiosk/${SITE}`);
    await page.getByTestId('kiosk-search').fill(lastStaffNo);
    await page.getByTestId('staff-row').first().waitFor({ timeout: 300_000 });
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), undefined, { timeout: 60_000 });
    await page.goto('about:blank');
    // The tablet offline: online, the app's live stream (a long-lived fetch, which Lighthouse does not exempt
    // as it does EventSource) never lets the network go quiet, and Lighthouse stops at its 45 s limit.
    await server.stop();
    for (const preset of PRESETS) {
      const r: Result = { page: `kiosk screen (\`/kiosk/${SITE}\`, enrolled tablet offline, ${total} staff)`, preset, runs: [] };
      for (let i = 0; i < RUNS; i++) r.runs.push(await audit(`${server.base}/kiosk/${SITE}`, preset, true, join(REPORTS, `kiosk-${preset}-${i + 1}.html`)));
      results.push(r);
      console.log(`kiosk ${preset}: ${CATEGORIES.map((c) => `${c} ${r.runs.map((l) => Math.round((l.categories[c].score ?? 0) * 100)).join('/')}`).join(', ')}`);
    }
  } finally {
    await context.close();
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }

  const score = (r: Result, c: Category) => Math.round(median(r.runs.map((l) => (l.categories[c].score ?? 0) * 100)));
  const rows = results.map((r) => [
    r.page,
    r.preset,
    ...CATEGORIES.map((c) => {
      const s = score(r, c);
      return `${s >= TARGET ? s : `**${s}**`} (${r.runs.map((l) => Math.round((l.categories[c].score ?? 0) * 100)).join(', ')})`;
    }),
  ]);
  const metricRows = results.map((r) => [
    r.page,
    r.preset,
    ...METRICS.map((id) => {
      const values = r.runs.map((l) => l.audits[id]?.numericValue ?? NaN);
      const v = median(values);
      return id === 'cumulative-layout-shift' ? v.toFixed(3) : `${Math.round(v)} ms`;
    }),
  ]);
  const below: string[] = [];
  for (const r of results) {
    for (const c of CATEGORIES) {
      if (score(r, c) >= TARGET) continue;
      // Points lost per audit, averaged over the runs.
      const sum = new Map<string, { title: string; points: number; detail: string }>();
      for (const l of r.runs) {
        for (const loss of losses(l, c)) {
          const prev = sum.get(loss.id);
          sum.set(loss.id, { title: loss.title, points: (prev?.points ?? 0) + loss.points / r.runs.length, detail: loss.detail || prev?.detail || '' });
        }
      }
      const top = [...sum.entries()].sort((a, b) => b[1].points - a[1].points).slice(0, 6);
      below.push(
        `- ${r.page}, ${r.preset}, ${c} ${score(r, c)}: ${top.map(([id, l]) => `\`${id}\` ${l.title}${l.detail ? ` (${l.detail})` : ''} −${l.points.toFixed(1)}`).join('; ')}`,
      );
    }
  }
  const warnings = [...new Set(results.flatMap((r) => r.runs.flatMap((l) => l.runWarnings)))];
  const allMet = results.every((r) => CATEGORIES.every((c) => score(r, c) >= TARGET));
  const summary = `Lighthouse ${results[0]?.runs[0]?.lighthouseVersion ?? ''}: ${results.map((r) => `${r.page.split(' (')[0]} ${r.preset} ${CATEGORIES.map((c) => score(r, c)).join('/')}`).join('; ')} (performance/accessibility/best practices); target ≥ ${TARGET} each: ${allMet ? 'met' : 'NOT met'}`;
  console.log(summary);
  writeResult(
    'lighthouse',
    'Bench: Lighthouse scores of the production build',
    `npx vite build --outDir ${STATIC_DIR} && LH_RUNS=${RUNS} LH_STAFF=${STAFF} npx tsx bench/lighthouse.ts`,
    `Chromium: ${version} (${CHROMIUM_PATH}, headless, the e2e suite's flags); ${RUNS} Lighthouse runs per page and preset,
${((performance.now() - t0) / 1000).toFixed(0)} s in all.

**${summary}.**

How: the production build served by the real sync server (SQLite, demo organisation, ${SITE} with ${STAFF} staff).
Playwright starts Chromium on a fresh profile with a remote-debugging port; Lighthouse's Node API connects to it
and audits in its own tab. *mobile* is Lighthouse's default (Moto G Power emulation, simulated slow 4G and 4× CPU
slowdown); *desktop* is its desktop preset (\`lighthouse/core/config/desktop-config.js\`). The sign-in page is
audited as a first visit (Lighthouse clears the origin's storage and service worker). The kiosk screen is
audited on an enrolled tablet: enrolled in the same profile through the sign-in page, the staff synced and the
service worker in control, and Lighthouse told to keep storage (\`disableStorageReset\`); then the sync server
is stopped, so the load is an offline tablet's (app shell from the service worker, data from IndexedDB, the
sync requests refused). Online, the app's live stream (a long-lived \`fetch\`; Lighthouse exempts only
\`EventSource\` from its network-quiet wait) keeps Lighthouse waiting until its 45 s limit ("page loaded too
slowly"), which makes the online figures unreliable.
The HTML report of every run is left in \`bench/.tmp/lighthouse/\` (not committed).

Scores (median, then each run):

${table(['page', 'preset', 'performance', 'accessibility', 'best practices'], rows)}

Metrics (medians; lab values of the simulated device for *mobile*):

${table(['page', 'preset', 'FCP', 'LCP', 'TBT', 'CLS', 'Speed Index', 'TTI'], metricRows)}

${below.length ? `Where a median is below ${TARGET}, the audits that cost the most points (points lost out of 100, averaged over the runs):\n\n${below.join('\n')}` : `Every median is at or above ${TARGET}.`}
${warnings.length ? `\nLighthouse's run warnings: ${warnings.map((w) => `"${w}"`).join('; ')}\n` : ''}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
