/**
 * Benchmark (must-hold 4): the month dashboard of ONE site of 500 staff,
 * computed from the raw documents with the dashboard's pure functions and its
 * figures rendered with React, in Chromium with the CPU throttled 4× (CDP
 * Emulation.setCPUThrottlingRate). The demo generator's ~500 staff (several
 * halls and hotline centres) are merged into one site. Not a timed test: the
 * results are written to bench/results/dashboard-render.md.
 *
 * Run: npx tsx bench/dashboard-render.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { addMonthsToMonth, monthOf } from '../src/domain/calendar/days';
import { instantOf } from '../src/domain/calendar/time-zone';
import { generateDemoOrg } from '../src/domain/demo';
import type { RawDocs } from '../src/features/reports/site-data';

const STAFF = 500;
const TODAY = '2026-06-17';
const MONTH = addMonthsToMonth(monthOf(TODAY), -1);
const RUNS = 5;
const THROTTLE = 4;
const TARGET_MS = 1000;
const SITE = 'site-bench';
const here = dirname(fileURLToPath(import.meta.url));

function oneSite(): RawDocs {
  const org = generateDemoOrg({ seed: 500, today: TODAY, staffCount: STAFF });
  const move = <T extends { siteId: string }>(docs: readonly T[]) => docs.map((d) => ({ ...d, siteId: SITE }));
  const first = org.sites[0]!;
  const templates = new Map(org.sites.flatMap((s) => s.shiftTemplates).map((t) => [t.id, t]));
  const posts = new Map(org.sites.flatMap((s) => s.posts.map((p) => ({ ...p, id: `${s.id}/${p.id}` }))).map((p) => [p.id, p]));
  const org1 = org.catalog.find((d) => d.kind === 'organisation');
  return {
    sites: [{ ...first, id: SITE, siteId: SITE, shiftTemplates: [...templates.values()], posts: [...posts.values()] }],
    ...(org1 && org1.kind === 'organisation' ? { organisation: org1 } : {}),
    staff: move(org.staff),
    // Post ids are per site: keep them apart once the sites are merged.
    rosters: org.rosters.map((d) => ({ ...d, siteId: SITE, ...(d.kind === 'slot' ? { postId: `${d.siteId}/${d.postId}` } : {}) })),
    attendance: move(org.attendance),
    leave: move(org.leave),
    training: move(org.training),
    results: move(org.results),
    inspections: move(org.inspections),
  };
}

async function main() {
  const raw = oneSite();
  const bundle = await build({
    entryPoints: [join(here, 'dashboard-render.page.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.env.DEV': 'false' },
    logLevel: 'warning',
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html lang="zh-CN"><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const nowMs = Date.parse(instantOf(TODAY, '08:00', 'Asia/Shanghai'));
  await page.evaluate((data) => {
    window.benchData = data as Window['benchData'];
  }, { raw, month: MONTH, nowMs });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const runs: { computeMs: number; renderMs: number; attendanceBase: number; rows: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await page.evaluate(() => window.runDashboard()));
  await browser.close();

  const totals = runs.map((r) => r.computeMs + r.renderMs).sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)]!;
  const worst = totals.at(-1)!;
  const lines = [
    '# Month dashboard of a 500-staff site (4× CPU-throttled Chromium)',
    '',
    `Command: \`npx tsx bench/dashboard-render.ts\` (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}, Chromium at /usr/bin/chromium, CDP \`Emulation.setCPUThrottlingRate\` = ${THROTTLE}.`,
    '',
    `Input: demo organisation (seed 500, ${STAFF} staff) merged into one site: ${raw.staff.length} staff, ${raw.attendance.length} attendance events, ${raw.rosters.length} roster documents, ${raw.inspections.length} inspections and actions; month ${MONTH} (${runs[0]!.attendanceBase} person-working-days).`,
    '',
    'Timed: `siteDataFrom` + `monthDashboard` (every person-day classified, training, inspections, actions, targets) and the React render of the figures (flushSync). Not timed: loading the documents from IndexedDB, the lazily loaded chart.',
    '',
    '| run | compute (ms) | render (ms) | total (ms) |',
    '| --- | --- | --- | --- |',
    ...runs.map((r, i) => `| ${i + 1} | ${r.computeMs.toFixed(0)} | ${r.renderMs.toFixed(0)} | ${(r.computeMs + r.renderMs).toFixed(0)} |`),
    '',
    `Median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms; target under ${TARGET_MS} ms: **${median < TARGET_MS ? 'met' : 'NOT met'}** (median). Run 1 is cold (JIT not warmed up), as on a screen's first open.`,
    '',
    `Load average while running: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores (other helpers' work shows up as spread between runs).`,
    '',
  ];
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'dashboard-render.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

await main();
