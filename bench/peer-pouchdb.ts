/**
 * Peer comparison: the same 50,000 attendance documents (the domain core's
 * generateDemoOrg) replicated from a server to a fresh client through
 *   (a) our sync server (Fastify + SQLite, in process) and RxDB with our real
 *       replication (src/sync/replication.ts), and
 *   (b) express-pouchdb (the core of pouchdb-server, in process) and PouchDB,
 * both on loopback, both clients on in-memory storage, the same pull batch
 * size (500). Measured in the same run, alternating the systems:
 *   - initial sync: fresh client until it holds every document (median of REPEATS);
 *   - incremental: the client stopped, 1,000 new documents written on the
 *     server over HTTP (10 requests of 100), then sync restarted until it holds them;
 *   - live latency: one document written over HTTP until it is in the live
 *     client's database (median of LIVE_PROBES).
 * Run: npx tsx bench/peer-pouchdb.ts   (env: PEER_DOCS, REPEATS, LIVE_PROBES)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { filter, firstValueFrom } from 'rxjs';
import PouchDB from 'pouchdb-core';
import PouchHttp from 'pouchdb-adapter-http';
import PouchMemory from 'pouchdb-adapter-memory';
import PouchMapReduce from 'pouchdb-mapreduce';
import PouchReplication from 'pouchdb-replication';
import expressPouchDB from 'express-pouchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { collections } from '../src/domain/collections';
import { generateDemoOrg } from '../src/domain/demo';
import { openDatabase, type AppDatabase } from '../src/db/database';
import { startSync, type SyncController } from '../src/sync/replication';
import { buildApp } from '../sync-server/app';
import { hashPassword } from '../sync-server/auth/password';
import { loadConfig } from '../sync-server/config';
import { planPush } from '../sync-server/replication/push-plan';
import { openSqliteStore } from '../sync-server/store/sqlite';
import type { Store } from '../sync-server/store/store';
import { loginAt, tempDir } from '../sync-server/test-support/server';
import { median, ms, REPO, table, writeResult } from './lib/report';

const TOTAL = Number(process.env.PEER_DOCS ?? 50_000);
const INCREMENTAL = 1000;
const REPEATS = Number(process.env.REPEATS ?? 3);
const LIVE_PROBES = Number(process.env.LIVE_PROBES ?? 20);
const BATCH = 500;
const PASSWORD = 'bench-peer-password';
const ADMIN = { id: 'bench-admin', username: 'admin', displayName: 'Bench admin', role: 'admin' as const, siteIds: ['*'] };

type Doc = Record<string, unknown> & { id: string };

/** Attendance events from a demo organisation big enough, split into the base set and the later writes. */
function dataset(): { base: Doc[]; extra: Doc[] } {
  const needed = TOTAL + INCREMENTAL * REPEATS + LIVE_PROBES;
  const org = generateDemoOrg({ seed: 424242, today: '2025-06-16', staffCount: Math.ceil(needed / 80), months: 3 });
  const docs = org.attendance as unknown as Doc[];
  if (docs.length < needed) throw new Error(`the generator made ${docs.length} attendance events, ${needed} needed`);
  return { base: docs.slice(0, TOTAL), extra: docs.slice(TOTAL, needed) };
}

/** Waits for a promise or fails the run: a benchmark must stop by itself. */
async function within<T>(p: Promise<T>, msLimit: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`${what}: timed out`)), msLimit)))]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- ours

interface Ours {
  url: string;
  token: string;
  push(docs: readonly Doc[]): Promise<void>;
  close(): Promise<void>;
}

async function seedStore(store: Store, docs: readonly Doc[]): Promise<void> {
  const spec = collections.attendance;
  const now = new Date();
  const system = { ...ADMIN, id: 'system' };
  for (let i = 0; i < docs.length; i += BATCH) {
    const rows = docs.slice(i, i + BATCH).map((d) => ({ newDocumentState: d, assumedMasterState: null }));
    const r = await store.applyPush({
      collection: 'attendance',
      ids: rows.map((r) => r.newDocumentState.id),
      actor: { userId: 'system', deviceId: 'server' },
      now,
      plan: (masters) => planPush(rows, masters, { spec, user: system, now, keepServerStamps: true }),
    });
    if (r.kind === 'rejected') throw new Error(`seed rejected: ${r.rejections[0]?.reason}`);
  }
}

