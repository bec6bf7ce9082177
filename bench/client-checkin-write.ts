/**
 * Benchmark: time to write a check-in durably on the device — the app's
 * `insertDoc` (shared-schema validation, author stamps, outbox entry, RxDB
 * insert) until IndexedDB has committed, in headless Chromium. Target: p95 ≤ 50 ms.
 *
 * Run: npx tsx bench/client-checkin-write.ts   (env: WRITES, CHROMIUM_PATH)
 */
import { apiClient } from '../sync-server/test-support/api';
import { machine, percentile, startBench, writeResult } from './client-lib/harness';

const WRITES = Number(process.env.WRITES ?? 300);
const WARMUP = 20;
const TARGET_P95_MS = 50;

const bench = await startBench();
try {
  const token = await bench.server.login('manager');
  const staffIds = (await apiClient(bench.server.url, token).pullAll('staff')).map((s) => s.id as string);
  const times = await bench.page.evaluate(([n, w, ids]) => window.bench.checkins(n, w, ids), [WRITES, WARMUP, staffIds] as const);
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const met = p95 <= TARGET_P95_MS;
  const line = `check-in write (insertDoc → IndexedDB committed): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)} over ${WRITES} writes (after ${WARMUP} warm-up); target p95 ≤ ${TARGET_P95_MS} ms: ${met ? 'met' : 'NOT met'}`;
  console.log(line);
  writeResult(
    'client-checkin-write',
    `# Bench: writing a check-in durably on the device

Command: \`npx tsx bench/client-checkin-write.ts\` (WRITES=${WRITES})

What is timed: in headless Chromium, the app's own write path for an attendance event — \`insertDoc\`
(validation with the shared zod schema, author and device stamps, the outbox entry written before the
document, the RxDB insert on Dexie/IndexedDB) — from the call until its promise resolves, i.e. until
IndexedDB has committed both. ${WRITES} check-ins one after another on a fresh local database, after
${WARMUP} unmeasured warm-up writes; no replication running. Bundled with esbuild from
bench/client-lib/page.ts (no React), served by the real sync server.

Machine: ${machine()}.
Date: ${new Date().toISOString().slice(0, 10)}.

Result:

\`\`\`
${line}
\`\`\`
`,
  );
  if (!met) process.exitCode = 1;
} finally {
  await bench.close();
}
