#!/usr/bin/env node
// `npm test`: the whole suite, in order — type check, lint, unit and server
// integration tests (PostgreSQL too when TEST_DATABASE_URL is set), the
// production build with its budgets, and end-to-end tests in Chromium.
// Prints one closing line with the number of tests passed and failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const results = 'test-results';
mkdirSync(results, { recursive: true });

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function counts(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0 };
  }
}

if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}. The end-to-end tests need it: install Debian's package with ` +
      '`apt-get update && apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}
if (!process.env.TEST_DATABASE_URL) {
  console.log('TEST_DATABASE_URL is not set: the PostgreSQL half of the server suite will not run.');
}

const steps = [];
const step = (title, ok) => {
  steps.push({ title, ok });
  return ok;
};

let ok =
  step('typecheck', run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])) &&
  step('lint', run('lint', 'npx', ['eslint', '.']));

const vitestFile = `${results}/vitest.json`;
const e2eFile = `${results}/e2e.json`;
if (ok) {
  ok = step(
    'unit + server',
    run('unit and server integration tests', 'npx', [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestFile}`,
    ]),
  );
}
if (ok) ok = step('build', run('production build', 'npx', ['vite', 'build']));
// The build budgets (docs/performance.md): first-screen JavaScript, precache size,
// lazy feature screens. Exceeding one fails the suite.
if (ok) ok = step('budgets', run('build budgets', 'node', ['bench/budget.mjs', 'dist']));
if (ok) {
  ok = step(
    'e2e',
    run('end-to-end tests in Chromium', 'npx', ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eFile,
      CHROMIUM_PATH: chromium,
    }),
  );
}

const v = counts(vitestFile, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests }));
const e = counts(e2eFile, (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky }));
console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.title}`);
const failedSteps = steps.filter((s) => !s.ok).length;
console.log(`tests: ${v.passed + e.passed} passed, ${v.failed + e.failed + failedSteps} failed`);
process.exit(ok ? 0 : 1);