async function startOurs(base: readonly Doc[]): Promise<Ours> {
  const dataDir = tempDir('bench-peer-');
  const config = loadConfig({ DATA_DIR: dataDir, STATIC_DIR: `${dataDir}/no-dist`, LOG_LEVEL: 'silent' }, REPO);
  const store = openSqliteStore(dataDir);
  await store.insertUser({ ...ADMIN, passwordHash: await hashPassword(PASSWORD), createdAt: new Date().toISOString() });
  await seedStore(store, base);
  const app = await buildApp({ config, store, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const token = await loginAt(url, 'admin', PASSWORD);
  const writer = await loginAt(url, 'admin', PASSWORD);
  return {
    url,
    token,
    async push(docs) {
      const res = await fetch(`${url}/api/v1/replication/attendance/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' },
        body: JSON.stringify(docs.map((d) => ({ newDocumentState: d, assumedMasterState: null }))),
      });
      // The answer carries the server-stamped masters (ADR 0002); arrival is checked on the client.
      if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface OurClient {
  db: AppDatabase;
  sync: SyncController | null;
  start(): void;
}

let clientNo = 0;
async function ourClient(ours: Ours): Promise<OurClient> {
  const db = await openDatabase({ userId: `bench-peer-${++clientNo}`, storage: getRxStorageMemory() });
  const client: OurClient = {
    db,
    sync: null,
    start() {
      client.sync = startSync(db, { token: ours.token, baseUrl: ours.url, waitForLeadership: false, collections: ['attendance'], deviceId: `bench-${clientNo}` });
    },
  };
  return client;
}

async function ourCount(db: AppDatabase): Promise<number> {
  return db.attendance.count().exec();
}

async function ourCatchUp(c: OurClient, expected: number): Promise<void> {
  await within(c.sync!.awaitInSync(), 600_000, 'RxDB sync');
  const n = await ourCount(c.db);
  if (n !== expected) throw new Error(`RxDB client holds ${n} documents, expected ${expected}`);
}

// ---------------------------------------------------------------- PouchDB

/* eslint-disable @typescript-eslint/no-explicit-any -- PouchDB has no types here */
const Pouch: any = PouchDB.plugin(PouchHttp).plugin(PouchMemory).plugin(PouchReplication).plugin(PouchMapReduce);
const MemPouch: any = Pouch.defaults({ adapter: 'memory' });

interface Peer {
  dbUrl: string;
  push(docs: readonly Doc[]): Promise<void>;
  close(): Promise<void>;
}

const toPouch = (d: Doc) => ({ _id: d.id, ...d });

async function startPeer(base: readonly Doc[]): Promise<Peer> {
  const handler = expressPouchDB(MemPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' });
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const dbUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench`;
  const put = await fetch(dbUrl, { method: 'PUT' });
  if (put.status !== 201 && put.status !== 412) throw new Error(`create db: ${put.status}`);
  const push = async (docs: readonly Doc[]) => {
    const res = await fetch(`${dbUrl}/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ docs: docs.map(toPouch) }),
    });
    if (res.status !== 201) throw new Error(`bulk_docs: ${res.status} ${await res.text()}`);
  };
  for (let i = 0; i < base.length; i += 1000) await push(base.slice(i, i + 1000));
  return {
    dbUrl,
    push,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let pouchNo = 0;
function pouchClient(): any {
  return new MemPouch(`bench-client-${++pouchNo}`);
}

async function pouchPull(local: any, peer: Peer, expected: number): Promise<void> {
  await within(local.replicate.from(new Pouch(peer.dbUrl), { batch_size: BATCH }), 600_000, 'PouchDB replication');
  const info = await local.info();
  if (info.doc_count !== expected) throw new Error(`PouchDB client holds ${info.doc_count} documents, expected ${expected}`);
}

// ---------------------------------------------------------------- the run

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main() {
  const t0 = performance.now();
  const { base, extra } = dataset();
  console.log(`data set: ${base.length} attendance documents (+${extra.length} for later writes) in ${ms(performance.now() - t0)}`);
  const ours = await startOurs(base);
  console.log(`our server seeded after ${ms(performance.now() - t0)}`);
  const peer = await startPeer(base);
  console.log(`both servers seeded after ${ms(performance.now() - t0)}`);

  const initial = { ours: [] as number[], peer: [] as number[] };
  let lastOurs: OurClient | null = null;
  let lastPeer: any = null;
  for (let r = 0; r < REPEATS; r++) {
    // Alternate which system goes first so a warm-up or a load spike does not favour one.
    const runOurs = async () => {
      if (lastOurs) {
        await lastOurs.sync?.stop();
        await lastOurs.db.close();
      }
      const c = await ourClient(ours);
      initial.ours.push(await timed(async () => (c.start(), await ourCatchUp(c, base.length))));
      lastOurs = c;
    };
    const runPeer = async () => {
      if (lastPeer) await lastPeer.destroy();
      const local = pouchClient();
      initial.peer.push(await timed(() => pouchPull(local, peer, base.length)));
      lastPeer = local;
    };
    if (r % 2 === 0) await runOurs().then(runPeer);
    else await runPeer().then(runOurs);
    console.log(`initial sync #${r + 1}: ours ${ms(initial.ours.at(-1)!)}, PouchDB ${ms(initial.peer.at(-1)!)}`);
  }

  // Incremental: stop the clients, write 1,000 new documents on each server, sync again.
  const incremental = { ours: [] as number[], peer: [] as number[] };
  const c = lastOurs! as OurClient;
  let held = base.length;
  for (let r = 0; r < REPEATS; r++) {
    const batch = extra.slice(r * INCREMENTAL, (r + 1) * INCREMENTAL);
    await c.sync!.stop();
    for (let i = 0; i < batch.length; i += 100) {
      await ours.push(batch.slice(i, i + 100));
      await peer.push(batch.slice(i, i + 100));
    }
    held += batch.length;
    incremental.ours.push(await timed(async () => (c.start(), await ourCatchUp(c, held))));
    incremental.peer.push(await timed(() => pouchPull(lastPeer, peer, held)));
    console.log(`incremental #${r + 1}: ours ${ms(incremental.ours.at(-1)!)}, PouchDB ${ms(incremental.peer.at(-1)!)}`);
  }

  // Live: both clients replicating live; one document written over HTTP until it is on the client.
  const probes = extra.slice(REPEATS * INCREMENTAL);
  const live = { ours: [] as number[], peer: [] as number[] };
  const peerLive = Pouch.replicate(new Pouch(peer.dbUrl), lastPeer, { live: true, retry: true, batch_size: BATCH });
  const peerChanges = lastPeer.changes({ live: true, since: 'now' });
  const peerSeen = new Map<string, () => void>();
  peerChanges.on('change', (ch: { id: string }) => peerSeen.get(ch.id)?.());
  await new Promise((r) => setTimeout(r, 1000));
  for (const doc of probes) {
    const oursArrived = firstValueFrom(c.db.attendance.$.pipe(filter((ev) => ev.documentId === doc.id)));
    live.ours.push(await timed(async () => (await ours.push([doc]), await within(oursArrived.then(() => undefined), 30_000, 'RxDB live change'))));
    const peerArrived = new Promise<void>((r) => peerSeen.set(doc.id, r));
    live.peer.push(await timed(async () => (await peer.push([doc]), await within(peerArrived, 30_000, 'PouchDB live change'))));
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`live latency medians: ours ${ms(median(live.ours))}, PouchDB ${ms(median(live.peer))}`);
  peerChanges.cancel();
  peerLive.cancel();
  await c.sync!.stop();
  await c.db.close();
  await lastPeer.destroy();
  await ours.close();
  await peer.close();

  const row = (what: string, o: number[], p: number[]) => [
    what,
    ms(median(o)),
    ms(median(p)),
    (median(o) / median(p)).toFixed(2),
    o.map((x) => Math.round(x)).join(', '),
    p.map((x) => Math.round(x)).join(', '),
  ];
  const body = `
Same ${base.length.toLocaleString('en')} attendance documents (generateDemoOrg, seed 424242), same machine, same process, same run,
alternating which system goes first. Ours: Fastify sync server with SQLite on disk (temp folder) → RxDB on the memory storage
through src/sync/replication.ts (pull batch 500, live changes over the multiplexed stream). Peer: express-pouchdb (pouchdb-server's
core) with the memory adapter → PouchDB with the memory adapter (replication batch_size 500, live = longpoll _changes).
The peer's server keeps its data in memory while ours writes SQLite to disk: that favours the peer.

${table(['measure', 'ours (median)', 'PouchDB (median)', 'ratio ours/peer', 'ours, every run (ms)', 'PouchDB, every run (ms)'], [
    row(`initial sync, ${base.length.toLocaleString('en')} docs (${REPEATS} runs)`, initial.ours, initial.peer),
    row(`incremental sync, ${INCREMENTAL.toLocaleString('en')} new docs (${REPEATS} runs)`, incremental.ours, incremental.peer),
    row(`live propagation of one change (${probes.length} probes)`, live.ours, live.peer),
  ])}

Goal: initial sync at most half the peer's time (ratio ≤ 0.50): **${median(initial.ours) / median(initial.peer) <= 0.5 ? 'met' : 'not met'}**;
live latency lower than the peer's: **${median(live.ours) < median(live.peer) ? 'met' : 'not met'}**.
`;
  const file = writeResult('peer-pouchdb', 'Peer comparison: our sync server + RxDB vs express-pouchdb + PouchDB', 'npx tsx bench/peer-pouchdb.ts', body);
  console.log(body);
  console.log(`written ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
