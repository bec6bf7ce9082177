/**
 * Benchmark: a fresh device syncing a site's year of data (about 100,000
 * documents) — the app's real replication (pull per collection by sequence
 * checkpoint, RxDB on Dexie/IndexedDB) in headless Chromium against the real
 * sync server with SQLite. Target: ≤ 30 s.
 *
 * Run: npx tsx bench/client-initial-sync.ts   (env: DOCS, CHROMIUM_PATH)
 */
import { randomUUID } from 'node:crypto';
import { validateDocument, type CollectionName } from '../src/domain/collections';
import { rosterSlotId } from '../src/domain/ids';
import type { StoredDoc } from '../sync-server/store/store';
import { apiClient } from '../sync-server/test-support/api';
import { TEST_PASSWORD } from '../sync-server/test-support/server';
import type { TokenAnswer } from '../src/sync/session';
import { machine, startBench, writeResult } from './client-lib/harness';

const TARGET_DOCS = Number(process.env.DOCS ?? 100_000);
const TARGET_MS = 30_000;
const SITE = 'site-hall-1';
const DAY_MS = 86_400_000;

type Doc = Record<string, unknown>;

/** A year of one site: roster slots for every person and day, and four attendance events per person and working day. */
function yearOfSite(staffIds: string[], total: number): { collection: CollectionName; docs: Doc[] }[] {
  const base = { siteId: SITE, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'bench', deviceId: 'bench' };
  const start = Date.UTC(2025, 0, 1);
  const slots: Doc[] = [];
  const events: Doc[] = [];
  for (let d = 0; d < 365 && slots.length + events.length < total; d++) {
    const day = new Date(start + d * DAY_MS).toISOString().slice(0, 10);
    for (const [i, staffId] of staffIds.entries()) {
      const post = `post-window-${(i % 8) + 1}`;
      const shift = i % 2 ? 'early' : 'late';
      slots.push({ ...base, id: rosterSlotId(SITE, `${post}-${i}`, day, shift), kind: 'slot', postId: `${post}-${i}`, day, shiftId: shift, staffId, status: 'published', acknowledgedWarnings: [] });
      if (d % 7 >= 5) continue;
      for (const [k, kind] of (['check-in', 'left-post', 'returned', 'check-out'] as const).entries()) {
        const at = new Date(start + d * DAY_MS + (1 + k * 2) * 3_600_000).toISOString();
        events.push({ ...base, id: randomUUID(), staffId, kind, method: 'pin', deviceTime: at, receivedAt: at, hlc: `${String(Date.parse(at)).padStart(16, '0')}:0000:bench` });
      }
    }
  }
  const budget = total - slots.length;
  return [
    { collection: 'rosters', docs: slots },
    { collection: 'attendance', docs: events.slice(0, Math.max(0, budget)) },
  ];
}

const bench = await startBench();
try {
  const { server } = bench;
  const manager = apiClient(server.url, await server.login('manager'));
  const staffIds = (await manager.pullAll('staff')).filter((s) => s.siteId === SITE).map((s) => s.id as string);
  const seedStart = Date.now();
  let seeded = 0;
  for (const { collection, docs } of yearOfSite(staffIds, TARGET_DOCS)) {
    for (const sample of [docs[0], docs.at(-1)]) {
      const check = validateDocument(collection, sample);
      if (!check.ok) throw new Error(check.reason);
    }
    for (let i = 0; i < docs.length; i += 5_000) {
      const batch = docs.slice(i, i + 5_000);
      await server.store.applyPush({
        collection,
        ids: batch.map((d) => d.id as string),
        actor: { userId: 'bench', deviceId: 'bench' },
        now: new Date(),
        plan: () => ({ kind: 'apply', conflicts: [] as StoredDoc[], writes: batch.map((d) => ({ id: d.id as string, siteId: SITE, deleted: false, data: d, updatedAt: d.updatedAt as string })) }),
      });
      seeded += batch.length;
    }
  }
  const seedMs = Date.now() - seedStart;
  const login = (await (
    await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: TEST_PASSWORD }) })
  ).json()) as TokenAnswer;
  let expected = 0;
  const perCollection: string[] = [];
  for (const name of ['sites', 'catalog', 'staff', 'rosters', 'attendance', 'leave', 'training', 'results', 'inspections', 'reviews'] as CollectionName[]) {
    const n = (await manager.pullAll(name)).filter((d) => d._deleted !== true).length;
    expected += n;
    perCollection.push(`${name} ${n}`);
  }
  const result = await bench.page.evaluate((l) => window.bench.initialSync(l), login);
  const got = Object.values(result.counts).reduce((a, b) => a + b, 0);
  const met = result.ms <= TARGET_MS && got === expected;
  const line = `initial sync of ${got} documents (server holds ${expected} for the manager of ${SITE}): ${(result.ms / 1000).toFixed(1)} s; target ≤ ${TARGET_MS / 1000} s: ${met ? 'met' : 'NOT met'}`;
  console.log(line);
  writeResult(
    'client-initial-sync',
    `# Bench: a fresh device's first sync of a site's year

Command: \`npx tsx bench/client-initial-sync.ts\` (DOCS=${TARGET_DOCS})

What is timed: in headless Chromium, a fresh device (empty IndexedDB) signed in as the site manager
opens the app's database (RxDB on Dexie) and starts the app's replication (every collection, pull by
sequence checkpoint in batches of 500, the live stream, leader election) until every collection is in
sync (\`awaitInSync\`), against the real sync server (SQLite) serving the page. The server holds the demo
organisation (60 staff) plus ${seeded} generated documents of one year of ${SITE}: a roster slot per
person and day and four attendance events per person and working day (seeded straight into the store
in ${(seedMs / 1000).toFixed(1)} s, not timed). Bundled with esbuild from bench/client-lib/page.ts (no React).

Documents the manager may see, by collection: ${perCollection.join(', ')}.

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
