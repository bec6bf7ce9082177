import type { FastifyInstance } from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { seedDemo } from '../demo';
import { openSqliteStore } from '../store/sqlite';
import type { Store } from '../store/store';
import { freshSchema, openTestPostgres, TEST_DATABASE_URL } from './pg';
import { seededPostgres, seededSqlite } from './seed-cache';
import type { PostgresStore } from '../store/postgres';

export const TEST_PASSWORD = 'test-demo-password';
/** A small demo organisation keeps server start-up fast in tests. */
export const TEST_STAFF_COUNT = 12;
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function tempDir(prefix = 'hall-ops-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  backend: Backend;
  config: Config;
  dataDir: string;
  /** fetch against the server; `path` starts with /. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Signs in a demo user and returns its access token. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  staticDir?: string;
  heartbeatMs?: number;
  now?: () => Date;
  env?: Record<string, string>;
  /** Reuse a data folder (restart tests); a fresh temp folder otherwise. */
  dataDir?: string;
  seed?: boolean;
  /** PostgreSQL (a fresh schema, dropped at close; needs TEST_DATABASE_URL) instead of SQLite. */
  backend?: Backend;
}

export type Backend = 'sqlite' | 'postgres';

/** The backends the HTTP suites run against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS: Backend[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Opens the backend; a fresh one gets the demo organisation (from the seed cache) when `seed` is asked. */
async function openBackend(backend: Backend, dataDir: string, seed: boolean, staffCount: number): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (backend === 'sqlite') {
    if (seed && !existsSync(join(dataDir, 'hall-ops.sqlite'))) await seededSqlite(dataDir, staffCount, TEST_PASSWORD);
    return { store: openSqliteStore(dataDir), drop: async () => undefined };
  }
  if (!TEST_DATABASE_URL) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  const { schema, drop } = await freshSchema(TEST_DATABASE_URL, 'srv');
  const store: PostgresStore = await openTestPostgres(TEST_DATABASE_URL, schema);
  if (seed) await seededPostgres(TEST_DATABASE_URL, store, staffCount, TEST_PASSWORD, dataDir);
  return { store, drop };
}

/** The real app on 127.0.0.1, a random port, with SQLite in a temp folder and the demo organisation seeded. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const base = loadConfig(
    {
      DATA_DIR: dataDir,
      STATIC_DIR: options.staticDir ?? join(dataDir, 'no-dist'),
      DEMO_PASSWORD: TEST_PASSWORD,
      DEMO_STAFF_COUNT: String(TEST_STAFF_COUNT),
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    REPO_ROOT,
  );
  const config: Config = { ...base, heartbeatMs: options.heartbeatMs ?? base.heartbeatMs };
  const backend = options.backend ?? 'sqlite';
  const { store, drop } = await openBackend(backend, dataDir, options.seed !== false, config.demoStaffCount);
  if (options.seed !== false && (await store.countUsers()) === 0) {
    await seedDemo(store, { dataDir, password: TEST_PASSWORD, staffCount: config.demoStaffCount });
  }
  const app = await buildApp({ config, store, now: options.now, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  const doFetch = (path: string, init?: RequestInit) => fetch(url + path, init);
  return {
    url,
    app,
    store,
    backend,
    config,
    dataDir,
    fetch: doFetch,
    login: (username) => loginAt(url, username),
    async close() {
      await app.close();
      await store.close();
      await drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function loginAt(url: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/**
 * The server as a separate process, exactly as `npm start` runs it but with
 * `node --import tsx` directly (so the pid is the server, not an npx wrapper,
 * and SIGKILL hits it). Resolves once it prints its URL.
 */
export function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', 'start'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: join(dataDir, 'no-dist'),
      DEMO_PASSWORD: TEST_PASSWORD,
      DEMO_STAFF_COUNT: String(TEST_STAFF_COUNT),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${out}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}`, child, exited, output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${out}`));
    });
  });
}
