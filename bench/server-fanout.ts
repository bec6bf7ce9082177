/**
 * Benchmark: SSE fan-out latency with 500 connected clients.
 *
 * The sync server runs as its own process (as in production, SQLite); 500
 * clients in this process each hold one multiplexed stream. An administrator
 * pushes one attendance event at a time; for every (client, event) pair the
 * latency is from just before the push is sent to the moment that client has
 * parsed the `change` event. p50 and p95 over all pairs. Not part of `npm test`.
 * Run: npx tsx bench/server-fanout.ts
 */
import { createParser } from 'eventsource-parser';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, ms, table, writeResult } from './lib/report';

const CLIENTS = 500;
const EVENTS = 20;
const GAP_MS = 250;
const TARGET_P95_MS = 500;
const PASSWORD = 'bench-password';

// Node's fetch (undici) opens one connection per stream and does not cap connections per origin.

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function startServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', 'start'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'none'), DEMO_PASSWORD: PASSWORD, DEMO_STAFF_COUNT: '12', LOG_LEVEL: 'warn', HEARTBEAT_SECONDS: '15', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '1000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** One client's stream: calls `onChange(ids)` with the ids of each `change` event. */
async function connect(url: string, token: string, onChange: (ids: string[]) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${token}` }, signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream ${res.status}`);
  let hello!: () => void;
  const ready = new Promise<void>((r) => (hello = r));
  const parser = createParser({
    onEvent(e) {
      if (e.event === 'hello') hello();
      if (e.event === 'change') onChange((JSON.parse(e.data) as { documents: { id: string }[] }).documents.map((d) => d.id));
    },
  });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted at the end
    }
  })();
  await ready;
}

const dataDir = mkdtempSync(join(tmpdir(), 'hall-ops-fanout-'));
const server = await startServer(dataDir);
const controller = new AbortController();
try {
  // Streams of the people of the demo hall: guides, team leaders and the manager, as on a busy day.
  const tokens = await Promise.all(['guide', 'teamleader', 'manager', 'admin'].map((u) => login(server.url, u)));
  const admin = tokens[3]!;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const received = new Map<string, number>();
  const t0 = performance.now();
  for (let i = 0; i < CLIENTS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, CLIENTS - i) }, (_, j) =>
        connect(
          server.url,
          tokens[(i + j) % 3]!,
          (ids) => {
            const now = performance.now();
            for (const id of ids) {
              const sent = sentAt.get(id);
              if (sent === undefined) continue;
              latencies.push(now - sent);
              received.set(id, (received.get(id) ?? 0) + 1);
            }
          },
          controller.signal,
        ),
      ),
    );
  }
  const connectMs = performance.now() - t0;
  for (let n = 0; n < EVENTS; n++) {
    const id = `fanout-${n}-${Date.now()}`;
    const doc = {
      id,
      siteId: 'site-hall-1',
      updatedAt: new Date().toISOString(),
      updatedBy: 'user-admin',
      deviceId: 'bench',
      staffId: 'staff-00001',
      kind: 'check-in',
      method: 'pin',
      deviceTime: new Date().toISOString(),
      hlc: `${Date.now().toString().padStart(16, '0')}:0000:bench`,
    };
    sentAt.set(id, performance.now());
    const res = await fetch(`${server.url}/api/v1/replication/attendance/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ newDocumentState: doc, assumedMasterState: null }]),
    });
    if (res.status !== 200) throw new Error(`push ${res.status}`);
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const delivered = [...received.values()].reduce((a, b) => a + b, 0);
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  const body = `${CLIENTS} SSE clients (one stream each, as guides, team leaders and the manager of the demo hall) connected in ${ms(connectMs)};
${EVENTS} attendance events pushed one at a time, ${GAP_MS} ms apart. Latency per (client, event): from just before
the push is sent until that client has parsed the change. Server: a separate process (\`sync-server/cli.ts start\`,
SQLite); the 500 clients share this one Node process, so client-side parsing is included.

${table(['clients', 'events', 'deliveries', 'p50', 'p95', 'max'], [[CLIENTS, EVENTS, `${delivered} of ${CLIENTS * EVENTS}`, ms(p50), ms(p95), ms(Math.max(...latencies))]])}

Target: p95 ≤ ${TARGET_P95_MS} ms — ${p95 <= TARGET_P95_MS && delivered === CLIENTS * EVENTS ? 'met' : 'NOT met'}.`;
  const file = writeResult('server-fanout', 'Bench: SSE fan-out latency, 500 clients', 'npx tsx bench/server-fanout.ts', body);
  console.log(body);
  console.log(`\nwritten ${file}`);
} finally {
  controller.abort();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
