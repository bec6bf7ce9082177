import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionNames } from '../../src/domain/collections';
import { apiClient } from '../test-support/api';
import { attendanceDoc, pushRows } from '../test-support/docs';
import { startTestServer, type TestServer } from '../test-support/server';

describe('bad input is the client’s mistake: 4xx problem+json, never 500, nothing changes', () => {
  let s: TestServer;
  let token: string;
  let snapshot: Record<string, unknown[]>;
  const everything = async () => {
    const admin = apiClient(s.url, await s.login('admin'));
    return Object.fromEntries(await Promise.all(collectionNames.map(async (c) => [c, await admin.pullAll(c)] as const)));
  };

  beforeAll(async () => {
    s = await startTestServer();
    token = await s.login('manager');
    snapshot = await everything();
  });
  afterAll(() => s.close());

  const send = (path: string, body: string | undefined, headers: Record<string, string> = {}) =>
    s.fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
    });

  async function expectProblem(res: Response, status: number, detail?: RegExp) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { status: number; title: string; detail: string; type: string };
    expect(body).toMatchObject({ status, type: 'about:blank' });
    expect(body.title.length).toBeGreaterThan(0);
    expect(body.detail).toMatch(detail ?? /\.$/);
    return body;
  }

  const push = '/api/v1/replication/attendance/push';

  it('malformed JSON → 400', async () => {
    await expectProblem(await send(push, '[{"newDocumentState": '), 400, /not valid JSON/);
  });

  it('prototype-poisoning JSON → 400', async () => {
    await expectProblem(await send(push, '[{"newDocumentState": {"__proto__": {"admin": true}}}]'), 400);
  });

  it('a body that is not an array of rows → 400', async () => {
    for (const body of ['{}', '"x"', '[null]', '[{}]', '[{"newDocumentState": []}]', '[{"newDocumentState": {"_deleted": "yes"}}]', '[{"newDocumentState": {}, "assumedMasterState": 5}]']) {
      await expectProblem(await send(push, body), 400, /not what this endpoint expects/);
    }
  });

  it('an empty body → 400', async () => {
    await expectProblem(await send(push, ''), 400);
  });

  it('a document failing the schema → 422 listing every failing row, nothing written', async () => {
    const bad1 = attendanceDoc({ kind: 'teleport' });
    const bad2 = attendanceDoc({ deviceTime: 'yesterday' });
    const res = await send(push, JSON.stringify(pushRows([attendanceDoc(), bad1, bad2, { nothing: true }])));
    const body = (await expectProblem(res, 422)) as unknown as { rejected: { id: string | null; reason: string }[] };
    expect(body.rejected.map((r) => r.id)).toEqual([bad1.id, bad2.id, null]);
    expect(body.rejected[0].reason).toMatch(/field "kind"/);
    expect(body.rejected[1].reason).toMatch(/field "deviceTime"/);
  });

  it('an unknown collection → 404', async () => {
    await expectProblem(await send('/api/v1/replication/nope/push', '[]'), 404, /no collection named "nope"/);
    await expectProblem(await send('/api/v1/replication/__proto__/pull', undefined), 404);
    await expectProblem(await send('/api/v1/replication/constructor/pull', undefined), 404);
  });

  it('a body over the size limit → 413', async () => {
    const huge = JSON.stringify([{ newDocumentState: { ...attendanceDoc(), note: 'x'.repeat(6 * 1024 * 1024) } }]);
    await expectProblem(await send(push, huge), 413, /larger than the limit/);
  });

  it('more than 500 rows → 413', async () => {
    await expectProblem(await send(push, JSON.stringify(pushRows(Array.from({ length: 501 }, () => attendanceDoc())))), 413, /at most 500/);
  });

  it('a body that is not JSON → 415', async () => {
    await expectProblem(await send(push, 'hello', { 'content-type': 'text/plain' }), 415);
  });

  it('missing or forged token → 401 before the body is looked at', async () => {
    await expectProblem(await s.fetch(push, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[' }), 401);
    await expectProblem(await send(push, JSON.stringify(pushRows([attendanceDoc()])), { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 401);
  });

  it('bad pull parameters → 400', async () => {
    for (const q of ['limit=0', 'limit=1001', 'limit=ten', 'checkpoint=-1', 'checkpoint=1.5', 'checkpoint=1e3', 'limit=1&limit=2']) {
      await expectProblem(await send(`/api/v1/replication/staff/pull?${q}`, undefined), 400, /query parameter/);
    }
  });

  it('unknown API paths and methods → 404 problem', async () => {
    await expectProblem(await send('/api/v1/nothing-here', undefined), 404, /no API endpoint/);
    await expectProblem(await send('/api/v2/health', undefined), 404);
    await expectProblem(await send('/api/v1/health', '{}'), 404);
  });

  it('after all that, nothing changed', async () => {
    expect(await everything()).toEqual(snapshot);
  });
});
