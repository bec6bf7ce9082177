import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionNames, validateDocument } from '../src/domain/collections';
import { apiClient } from './test-support/api';
import { attendanceDoc, staffDoc } from './test-support/docs';
import { startTestServer, type TestServer } from './test-support/server';

/** Seeded, so a failure reproduces. */
const SEED = 20_260_302;
const REQUESTS = 2200;
const IN_FLIGHT = 8;

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const SQLISH = ["'; DROP TABLE documents; --", "' OR '1'='1", 'staff" OR 1=1 --', "1; UPDATE users SET role='admin'", "\\'); DELETE FROM audit_log; --"];
const TRAVERSAL = ['%E0%A4%A', '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fhall-ops.sqlite', '..\\..\\windows', 'media/../../x', '%00', 'a'.repeat(64) + '/..', '.'];
const POISON = [
  '{"__proto__":{"admin":true}}',
  '[{"newDocumentState":{"__proto__":{"polluted":1},"id":"p"}}]',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '[{"newDocumentState":{"id":"x","siteId":"site-hall-1","constructor":{"prototype":{"a":1}}}}]',
];

/** encodeURIComponent, except that a lone surrogate (which it refuses) becomes a malformed escape. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

describe('fuzz: malformed requests to every endpoint', () => {
  let s: TestServer;
  let tokens: string[];

  beforeAll(async () => {
    s = await startTestServer({ env: { BODY_LIMIT_BYTES: String(256 * 1024), MEDIA_LIMIT_BYTES: String(256 * 1024) } });
    const admin = await s.login('admin');
    const guide = await s.login('guide');
    const revoked = await s.login('manager');
    await s.fetch('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${revoked}` } });
    // A refreshed session's old access token no longer works (as if expired).
    const login = (await (await s.fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'trainer', password: 'test-demo-password' }) })).json()) as { token: string; refreshToken: string };
    await s.fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: login.refreshToken }) });
    tokens = [admin, admin, guide, revoked, login.token, 'forged', 'A'.repeat(43), `${admin}x`, ''];
  }, 120_000);
  afterAll(() => s.close());

  const validDocs = [attendanceDoc(), staffDoc(), attendanceDoc({ kind: 'correction' }), staffDoc({ siteId: '*' })];
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const weird = fc.oneof(fc.constantFrom(...SQLISH, ...TRAVERSAL), fc.string({ maxLength: 30 }), fc.constant('\u0000\ud800'), anyJson);

  /** A valid document with some fields replaced, removed or added. */
  const mutatedDoc = fc
    .tuple(fc.constantFrom(...validDocs), fc.array(fc.tuple(fc.constantFrom('id', 'siteId', 'kind', 'staffId', 'deviceTime', 'name', 'gender', 'note', '__proto__', 'constructor', '_deleted', 'extra'), weird), { maxLength: 3 }))
    .map(([doc, changes]) => {
      const out: Record<string, unknown> = { ...doc };
      for (const [k, v] of changes) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
  const pushBody = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.record({ newDocumentState: mutatedDoc, assumedMasterState: fc.oneof(fc.constant(null), mutatedDoc, weird) }), { maxLength: 4 }).map((rows) => JSON.stringify(rows)) },
    fc.array(weird, { maxLength: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom(...POISON),
    anyJson.map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 50 }).map((t) => `[{"newDocumentState": ${t}`),
  );
  const body = fc.oneof(
    { weight: 4, arbitrary: pushBody },
    { weight: 2, arbitrary: fc.record({ username: weird, password: weird }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.record({ refreshToken: weird }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.record({ credential: weird }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.record({ siteId: weird, name: weird }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(300 * 1024)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const segment = fc.oneof(fc.constantFrom(...collectionNames, ...TRAVERSAL, ...SQLISH, '__proto__', 'constructor', 'hasOwnProperty'), fc.string({ maxLength: 20 }));
  const hash = fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.constantFrom(...TRAVERSAL), fc.string({ maxLength: 70 }));
  const query = fc.oneof(
    fc.constant(''),
    fc.tuple(fc.constantFrom('checkpoint', 'limit', 'before', 'collection', 'docId', 'token'), weird).map(([k, v]) => `?${k}=${enc(typeof v === 'string' ? v : JSON.stringify(v))}`),
    fc.constantFrom('?limit=-1', '?checkpoint=1e99', '?limit=1&limit=2', '?checkpoint=99999999999999999999', '?collection=staff&docId=staff-00001', '?__proto__[x]=1'),
  );
  const path = fc.oneof(
    segment.map((c) => `/api/v1/replication/${enc(c)}/pull`),
    segment.map((c) => `/api/v1/replication/${enc(c)}/push`),
    fc.constant('/api/v1/replication/attendance/push'),
    fc.constant('/api/v1/replication/staff/push'),
    fc.constant('/api/v1/replication/stream'),
    fc.constantFrom('/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout', '/api/v1/auth/device', '/api/v1/me', '/api/v1/health', '/api/v1/ready'),
    fc.constantFrom('/api/v1/rejections', '/api/v1/devices', '/api/v1/audit'),
    segment.map((id) => `/api/v1/devices/${enc(id)}`),
    hash.map((h) => `/api/v1/media/${h}`),
    fc.string({ maxLength: 40 }).map((p) => `/api/v1/${enc(p)}`),
  );
  const header = <T>(common: T, ...odd: T[]) => fc.oneof({ weight: 8, arbitrary: fc.constant(common) }, { weight: 2, arbitrary: fc.constantFrom(...odd) });
  const headers = fc.record({
    token: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 2) }, { weight: 4, arbitrary: fc.nat(100) }),
    contentType: header('application/json', 'text/plain', 'image/png', 'image/jpeg', 'application/json; charset=utf-16', ''),
    clientVersion: header<string | undefined>(undefined, '1', '0', 'abc', '99999999999'),
    deviceTime: header<string | undefined>(undefined, 'yesterday', new Date().toISOString(), '9999-99-99'),
  });
  /** Well-aimed requests (the right method and path, a mangled body) and wholly random ones. */
  const shape = fc.oneof(
    { weight: 6, arbitrary: fc.record({ method: fc.constant('POST'), path: fc.constantFrom(...collectionNames).map((c) => `/api/v1/replication/${c}/push`), query: fc.constant(''), body: pushBody }) },
    { weight: 2, arbitrary: fc.record({ method: fc.constant('GET'), path: segment.map((c) => `/api/v1/replication/${enc(c)}/pull`), query, body: fc.constant(undefined) }) },
    { weight: 2, arbitrary: fc.record({ method: fc.constant('POST'), path: fc.constantFrom('/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/device', '/api/v1/devices'), query: fc.constant(''), body }) },
    { weight: 2, arbitrary: fc.record({ method: fc.constantFrom('GET', 'PUT'), path: hash.map((h) => `/api/v1/media/${h}`), query: fc.constant(''), body }) },
    { weight: 1, arbitrary: fc.record({ method: fc.constantFrom('GET', 'DELETE'), path: fc.oneof(fc.constant('/api/v1/audit'), fc.constant('/api/v1/rejections'), segment.map((id) => `/api/v1/devices/${enc(id)}`)), query, body: fc.constant(undefined) }) },
    { weight: 4, arbitrary: fc.record({ method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH'), path, query, body }) },
  );
  const request: fc.Arbitrary<FuzzRequest> = fc.tuple(shape, headers).map(([r, h]) => {
    const out: Record<string, string> = {};
    const token = tokens[h.token % tokens.length];
    if (token) out.authorization = `Bearer ${token}`;
    if (h.contentType) out['content-type'] = h.contentType;
    if (h.clientVersion !== undefined) out['x-client-version'] = h.clientVersion;
    if (h.deviceTime !== undefined) out['x-device-time'] = h.deviceTime;
    const hasBody = r.method !== 'GET' && r.body !== undefined;
    return { method: r.method, path: r.path + r.query, headers: out, body: hasBody ? r.body : undefined };
  });

  async function send(req: FuzzRequest): Promise<number> {
    const res = await s.fetch(req.path, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined, signal: AbortSignal.timeout(20_000) });
    // An accepted SSE stream stays open: its status is all we need.
    await res.body?.cancel();
    return res.status;
  }

  it(`answers ${REQUESTS} generated requests without one 5xx, stores no invalid document and stays up`, async () => {
    const requests = fc.sample(request, { seed: SEED, numRuns: REQUESTS });
    // A few well-formed pictures too, so PUT /media stores something.
    const picture = Buffer.from('not really a png');
    requests.push({ method: 'PUT', path: `/api/v1/media/${createHash('sha256').update(picture).digest('hex')}`, headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'image/png' }, body: picture });
    const failures: { req: FuzzRequest; status: number }[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < requests.length; i += IN_FLIGHT) {
      const batch = requests.slice(i, i + IN_FLIGHT);
      const results = await Promise.all(batch.map(send));
      results.forEach((status, j) => {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) failures.push({ req: { ...batch[j], body: String(batch[j].body).slice(0, 300) }, status });
      });
    }
    expect(failures).toEqual([]);
    console.info('fuzz statuses', Object.fromEntries(statuses));
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
    // The generators reach past authentication and parsing into validation.
    expect(statuses.get(422) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);

    expect((await s.fetch('/api/v1/health')).status).toBe(200);
    expect((await s.fetch('/api/v1/ready')).status).toBe(200);
    const admin = apiClient(s.url, await s.login('admin'));
    for (const collection of collectionNames) {
      for (const doc of await admin.pullAll(collection)) {
        const { _deleted, ...data } = doc;
        const verdict = validateDocument(collection, data);
        expect({ collection, id: doc.id, ok: verdict.ok, deleted: typeof _deleted }).toEqual({ collection, id: doc.id, ok: true, deleted: 'boolean' });
      }
    }
    // Nothing was polluted on this process's prototypes.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(await s.store.verifyAudit()).toMatchObject({ ok: true });
  }, 240_000);
});
