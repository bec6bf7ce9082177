#!/usr/bin/env node
// `npm run bench`: every benchmark, in a fixed order, on one production build.
//   1. vite build into bench/.tmp/dist, then the build budgets (bench/budget.mjs);
//   2. every bench/*.ts benchmark with `npx tsx`, alphabetically, except those in
//      LAST below, which run last in that order (the heaviest at the end).
// Each benchmark prints its figures and writes bench/results/<name>.md; this
// script writes bench/results/run-all.md (what ran, how long, pass or fail, and
// each result file's headline). A step that fails does not stop the others.
//
// Env: CHROMIUM_PATH (default /usr/bin/chromium); BENCH_ONLY=a,b (names without .ts);
//      BENCH_SMOKE=1: small sizes for every benchmark that has a size knob, to check
//      that everything runs (minutes, not the real figures). A smoke run leaves the
//      committed results as they were: its result files go to bench/.tmp/smoke-results/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const RESULTS = join(BENCH, 'results');
const DIST = 'bench/.tmp/dist';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const smoke = process.env.BENCH_SMOKE === '1';
/** Run last, in this order; the others' benchmarks come first, alphabetically. */
const LAST = ['peer-pouchdb', 'growth', 'cold-start', 'lighthouse'];
/** .ts files in bench/ that are not benchmarks. */
const NOT_BENCHMARKS = new Set(['chunk-map-plugin']);
/** Benchmarks that serve the production build (skipped when the build failed). */
const NEED_BUILD = new Set(['cold-start', 'lighthouse', 'kiosk-checkin', 'inspection-photos']);
/** BENCH_SMOKE sizes (the defaults, in each benchmark, are the real sizes). */
const SMOKE_ENV = {
  WRITES: '30',
  SEEDS: '50',
  DOCS: '5000',
  PHOTOS: '5',
  CHECKINS: '3',
  PEER_DOCS: '2000',
  REPEATS: '1',
  LIVE_PROBES: '3',
  COLD_RUNS: '2',
  COLD_STAFF: '200',
  LH_RUNS: '1',
  LH_STAFF: '200',
  LH_PRESETS: 'mobile',
  GROWTH_SERVER_STEPS: '2000,10000',
  GROWTH_DEVICE_STEPS: '2000,10000',
  GROWTH_SUMMARY_STEPS: '2000,10000',
  GROWTH_REPEATS: '1',
  GROWTH_QUERY_REPEATS: '2',
};

if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}. The browser benchmarks (cold start, Lighthouse, kiosk) need it: ` +
      "install Debian's package with `apt-get update && apt-get install -y chromium`, or set CHROMIUM_PATH.",
  );
  process.exit(1);
}

const found = readdirSync(BENCH)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .filter((n) => !NOT_BENCHMARKS.has(n));
const others = found.filter((n) => !LAST.includes(n)).sort();
const ordered = [...others, ...LAST.filter((n) => found.includes(n))];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const selected = only ? ordered.filter((n) => only.includes(n)) : ordered;

// A smoke run must not replace the committed figures: remember them and put them back at the end.
const SMOKE_DIR = join(BENCH, '.tmp', 'smoke-results');
const snapshot = () => new Map(existsSync(RESULTS) ? readdirSync(RESULTS).map((f) => [f, readFileSync(join(RESULTS, f))]) : []);
const before = smoke ? snapshot() : new Map();
if (smoke) rmSync(SMOKE_DIR, { recursive: true, force: true });

const env = { ...process.env, CHROMIUM_PATH: chromium, STATIC_DIR: DIST, ...(smoke ? SMOKE_ENV : {}) };
const steps = [];
function run(name, cmd, args) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  const step = { name, command: `${cmd} ${args.join(' ')}`, ok: r.status === 0, seconds: (Date.now() - t0) / 1000 };
  steps.push(step);
  return step.ok;
}

/** The lines of a result file that say a figure against its target (or its bold headline), shortened. */
function headline(name) {
  const file = join(RESULTS, `${name}.md`);
  if (!existsSync(file)) return '';
  const lines = readFileSync(file, 'utf8').split('\n');
  const picked = lines.filter((l) => /\b(target|goal)\b|\(budget /i.test(l) || /^\*\*.+\*\*\.?$/.test(l.trim()));
  return picked
    .slice(0, 3)
    .map((l) => l.replace(/\*\*/g, '').replace(/\|/g, '/').trim())
    .map((l) => (l.length > 220 ? `${l.slice(0, 217)}…` : l))
    .join('<br>');
}

const built = run('build', 'npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir']);
if (built) run('budget', 'node', ['bench/budget.mjs', DIST, '--write=bench/results/budget.md']);
for (const name of selected) {
  if (!built && NEED_BUILD.has(name)) {
    steps.push({ name, command: `npx tsx bench/${name}.ts`, ok: false, seconds: 0, skipped: true });
    continue;
  }
  run(name, 'npx', ['tsx', `bench/${name}.ts`]);
}

const lines = [
  `# npm run bench: what ran${smoke ? ' (BENCH_SMOKE: small sizes, not the real figures)' : ''}`,
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model}; ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`,
  `- Total: ${(steps.reduce((a, s) => a + s.seconds, 0) / 60).toFixed(1)} min`,
  '',
  '| step | command | result | seconds | headline (from bench/results/&lt;step&gt;.md) |',
  '| --- | --- | --- | --- | --- |',
  ...steps.map((s) => `| ${s.name} | \`${s.command}\` | ${s.skipped ? 'skipped (no build)' : s.ok ? 'ok' : 'FAILED'} | ${s.seconds.toFixed(0)} | ${s.skipped ? '' : headline(s.name)} |`),
  '',
  "Figures: each step's own file in this folder (budget figures are printed by `node bench/budget.mjs`).",
  'A benchmark whose target is not met still passes as a step when it ran; its file says NOT met.',
  '',
];
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'run-all.md'), lines.join('\n'));

if (smoke) {
  // Every file the smoke run wrote goes to SMOKE_DIR; the committed one (if any) comes back.
  mkdirSync(SMOKE_DIR, { recursive: true });
  for (const [file, bytes] of snapshot()) {
    const old = before.get(file);
    if (old && old.equals(bytes)) continue;
    writeFileSync(join(SMOKE_DIR, file), bytes);
    if (old) writeFileSync(join(RESULTS, file), old);
    else rmSync(join(RESULTS, file));
  }
  console.log(`\nSmoke run: its result files are in ${SMOKE_DIR}; bench/results/ is as it was.`);
}

const failed = steps.filter((s) => !s.ok);
console.log(`\n=== summary\n${steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(0)} s)`).join('\n')}`);
process.exit(failed.length ? 1 : 0);
