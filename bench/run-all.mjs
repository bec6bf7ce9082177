#!/usr/bin/env node
// `npm run bench`: every benchmark, in a fixed order, on one production build.
//   1. vite build into bench/.tmp/dist, then the build budgets (bench/budget.mjs);
//   2. every bench/*.ts benchmark with `npx tsx`, alphabetically, except ours
//      below, which run last in this order (the heaviest at the end);
// Each benchmark prints its figures and writes bench/results/<name>.md; this
// script writes bench/results/run-all.md (what ran, how long, pass or fail).
// Env: CHROMIUM_PATH (default /usr/bin/chromium), BENCH_ONLY=a,b (names without .ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const DIST = 'bench/.tmp/dist';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Ours, run last in this order; the others' benchmarks come first, alphabetically. */
const LAST = ['peer-pouchdb', 'growth', 'cold-start'];
/** .ts files in bench/ that are not benchmarks. */
const NOT_BENCHMARKS = new Set(['chunk-map-plugin']);

if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}. The browser benchmarks (cold start, Lighthouse, kiosk) need it: ` +
      'install Debian\'s package with `apt-get update && apt-get install -y chromium`, or set CHROMIUM_PATH.',
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

const env = { ...process.env, CHROMIUM_PATH: chromium, STATIC_DIR: DIST };
const steps = [];
function run(name, cmd, args) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  const step = { name, command: `${cmd} ${args.join(' ')}`, ok: r.status === 0, seconds: (Date.now() - t0) / 1000 };
  steps.push(step);
  return step.ok;
}

const built = run('build', 'npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir']);
if (built) run('budget', 'node', ['bench/budget.mjs', DIST, '--write=bench/results/budget.md']);
for (const name of selected) {
  if (!built && name === 'cold-start') continue;
  run(name, 'npx', ['tsx', `bench/${name}.ts`]);
}

mkdirSync(join(BENCH, 'results'), { recursive: true });
const lines = [
  '# npm run bench: what ran',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model}; ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`,
  '',
  '| step | command | result | seconds |',
  '| --- | --- | --- | --- |',
  ...steps.map((s) => `| ${s.name} | \`${s.command}\` | ${s.ok ? 'ok' : 'FAILED'} | ${s.seconds.toFixed(0)} |`),
  '',
  'Figures: each step\'s own file in this folder (budget figures are printed by `node bench/budget.mjs`).',
  '',
];
writeFileSync(join(BENCH, 'results', 'run-all.md'), lines.join('\n'));
const failed = steps.filter((s) => !s.ok);
console.log(`\n=== summary\n${steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(0)} s)`).join('\n')}`);
process.exit(failed.length ? 1 : 0);
