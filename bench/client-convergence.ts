/**
 * Benchmark / soak: the randomized convergence test (test/convergence) with
 * many more seeds than `npm test` runs: five devices with the app's real
 * database and replication against the real server, random edits, network
 * cuts and server restarts; every seed must converge with nothing lost.
 *
 * Run: npx tsx bench/client-convergence.ts   (env: SEEDS, default 2000; FIRST_SEED; BATCH)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { machine, ROOT, writeResult } from './client-lib/harness';

const SEEDS = Number(process.env.SEEDS ?? 2000);
const FIRST_SEED = Number(process.env.FIRST_SEED ?? 1);
const BATCH = Number(process.env.BATCH ?? 20);

const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', '--project', 'server', 'test/convergence/convergence.test.ts'], {
  cwd: ROOT,
  env: { ...process.env, SEEDS: String(SEEDS), FIRST_SEED: String(FIRST_SEED), BATCH: String(BATCH) },
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const seconds = (Date.now() - started) / 1000;
const output = `${run.stdout}\n${run.stderr}`;
const passed = run.status === 0;
const failure = /seed \d+[^\n]*/.exec(output)?.[0] ?? '';
const line = `${SEEDS} seeds from ${FIRST_SEED} (${BATCH} at a time), 5 devices: ${passed ? 'all converged' : `FAILED ${failure}`} in ${seconds.toFixed(0)} s`;
console.log(line);
writeResult(
  'client-convergence',
  `# Soak: randomized convergence with many seeds

Command: \`npx tsx bench/client-convergence.ts\` (SEEDS=${SEEDS}, FIRST_SEED=${FIRST_SEED}, BATCH=${BATCH}); the same test as
\`${join('test/convergence', 'convergence.test.ts')}\` (200 seeds in \`npm test\`).

Machine: ${machine()}.
Date: ${new Date().toISOString().slice(0, 10)}.

Result:

\`\`\`
${line}
\`\`\`
`,
);
if (!passed) {
  console.log(output.slice(-4000));
  process.exitCode = 1;
}
