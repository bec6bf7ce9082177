/**
 * Benchmark: the sync server's pull and push throughput, on SQLite and (when
 * PostgreSQL answers) PostgreSQL.
 *
 * - push: attendance events pushed over HTTP by an administrator, 100 per
 *   push (the client's batch), 4 pushes in flight, each validated, checked,
 *   sequenced, audited and answered;
 * - initial pull: a device's first sync of 100,000 documents over HTTP,
 *   following checkpoints with limit=1000, as an organisation-wide user and as
 *   a user scoped to one of two sites (half the documents).
 *
 * The server runs in this process on loopback; the store is filled to 100,000
 * documents by the pushes plus direct store writes. Not part of `npm test`.
 * Run: npx tsx bench/server-throughput.ts   (BENCH_DATABASE_URL overrides the PostgreSQL URL)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../sync-server/app';
import { hashPassword } from '../sync-server/auth/password';
import { loadConfig } from '../sync-server/config';
import { PostgresStore } from '../sync-server/store/postgres';
import { openSqliteStore } from '../sync-server/store/sqlite';
import type { Store } from '../sync-server/store/store';
import { ms, table, writeResult } from './lib/report';

const TOTAL = 100_000;
const PUSHED = 20_000;
const PUSH_BATCH = 100;
const PUSH_IN_FLIGHT = 4;
const PULL_LIMIT = 1000;
const TARGET_PULL_DOCS_PER_S = 20_000;
const PASSWORD = 'bench-password';
const SITES = ['site-bench-1', 'site-bench-2'];
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let counter = 0;
/** A valid attendance event (about 400 bytes of JSON). */
function event(siteId: string): Record<string, unknown> {
  const n = counter++;
  const time = new Date(Date.UTC(2026, 2, 2, 0, 0, 0) + n * 1000).toISOString();
  return {
    id: `bench-${n.toString().padStart(8, '0')}`,
    siteId,
    updatedAt: time,
    updatedBy: 'user-bench',
    deviceId: 'bench-device',
    staffId: `staff-${(n % 500).toString().padStart(5, '0')}`,
    kind: n % 2 ? 'check-out' : 'check-in',
    method: 'pin',
    deviceTime: time,
    hlc: `${Date.parse(time).toString().padStart(16, '0')}:0000:bench-device`,
    note: '早班 综合受理窗口 打卡',
  };
}

async function openBackend(kind: 'sqlite' | 'postgres', dir: string): Promise<{ store: Store; done: () => Promise<void> } | null> {
  if (kind === 'sqlite') return { store: openSqliteStore(dir), done: async () => undefined };
  const schema = `bench_${Date.now().toString(36)}`;
  try {
    const store = await PostgresStore.open({ url: PG_URL, schema, poolSize: 8 });
    return {
      store,
      done: async () => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await c.end();
      },
    };
  } catch (err) {
    console.log(`PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, '//…@')} not available (${(err as Error).message}); skipping it.`);
    return null;
  }
}

