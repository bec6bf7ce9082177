/**
 * One simulated device for the convergence tests, in its own worker thread
 * (the free RxDB build opens at most 13 collections per thread): an RxDB
 * database on the memory storage with the app's real openDatabase, write
 * helpers, conflict handlers and replication (src/sync/replication.ts),
 * talking to the real sync server through its own network proxy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { CollectionName } from '../../src/domain/collections';
import { openDatabase, type AppDatabase } from '../../src/db/database';
import type { DeviceLogEntry } from '../../src/db/device-log';
import { upsertDoc } from '../../src/db/write';
import { startSync, type SyncController } from '../../src/sync/replication';
import { createTokenSource, type TokenAnswer } from '../../src/sync/session';
import { mutate, type Mutation } from './scenario';

export interface WorkerInit {
  index: number;
  baseUrl: string;
  login: TokenAnswer;
  userId: string;
  collections: CollectionName[];
  /** This device's clock offset from the server's, simulated (ms). */
  clockSkewMs?: number;
}

/** A push the server answered 200 for: the row as sent, when the request started, and the master it answered, if any. */
export interface Ack {
  collection: string;
  doc: Record<string, unknown>;
  startedAt: number;
  master?: Record<string, unknown>;
}

const init = workerData as WorkerInit;
const deviceId = `device-${init.index}`;
const author = { userId: init.userId, deviceId };
const acks: Ack[] = [];

// Watch the device's pushes (test instrumentation only: the app code is unchanged).
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, reqInit?: RequestInit) => {
  const url = String(input instanceof Request ? input.url : input);
  const startedAt = Date.now();
  const res = await realFetch(input, reqInit);
  const pushed = /\/replication\/([^/]+)\/push$/.exec(url);
  if (pushed && res.status === 200 && typeof reqInit?.body === 'string') {
    try {
      const answer = (await res.clone().json()) as Record<string, unknown>[];
      const masters = new Map(answer.map((m) => [m.id, m]));
      for (const row of JSON.parse(reqInit.body) as { newDocumentState: Record<string, unknown> }[]) {
        acks.push({ collection: pushed[1]!, doc: row.newDocumentState, startedAt, master: masters.get(row.newDocumentState.id) });
      }
    } catch {
      // The body broke off with the connection: the push will be retried.
    }
  }
  return res;
};

let db: AppDatabase;
let sync: SyncController;
let credentials: TokenAnswer = init.login;
const clock = () => new Date(Date.now() + (init.clockSkewMs ?? 0)).toISOString();

function plain(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_')));
}

function collection(name: string) {
  return db[name as CollectionName] as unknown as {
    findOne(id: string): { exec(): Promise<{ toJSON(): Record<string, unknown>; remove(): Promise<unknown> } | null> };
    find(): { exec(): Promise<{ toJSON(): Record<string, unknown> }[]> };
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const commands: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
  async create({ collection: name, doc }) {
    const existing = await collection(name as string).findOne((doc as { id: string }).id).exec();
    if (existing) return false;
    await upsertDoc(db, name as CollectionName, doc as never, author);
    return true;
  },
  async mutate({ collection: name, id, mutation }) {
    const found = await collection(name as string).findOne(id as string).exec();
    if (!found) return false;
    const next = mutate(plain(found.toJSON()), mutation as Mutation, clock(), init.userId, 1000 + init.index);
    await upsertDoc(db, name as CollectionName, next as never, author);
    return true;
  },
  async remove({ collection: name, id }) {
    const found = await collection(name as string).findOne(id as string).exec();
    if (!found) return false;
    await found.remove();
    return true;
  },
  async syncNow() {
    sync.syncNow();
    return true;
  },
  async awaitInSync({ timeoutMs }) {
    await withTimeout(sync.awaitInSync(), (timeoutMs as number) ?? 10_000, 'awaitInSync');
    return true;
  },
  async dump({ collections, ids }) {
    const wanted = ids ? new Set(ids as string[]) : null;
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const name of collections as string[]) {
      out[name] = (await collection(name).find().exec()).map((d) => plain(d.toJSON())).filter((d) => !wanted || wanted.has(d.id as string));
    }
    return out;
  },
  async log() {
    return (await db.devicelog.find().exec()).map((d) => d.toJSON() as DeviceLogEntry);
  },
  /** Hands over the pushes acknowledged since the last call. */
  async acks() {
    return acks.splice(0);
  },
  async credentials() {
    return credentials;
  },
  async stop() {
    await sync.stop();
    await db.remove();
    return true;
  },
};

async function main() {
  db = await openDatabase({
    userId: `${init.userId}-${deviceId}-${Date.now()}`,
    storage: getRxStorageMemory(),
    clockOffsetMs: () => init.clockSkewMs ?? 0,
  });
  const auth = createTokenSource(
    { read: () => credentials, write: (answer) => (credentials = answer) },
    { baseUrl: init.baseUrl, earlyMs: 2_000 },
  );
  sync = startSync(db, {
    auth,
    baseUrl: init.baseUrl,
    waitForLeadership: false,
    collections: init.collections,
    retryMs: 100,
    streamBackoffMs: 100,
    deviceId,
  });
  parentPort!.on('message', (msg: { rid: number; cmd: string; args: Record<string, unknown> }) => {
    const run = commands[msg.cmd];
    if (!run) {
      parentPort!.postMessage({ rid: msg.rid, ok: false, error: `unknown command ${msg.cmd}` });
      return;
    }
    run(msg.args ?? {}).then(
      (result) => parentPort!.postMessage({ rid: msg.rid, ok: true, result }),
      (err: unknown) => parentPort!.postMessage({ rid: msg.rid, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }),
    );
  });
  parentPort!.postMessage({ ready: true });
}

void main().catch((err: unknown) => parentPort!.postMessage({ ready: false, error: String(err instanceof Error ? err.stack : err) }));
