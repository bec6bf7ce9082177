import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../test-support/api';
import { DEMO_SITE_ID, pushRows } from '../test-support/docs';
import { BACKENDS, startTestServer, type TestServer } from '../test-support/server';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A tiny PNG-looking picture, different each time. */
const picture = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

for (const backend of BACKENDS) describe(`media: content-addressed photos and signatures (${backend})`, () => {
  let s: TestServer;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    s = await startTestServer({ backend, env: { MEDIA_LIMIT_BYTES: String(64 * 1024) } });
    tokens = Object.fromEntries(await Promise.all(['inspector', 'manager', 'guide', 'client', 'admin'].map(async (u) => [u, await s.login(u)] as const)));
  });
  afterAll(() => s.close());

  const put = (who: string, hash: string, body: Buffer | string, type = 'image/png') =>
    s.fetch(`/api/v1/media/${hash}`, { method: 'PUT', headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': type }, body: body as BodyInit });
  const get = (who: string, hash: string, headers: Record<string, string> = {}) =>
    s.fetch(`/api/v1/media/${hash}`, { headers: { authorization: `Bearer ${tokens[who]}`, ...headers } });

  it('stores a picture once (201, then 200) and serves it back immutable to its uploader', async () => {
    const bytes = picture();
    const hash = sha(bytes);
    expect((await put('inspector', hash, bytes)).status).toBe(201);
    expect((await put('inspector', hash, bytes)).status).toBe(200);
    const res = await get('inspector', hash);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toBe(`"${hash}"`);
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), bytes)).toBe(0);
    expect((await get('inspector', hash, { 'if-none-match': `"${hash}"` })).status).toBe(304);
  });

  it('refuses bytes that do not match their id, wrong types, bad ids, empty and oversized bodies', async () => {
    const bytes = picture();
    expect((await put('inspector', sha(picture()), bytes)).status).toBe(422);
    expect((await put('inspector', sha(bytes), bytes, 'text/html')).status).toBe(415);
    // Binary sent as JSON is not JSON.
    expect((await put('inspector', sha(bytes), bytes, 'application/json')).status).toBe(400);
    expect((await put('inspector', sha(bytes).toUpperCase(), bytes)).status).toBe(400);
    expect((await put('inspector', '..%2F..%2Fetc%2Fpasswd', bytes)).status).toBe(400);
    expect((await put('inspector', sha(Buffer.alloc(0)), Buffer.alloc(0))).status).toBe(400);
    const big = randomBytes(65 * 1024);
    const tooBig = await put('inspector', sha(big), big, 'image/jpeg');
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await s.fetch(`/api/v1/media/${sha(bytes)}`, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: bytes as unknown as BodyInit })).status).toBe(401);
    expect((await get('inspector', '../../etc/passwd')).status).toBe(404);
    expect((await get('inspector', sha(bytes))).status).toBe(404);
  });

  it('serves a picture to whoever may read a document that refers to it, and answers 404 to everyone else', async () => {
    const bytes = picture();
    const hash = sha(bytes);
    expect((await put('inspector', hash, bytes, 'image/webp')).status).toBe(201);
    // Before any document refers to it, only the uploader gets it; others cannot tell it exists.
    expect((await get('manager', hash)).status).toBe(404);
    const [template] = (await apiClient(s.url, tokens.admin).pullAll('catalog')).filter((d) => d.kind === 'inspection-template');
    const inspection = {
      id: `insp-${randomBytes(4).toString('hex')}`,
      siteId: DEMO_SITE_ID,
      updatedAt: '2026-03-01T00:00:00.000Z',
      updatedBy: 'user-inspector',
      deviceId: 'device-test',
      kind: 'inspection',
      templateId: template.id,
      templateKey: template.templateKey,
      templateVersion: template.version,
      day: '2026-03-02',
      mode: 'patrol',
      inspectorId: 'user-inspector',
      startedAt: '2026-03-02T01:00:00.000Z',
      photos: [hash],
      status: 'draft',
    };
    await apiClient(s.url, tokens.inspector).pushOk('inspections', pushRows([inspection]));
    const res = await get('manager', hash);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect((await get('client', hash)).status).toBe(200);
    // A guide may not read an inspection about someone else, so not its photos either.
    expect((await get('guide', hash)).status).toBe(404);
  });
});
