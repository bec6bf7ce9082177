import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hashPassword } from '../../sync-server/auth/password';
import { apiClient } from '../../sync-server/test-support/api';
import { startTestServer, tempDir, TEST_PASSWORD, type TestServer } from '../../sync-server/test-support/server';
import type { CollectionName } from '../../src/domain/collections';
import { canonicalJson } from '../../src/domain/rules/merge';
import type { DeviceLogEntry } from '../../src/db/device-log';
import type { TokenAnswer } from '../../src/sync/session';
import type { Ack, WorkerInit } from './client-worker';
import { NetworkProxy } from './proxy';
import { CONV_SITE } from './scenario';

export const CONV_USER = { id: 'user-conv', username: 'conv' };
export const CONV_COLLECTIONS: CollectionName[] = ['rosters', 'staff', 'inspections'];

type Doc = Record<string, unknown>;

let bundled: Promise<string> | undefined;

/**
 * The device worker as one JavaScript file: bundled once per run with
 * esbuild, so each worker starts in well under a second instead of
 * compiling the app's TypeScript again.
 */
export function workerBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'hallops-device-')), 'client-worker.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./client-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
      // Some dependencies still call require(): give the ES module bundle one.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    return outfile;
  })();
  return bundled;
}

/** A simulated device: a worker thread with its own database, replication and network. */
export class Device {
  private rid = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    readonly index: number,
    readonly worker: Worker,
    readonly proxy: NetworkProxy,
  ) {
    worker.on('message', (msg: { rid?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (msg.rid === undefined) return;
      const p = this.pending.get(msg.rid);
      this.pending.delete(msg.rid);
      if (msg.ok) p?.resolve(msg.result);
      else p?.reject(new Error(`device ${index}: ${msg.error}`));
    });
  }

  static async start(init: Omit<WorkerInit, 'baseUrl'>, proxy: NetworkProxy): Promise<Device> {
    const worker = new Worker(await workerBundle(), { workerData: { ...init, baseUrl: proxy.url } satisfies WorkerInit });
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (msg: { ready?: boolean; error?: string }) => (msg.ready ? resolve() : reject(new Error(msg.error))));
    });
    return new Device(init.index, worker, proxy);
  }

  call<T = unknown>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const rid = ++this.rid;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(rid, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ rid, cmd, args });
    });
  }

  dump(ids?: string[]): Promise<Record<string, Doc[]>> {
    return this.call('dump', { collections: CONV_COLLECTIONS, ids });
  }
  log(): Promise<DeviceLogEntry[]> {
    return this.call('log');
  }
  acks(): Promise<Ack[]> {
    return this.call('acks');
  }

  async stop(): Promise<void> {
    await this.call('stop').catch(() => undefined);
    await this.worker.terminate();
  }
}

/** The real sync server with SQLite in a temp folder, restartable on the same data, and the devices in front of it. */
export class Cluster {
  devices: Device[] = [];
  restarts = 0;

  private constructor(
    public server: TestServer,
    readonly dataDir: string,
  ) {}

  static async start(deviceCount: number): Promise<Cluster> {
    const t0 = Date.now();
    const dataDir = tempDir('hall-ops-conv-');
    const bundle = workerBundle();
    // No demo organisation: the devices' user sees only its own test site.
    const server = await startTestServer({ dataDir, heartbeatMs: 1000, seed: false });
    const t1 = Date.now();
    await server.store.insertUser({
      id: CONV_USER.id,
      username: CONV_USER.username,
      displayName: '收敛测试',
      role: 'admin',
      siteIds: [CONV_SITE],
      passwordHash: await hashPassword(TEST_PASSWORD),
      createdAt: new Date().toISOString(),
    });
    const cluster = new Cluster(server, dataDir);
    const port = Number(new URL(server.url).port);
    cluster.devices = await Promise.all(
      Array.from({ length: deviceCount }, async (_, index) => {
        const proxy = new NetworkProxy(port);
        await proxy.listen();
        const login = await cluster.login();
        return Device.start({ index, login, userId: CONV_USER.id, collections: CONV_COLLECTIONS }, proxy);
      }),
    );
    await bundle;
    if (process.env.CONV_DEBUG) console.log(`server ${t1 - t0} ms, devices ${Date.now() - t1} ms`);
    return cluster;
  }

