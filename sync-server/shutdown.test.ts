import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from './test-support/api';
import { attendanceDoc, pushRows } from './test-support/docs';
import { loginAt, spawnServer, startTestServer, tempDir, type SpawnedServer } from './test-support/server';
import { openSse } from './test-support/sse';

/** Starts a push whose body arrives in two parts; `finish()` sends the rest and resolves with the answer. */
function slowPush(url: string, token: string, body: string) {
  const req = request(`${url}/api/v1/replication/attendance/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return {
    finish: () => {
      req.end(body.slice(half));
      return answer;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful shutdown', () => {
  const dataDir = tempDir();
  let running: SpawnedServer | undefined;
  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM finishes the request in flight, ends streams, closes the database and exits 0', async () => {
    running = await spawnServer(dataDir);
    const token = await loginAt(running.url, 'guide');
    const stream = await openSse(`${running.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${token}` } });
    await stream.next('hello');
    const doc = attendanceDoc();
    const push = slowPush(running.url, token, JSON.stringify(pushRows([doc])));
    await sleep(200);
    running.child.kill('SIGTERM');
    await sleep(300);
    expect(running.child.exitCode).toBeNull();
    const answer = await push.finish();
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { id: string }[]).map((d) => d.id)).toEqual([doc.id]);
    await stream.ended;
    expect(await running.exited).toEqual({ code: 0, signal: null });

    running = await spawnServer(dataDir);
    const pulled = await apiClient(running.url, await loginAt(running.url, 'admin')).pullAll('attendance');
    expect(pulled.filter((d) => d.id === doc.id)).toHaveLength(1);
  });
});

describe('close() in process', () => {
  it('waits for the request in flight and ends open streams', async () => {
    const s = await startTestServer();
    const token = await s.login('guide');
    const stream = await openSse(`${s.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${token}` } });
    await stream.next('hello');
    const doc = attendanceDoc();
    const push = slowPush(s.url, token, JSON.stringify(pushRows([doc])));
    await sleep(100);
    let closed = false;
    const closing = s.app.close().then(() => (closed = true));
    await stream.ended;
    await sleep(200);
    expect(closed).toBe(false);
    const answer = await push.finish();
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { id: string }[]).map((d) => d.id)).toEqual([doc.id]);
    await closing;
    const stored = await s.store.pull({ collection: 'attendance', afterSeq: 0, limit: 100_000, sites: 'all' });
    expect(stored.filter((d) => d.id === doc.id)).toHaveLength(1);
    await s.store.close();
    rmSync(s.dataDir, { recursive: true, force: true });
  });
});
