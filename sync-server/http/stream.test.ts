import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../test-support/api';
import { attendanceDoc, pushRows } from '../test-support/docs';
import { startTestServer, BACKENDS, type TestServer } from '../test-support/server';
import { openSse } from '../test-support/sse';

const until = async (check: () => boolean, timeoutMs = 3000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

for (const backend of BACKENDS) describe(`the multiplexed SSE stream (${backend})`, () => {
  let s: TestServer;
  let guideToken: string;
  let adminToken: string;
  beforeAll(async () => {
    s = await startTestServer({ backend, heartbeatMs: 300 });
    guideToken = await s.login('guide');
    adminToken = await s.login('admin');
  });
  afterAll(() => s.close());

  it('says hello, then sends a committed push as a change with its checkpoint', async () => {
    const stream = await openSse(`${s.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${guideToken}` } });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toBe('no-cache');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    const hello = await stream.next('hello');
    expect(stream.received[0]).toBe(hello);
    expect(Date.parse((hello.data as { time: string }).time)).not.toBeNaN();

    const doc = attendanceDoc();
    await apiClient(s.url, adminToken).pushOk('attendance', pushRows([doc]));
    const change = (await stream.next('change')).data as { collection: string; documents: Record<string, unknown>[]; checkpoint: { seq: number } };
    expect(change.collection).toBe('attendance');
    expect(change.documents).toEqual([expect.objectContaining({ id: doc.id, _deleted: false })]);
    const pulled = await apiClient(s.url, guideToken).pull('attendance', change.checkpoint.seq - 1);
    expect(pulled.documents).toEqual(change.documents);
    stream.close();
  });

  it('accepts ?token= (EventSource cannot set headers) and sends heartbeats', async () => {
    const stream = await openSse(`${s.url}/api/v1/replication/stream?token=${encodeURIComponent(guideToken)}`);
    await stream.next('hello');
    const beat = await stream.next('heartbeat', 3000);
    expect(Date.parse((beat.data as { time: string }).time)).not.toBeNaN();
    stream.close();
  });

  it('sends only changes in the user’s scope', async () => {
    const stream = await openSse(`${s.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${guideToken}` } });
    await stream.next('hello');
    const admin = apiClient(s.url, adminToken);
    const elsewhere = attendanceDoc({ siteId: 'site-hall-2' });
    const here = attendanceDoc();
    await admin.pushOk('attendance', pushRows([elsewhere]));
    await admin.pushOk('attendance', pushRows([here]));
    const change = (await stream.next('change')).data as { documents: { id: string }[] };
    expect(change.documents.map((d) => d.id)).toEqual([here.id]);
    expect(stream.received.filter((e) => e.event === 'change')).toHaveLength(1);
    stream.close();
  });

  it('refuses a missing or forged token with 401', async () => {
    expect((await fetch(`${s.url}/api/v1/replication/stream`)).status).toBe(401);
    expect((await fetch(`${s.url}/api/v1/replication/stream?token=forged`)).status).toBe(401);
  });

  it('ends the stream of a signed-out session at the next heartbeat, and cleans up closed streams', async () => {
    await until(() => s.app.openStreamCount() === 0);
    const token = await s.login('guide');
    const stream = await openSse(`${s.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${token}` } });
    await stream.next('hello');
    expect(s.app.openStreamCount()).toBe(1);
    await s.fetch('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await stream.ended;
    await until(() => s.app.openStreamCount() === 0);

    const other = await openSse(`${s.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${guideToken}` } });
    await other.next('hello');
    expect(s.app.openStreamCount()).toBe(1);
    other.close();
    await until(() => s.app.openStreamCount() === 0);
  });
});