  async login(): Promise<TokenAnswer> {
    const res = await fetch(`${this.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: CONV_USER.username, password: TEST_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
    return (await res.json()) as TokenAnswer;
  }

  /** Stops the server and starts it again on the same data folder (a new port behind the same proxies). */
  async restartServer(): Promise<void> {
    await this.server.close();
    this.server = await startTestServer({ dataDir: this.dataDir, heartbeatMs: 1000 });
    const port = Number(new URL(this.server.url).port);
    for (const d of this.devices) d.proxy.retarget(port);
    this.restarts++;
  }

  /** What the server holds of the given documents (deleted ones left out), by collection and id. */
  private observerToken?: string;

  async serverState(ids: string[]): Promise<Record<string, Map<string, Doc>>> {
    // Sessions live in the database, so one sign-in outlasts server restarts.
    this.observerToken ??= (await this.login()).token;
    const client = apiClient(this.server.url, this.observerToken);
    const wanted = new Set(ids);
    const out: Record<string, Map<string, Doc>> = {};
    for (const name of CONV_COLLECTIONS) {
      const docs = await client.pullAll(name);
      // A pull pages by sequence: a document written twice appears once, at its latest position.
      out[name] = new Map(docs.filter((d) => wanted.has(d.id as string)).map((d) => [d.id as string, d]));
    }
    return out;
  }

  /**
   * Brings every device online and waits until each holds exactly what the
   * server holds of `ids`; returns the server's state. Throws with the
   * difference after `timeoutMs`.
   */
  async settle(ids: string[], timeoutMs = 60_000): Promise<Record<string, Map<string, Doc>>> {
    for (const d of this.devices) d.proxy.up();
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const t0 = Date.now();
      await Promise.all(this.devices.map((d) => d.call('syncNow')));
      await Promise.all(this.devices.map((d) => d.call('awaitInSync', { timeoutMs: Math.max(1000, deadline - Date.now()) }).catch(() => undefined)));
      const t1 = Date.now();
      const server = await this.serverState(ids);
      if (process.env.CONV_DEBUG) console.log(`  settle attempt ${attempt}: sync ${t1 - t0} ms, server ${Date.now() - t1} ms`);
      const live = Object.fromEntries(Object.entries(server).map(([c, m]) => [c, [...m.values()].filter((d) => d._deleted !== true)]));
      const dumps = await Promise.all(this.devices.map((d) => d.dump(ids)));
      const diff = diffStates(live, dumps);
      if (!diff) return server;
      if (Date.now() > deadline) {
        // A change the server refused stays on its device (it waits in the rejected-changes inbox): name those.
        const rejected = (await Promise.all(this.devices.map((d) => d.log())))
          .flatMap((log, i) => log.filter((e) => e.kind === 'rejection' && ids.includes(e.docId)).map((e) => `device ${i} had ${e.collectionName}/${e.docId} rejected: ${e.reason ?? ''}`));
        throw new Error(`devices did not converge with the server after ${attempt + 1} rounds:\n${[...rejected, diff].join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 50 + attempt * 20));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.devices.map((d) => d.stop()));
    await Promise.all(this.devices.map((d) => d.proxy.close()));
    await this.server.close();
  }
}

function withoutDeleted(doc: Doc): Doc {
  const { _deleted, ...rest } = doc;
  void _deleted;
  return rest;
}

/** An empty string when every device holds exactly the server's live documents. */
export function diffStates(server: Record<string, Doc[]>, devices: Record<string, Doc[]>[]): string {
  const lines: string[] = [];
  for (const [name, docs] of Object.entries(server)) {
    const want = new Map(docs.map((d) => [d.id as string, canonicalJson(withoutDeleted(d))]));
    devices.forEach((dump, i) => {
      const have = new Map((dump[name] ?? []).map((d) => [d.id as string, canonicalJson(d)]));
      for (const [id, json] of want) {
        if (!have.has(id)) lines.push(`device ${i} lacks ${name}/${id}`);
        else if (have.get(id) !== json) lines.push(`device ${i} differs on ${name}/${id}:\n  server ${json}\n  device ${have.get(id)}`);
      }
      for (const id of have.keys()) if (!want.has(id)) lines.push(`device ${i} has ${name}/${id}, which the server does not (or deleted)`);
    });
  }
  return lines.join('\n');
}
