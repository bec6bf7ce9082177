/**
 * Shared plumbing of the browser benchmarks that run the production build
 * (bench/cold-start.ts, bench/lighthouse.ts): the real sync server as its own
 * process serving the build, its HTTP API, a site topped up with staff, and
 * Debian's Chromium with the same flags as the e2e tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import playwrightConfig from '../../playwright.config';
import { pinyinInitials, randomName } from '../../src/domain/demo/people';
import { Rng } from '../../src/domain/demo/prng';
import { hashPin } from '../../src/features/kiosk/pin';
import { BENCH_ROOT, REPO } from './report';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The e2e suite's Chromium flags (playwright.config.ts), so the benches run the browser the tests run. */
export const CHROMIUM_ARGS: string[] = [...(playwrightConfig.use?.launchOptions?.args ?? ['--no-sandbox', '--disable-gpu'])];
/** The production build the benches serve; `npm run bench` builds it there first. */
export const STATIC_DIR = process.env.STATIC_DIR ?? 'bench/.tmp/dist';
export const PASSWORD = 'bench-demo-pass';

type Doc = Record<string, unknown>;

export interface AppServer {
  base: string;
  child: ChildProcess;
  api<T>(path: string, init?: { token?: string; body?: unknown; method?: string }): Promise<T>;
  stop(): Promise<void>;
}

/** Fails early with the command to run when the build is missing. */
export function requireBuild(): void {
  if (!existsSync(join(REPO, STATIC_DIR, 'sw.js'))) {
    throw new Error(`No production build in ${STATIC_DIR}: run \`npx vite build --outDir ${STATIC_DIR}\` first (npm run bench does).`);
  }
}

/** `tsx sync-server/cli.ts start` on 127.0.0.1:port with a fresh data folder and the demo organisation. */
export async function startAppServer(name: string, port: number): Promise<AppServer> {
  const dataDir = join(BENCH_ROOT, '.tmp', name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const base = `http://127.0.0.1:${port}`;
  const child = spawn('npx', ['tsx', 'sync-server/cli.ts', 'start'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR,
      DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  const api = async <T>(path: string, init: { token?: string; body?: unknown; method?: string } = {}): Promise<T> => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const stop = async () => {
    if (exited || !child.pid) return;
    // The whole process group: npx, tsx and the server.
    process.kill(-child.pid, 'SIGTERM');
    for (let i = 0; i < 100 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
  };
  for (let i = 0; i < 240; i++) {
    if (exited) throw new Error('The sync server exited while starting');
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return { base, child, api, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error('The sync server did not start within 2 minutes');
}

export async function login(server: AppServer, username: string): Promise<string> {
  return (await server.api<{ token: string }>('/auth/login', { body: { username, password: PASSWORD } })).token;
}

async function pullAll(server: AppServer, token: string, collection: string): Promise<Doc[]> {
  const out: Doc[] = [];
  let checkpoint = '';
  for (;;) {
    const body = await server.api<{ documents: Doc[]; checkpoint: { seq: number } | null }>(`/replication/${collection}/pull?checkpoint=${checkpoint}&limit=1000`, { token });
    out.push(...body.documents);
    if (body.documents.length < 1000 || !body.checkpoint) return out;
    checkpoint = String(body.checkpoint.seq);
  }
}

/**
 * Tops a site up to `count` staff (added people get PIN 2468) through the push
 * endpoint, as an administrator; returns the staff number of the last one.
 */
/**
 * Generated staff `from`..`count - 1` of a site (ids `bench-staff-<i>`, staff numbers BK<i>, Chinese names,
 * all with one PIN hash), seeded by `count` so the same top-up gives the same people.
 */
export function benchStaff(siteId: string, from: number, count: number, pinHash: Awaited<ReturnType<typeof hashPin>>): Doc[] {
  const rng = new Rng(count);
  const now = new Date().toISOString();
  const added: Doc[] = [];
  for (let i = from; i < count; i++) {
    const gender = rng.chance(0.6) ? 'female' : 'male';
    const name = randomName(rng, gender);
    added.push({
      id: `bench-staff-${i}`,
      siteId,
      updatedAt: now,
      updatedBy: 'bench',
      deviceId: 'bench',
      staffNo: `BK${String(i).padStart(5, '0')}`,
      name,
      pinyinInitials: pinyinInitials(name),
      gender,
      status: 'on-post',
      certificates: [],
      pin: pinHash,
      badgeCode: `B-bench-${i}`,
    });
  }
  return added;
}

export async function topUpStaff(server: AppServer, admin: string, siteId: string, count: number): Promise<{ total: number; lastStaffNo: string }> {
  const existing = (await pullAll(server, admin, 'staff')).filter((s) => s.siteId === siteId);
  const added = benchStaff(siteId, existing.length, count, await hashPin('2468'));
  for (let i = 0; i < added.length; i += 200) {
    const rows = added.slice(i, i + 200).map((d) => ({ newDocumentState: d, assumedMasterState: null }));
    await server.api(`/replication/staff/push`, { token: admin, body: rows });
  }
  const last = added.at(-1) ?? existing.at(-1);
  return { total: existing.length + added.length, lastStaffNo: String(last?.staffNo ?? '') };
}

/** A one-time enrolment credential for a kiosk tablet of the site. */
export async function enrolmentCredential(server: AppServer, admin: string, siteId: string, name: string): Promise<string> {
  return (await server.api<{ credential: string }>('/devices', { token: admin, body: { siteId, name } })).credential;
}