/** Fills the store with documents quickly, as committed pushes would leave them (sequenced, audited). */
async function fill(store: Store, count: number): Promise<void> {
  const now = new Date();
  for (let done = 0; done < count; ) {
    const n = Math.min(1000, count - done);
    const writes = Array.from({ length: n }, (_, i) => {
      const data = event(SITES[(done + i) % 2]!);
      return { id: data.id as string, siteId: data.siteId as string, deleted: false, data: { ...data, receivedAt: data.updatedAt }, updatedAt: data.updatedAt as string };
    });
    await store.applyPush({ collection: 'attendance', ids: [], actor: { userId: 'user-bench', deviceId: null }, now, plan: () => ({ kind: 'apply', writes, conflicts: [] }) });
    done += n;
  }
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

async function pushAll(url: string, token: string): Promise<number> {
  const batches = Array.from({ length: PUSHED / PUSH_BATCH }, (_, b) => Array.from({ length: PUSH_BATCH }, (__, i) => event(SITES[(b * PUSH_BATCH + i) % 2]!)));
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PUSH_IN_FLIGHT }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const res = await fetch(`${url}/api/v1/replication/attendance/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(batch.map((d) => ({ newDocumentState: d, assumedMasterState: null }))),
        });
        if (res.status !== 200) throw new Error(`push ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  return performance.now() - t0;
}

/** A first sync of one collection, page by page as RxDB pulls it; returns documents and milliseconds. */
async function initialPull(url: string, token: string): Promise<{ docs: number; ms: number }> {
  const t0 = performance.now();
  let docs = 0;
  let checkpoint: number | null = null;
  for (;;) {
    const q = new URLSearchParams({ limit: String(PULL_LIMIT), ...(checkpoint === null ? {} : { checkpoint: String(checkpoint) }) });
    const res = await fetch(`${url}/api/v1/replication/attendance/pull?${q}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { documents: unknown[]; checkpoint: { seq: number } | null };
    docs += page.documents.length;
    if (page.documents.length < PULL_LIMIT) break;
    checkpoint = page.checkpoint?.seq ?? null;
  }
  return { docs, ms: performance.now() - t0 };
}

interface Result {
  backend: string;
  pushMs: number;
  pullAll: { docs: number; ms: number }[];
  pullScoped: { docs: number; ms: number }[];
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Result | null> {
  const dir = mkdtempSync(join(tmpdir(), 'hall-ops-bench-'));
  const backend = await openBackend(kind, dir);
  if (!backend) return null;
  const { store } = backend;
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const createdAt = new Date().toISOString();
    await store.insertUser({ id: 'user-bench', username: 'bench', displayName: 'Bench', role: 'admin', siteIds: ['*'], passwordHash, createdAt });
    await store.insertUser({ id: 'user-site', username: 'site', displayName: 'Site', role: 'manager', siteIds: [SITES[0]!], passwordHash, createdAt });
    const config = loadConfig({ DATA_DIR: dir, STATIC_DIR: join(dir, 'none'), LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, store, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const admin = await login(url, 'bench');
      const scoped = await login(url, 'site');
      const pushMs = await pushAll(url, admin);
      await fill(store, TOTAL - PUSHED);
      const pullAll: { docs: number; ms: number }[] = [];
      const pullScoped: { docs: number; ms: number }[] = [];
      for (let i = 0; i < 3; i++) {
        pullAll.push(await initialPull(url, admin));
        pullScoped.push(await initialPull(url, scoped));
      }
      return { backend: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', pushMs, pullAll, pullScoped };
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    await backend.done();
    rmSync(dir, { recursive: true, force: true });
  }
}

const best = (runs: { docs: number; ms: number }[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const rate = (docs: number, time: number) => Math.round(docs / (time / 1000));

const results = [await run('sqlite'), await run('postgres')].filter((r): r is Result => r !== null);
const rows = results.map((r) => {
  const all = best(r.pullAll);
  const scoped = best(r.pullScoped);
  return [
    r.backend,
    `${rate(PUSHED, r.pushMs).toLocaleString('en')} docs/s (${ms(r.pushMs)})`,
    `${rate(all.docs, all.ms).toLocaleString('en')} docs/s (${all.docs.toLocaleString('en')} in ${ms(all.ms)})`,
    `${rate(scoped.docs, scoped.ms).toLocaleString('en')} docs/s (${scoped.docs.toLocaleString('en')} in ${ms(scoped.ms)})`,
  ];
});
const sqlite = results.find((r) => r.backend === 'SQLite');
const sqliteRate = sqlite ? rate(best(sqlite.pullAll).docs, best(sqlite.pullAll).ms) : 0;
const verdict = `Target: initial pull ≥ ${TARGET_PULL_DOCS_PER_S.toLocaleString('en')} docs/s on SQLite — ${sqliteRate >= TARGET_PULL_DOCS_PER_S ? 'met' : 'NOT met'} (${sqliteRate.toLocaleString('en')} docs/s).`;
const body = `What is measured (server in this process, HTTP on loopback, attendance events of about 400 bytes):

- **push**: ${PUSHED.toLocaleString('en')} events in pushes of ${PUSH_BATCH}, ${PUSH_IN_FLIGHT} in flight, by an administrator: parse, validate (zod), permission, conflict check, sequence, write, audit-log entry, answer.
- **initial pull**: a first sync of ${TOTAL.toLocaleString('en')} documents with \`limit=${PULL_LIMIT}\`, following checkpoints, best of 3; "scoped" is a manager of one of the two sites (half the documents, the store narrows by site).

${table(['store', 'push', 'initial pull (organisation-wide)', 'initial pull (one site)'], rows)}

${verdict}
${results.length < 2 ? '\nPostgreSQL was not reachable, so only SQLite was measured.' : ''}`;
const file = writeResult('server-throughput', 'Bench: sync server pull and push throughput', 'npx tsx bench/server-throughput.ts', body);
console.log(body);
console.log(`\nwritten ${file}`);
