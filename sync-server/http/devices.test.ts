import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/domain/protocol';
import { apiClient } from '../test-support/api';
import { attendanceDoc, DEMO_SITE_ID, pushRows, staffDoc } from '../test-support/docs';
import { startTestServer, type TestServer } from '../test-support/server';

const json = (body: unknown, token?: string, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});
const bearer = (token: string, extra: Record<string, string> = {}): RequestInit => ({ headers: { authorization: `Bearer ${token}`, ...extra } });

describe('kiosk devices, clocks, protocol version and the audit log', () => {
  let s: TestServer;
  let admin: string;
  let manager: string;
  let guide: string;
  /** The server's clock, moved by the tests. */
  let clock = Date.parse('2026-03-02T01:00:00.000Z');

  beforeAll(async () => {
    s = await startTestServer({ now: () => new Date(clock) });
    [admin, manager, guide] = await Promise.all(['admin', 'manager', 'guide'].map((u) => s.login(u)));
  });
  afterAll(() => s.close());

  const enrol = async (token: string, siteId: string, name: string) => s.fetch('/api/v1/devices', json({ siteId, name }, token));
  const signInDevice = async (credential: string) => s.fetch('/api/v1/auth/device', json({ credential }));

  it('enrols a device (credential shown once), signs it in as a guide of its one site, and lists it', async () => {
    const res = await enrol(manager, DEMO_SITE_ID, ' 大厅一号平板 ');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { device: Record<string, unknown>; credential: string };
    expect(body.device).toEqual({ id: expect.any(String), siteId: DEMO_SITE_ID, name: '大厅一号平板', createdAt: new Date(clock).toISOString() });
    expect(body.credential).toMatch(/^[\w-]{43}$/);
    const id = body.device.id as string;

    const signIn = await signInDevice(body.credential);
    expect(signIn.status).toBe(200);
    const session = (await signIn.json()) as { token: string; refreshToken: string; expiresAt: string; refreshExpiresAt: string; user: unknown };
    expect(session.user).toEqual({ id: `device:${id}`, username: `device:${id}`, displayName: '大厅一号平板', role: 'guide', siteIds: [DEMO_SITE_ID] });
    expect(session.refreshToken).toMatch(/^[\w-]{43}$/);

    const list = (await (await s.fetch('/api/v1/devices', bearer(manager))).json()) as { devices: Record<string, unknown>[] };
    expect(list.devices).toContainEqual({
      id,
      siteId: DEMO_SITE_ID,
      name: '大厅一号平板',
      createdAt: new Date(clock).toISOString(),
      revokedAt: null,
      lastSeenAt: null,
      clockOffsetMs: null,
      clockDriftFlagged: false,
    });
    // The credential is never stored or shown again.
    expect(JSON.stringify(list)).not.toContain(body.credential);
  });

  it('records each device’s clock offset at sync and flags drift beyond the policy threshold', async () => {
    const { credential, device } = (await (await enrol(admin, DEMO_SITE_ID, '漂移平板')).json()) as { credential: string; device: { id: string } };
    const { token } = (await (await signInDevice(credential)).json()) as { token: string };
    // The tablet's clock runs 3 minutes ahead (the default threshold is 2).
    const deviceTime = new Date(clock + 3 * 60_000).toISOString();
    const pull = await s.fetch('/api/v1/replication/sites/pull', bearer(token, { 'x-device-time': deviceTime }));
    expect(pull.status).toBe(200);
    const listed = ((await (await s.fetch('/api/v1/devices', bearer(admin))).json()) as { devices: Record<string, unknown>[] }).devices.find((d) => d.id === device.id);
    expect(listed).toMatchObject({ lastSeenAt: new Date(clock).toISOString(), clockOffsetMs: 180_000, clockDriftFlagged: true });

    const me = (await (await s.fetch('/api/v1/me', bearer(token))).json()) as { drift: Record<string, unknown> };
    expect(me.drift).toEqual({ deviceId: device.id, offsetMs: 180_000, flagged: true, measuredAt: new Date(clock).toISOString(), thresholdMs: 120_000 });

    // A browser names itself with X-Device-Id; 30 s behind is within the threshold.
    const headers = { 'x-device-id': 'browser-7', 'x-device-time': new Date(clock - 30_000).toISOString() };
    const mine = (await (await s.fetch('/api/v1/me', bearer(guide, headers))).json()) as { drift: Record<string, unknown> };
    expect(mine.drift).toMatchObject({ deviceId: 'browser-7', offsetMs: -30_000, flagged: false });
    // Without a clock header, /me reports the device's last reading.
    const later = (await (await s.fetch('/api/v1/me', bearer(guide, { 'x-device-id': 'browser-7' }))).json()) as { drift: Record<string, unknown> };
    expect(later.drift).toMatchObject({ deviceId: 'browser-7', offsetMs: -30_000 });
    const none = (await (await s.fetch('/api/v1/me', bearer(guide, { 'x-device-time': 'yesterday' }))).json()) as { drift: unknown };
    expect(none.drift).toBeNull();
  });

  it('lets only administrators and the site’s managers enrol, list and revoke', async () => {
    expect((await enrol(guide, DEMO_SITE_ID, 'x')).status).toBe(403);
    expect((await s.fetch('/api/v1/devices', bearer(guide))).status).toBe(403);
    const scopedManager = await s.login('manager');
    expect((await enrol(scopedManager, 'site-elsewhere', 'x')).status).toBe(403);
    expect((await enrol(admin, 'site-nowhere', 'x')).status).toBe(422);
    expect((await enrol(admin, DEMO_SITE_ID, '')).status).toBe(400);
    expect((await s.fetch('/api/v1/devices', json({ siteId: DEMO_SITE_ID, name: 'x', extra: 1 }, admin))).status).toBe(400);
    // A device cannot enrol devices.
    const { credential } = (await (await enrol(admin, DEMO_SITE_ID, '平板')).json()) as { credential: string };
    const { token } = (await (await signInDevice(credential)).json()) as { token: string };
    expect((await enrol(token, DEMO_SITE_ID, 'x')).status).toBe(403);
    expect((await s.fetch('/api/v1/devices/does-not-exist', { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } })).status).toBe(404);
  });

  it('revokes a device: its session ends at the next request and its credential no longer signs in', async () => {
    const { credential, device } = (await (await enrol(manager, DEMO_SITE_ID, '要撤销的平板')).json()) as { credential: string; device: { id: string } };
    const { token } = (await (await signInDevice(credential)).json()) as { token: string };
    const kiosk = apiClient(s.url, token);
    expect((await kiosk.pushOk('attendance', pushRows([attendanceDoc()])))).toHaveLength(1);
    // A guide cannot revoke; the manager can, once.
    expect((await s.fetch(`/api/v1/devices/${device.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${guide}` } })).status).toBe(404);
    expect((await s.fetch(`/api/v1/devices/${device.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${manager}` } })).status).toBe(204);
    expect((await s.fetch(`/api/v1/devices/${device.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${manager}` } })).status).toBe(204);
    expect((await kiosk.push('attendance', pushRows([attendanceDoc()]))).status).toBe(401);
    expect((await signInDevice(credential)).status).toBe(401);
    const listed = ((await (await s.fetch('/api/v1/devices', bearer(admin))).json()) as { devices: Record<string, unknown>[] }).devices.find((d) => d.id === device.id);
    expect(listed?.revokedAt).toBe(new Date(clock).toISOString());
    expect((await signInDevice('forged-credential')).status).toBe(401);
  });

  it('answers every response with X-Server-Time', async () => {
    for (const path of ['/api/v1/health', '/api/v1/me', '/api/v1/nothing', '/']) {
      const res = await s.fetch(path, bearer(guide));
      expect(res.headers.get('x-server-time')).toBe(new Date(clock).toISOString());
    }
  });

  it('answers an outdated client with 426, a malformed version with 400, and accepts no header', async () => {
    const outdated = await s.fetch('/api/v1/replication/sites/pull', bearer(guide, { 'x-client-version': String(PROTOCOL_VERSION - 1) }));
    expect(outdated.status).toBe(426);
    expect(outdated.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await outdated.json()).toMatchObject({ status: 426, minVersion: PROTOCOL_VERSION, detail: expect.stringMatching(/reload the app/) });
    expect((await s.fetch('/api/v1/replication/sites/pull', bearer(guide, { 'x-client-version': String(PROTOCOL_VERSION) }))).status).toBe(200);
    expect((await s.fetch('/api/v1/replication/sites/pull', bearer(guide, { 'x-client-version': 'new' }))).status).toBe(400);
    expect((await s.fetch('/api/v1/replication/sites/pull', bearer(guide))).status).toBe(200);
    // Health checks answer any client.
    expect((await s.fetch('/api/v1/health', { headers: { 'x-client-version': '0' } })).status).toBe(200);
  });

  it('keeps the history of a document: who, when, which device and fields; for managers and admins in scope', async () => {
    const m = apiClient(s.url, manager);
    const doc = staffDoc();
    await fetch(`${s.url}/api/v1/replication/staff/push`, { ...json(pushRows([doc]), manager), headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}`, 'x-device-id': 'pc-9' } });
    clock += 60_000;
    const [master] = (await m.pullAll('staff')).filter((d) => d.id === doc.id);
    // An administrator (who sees the phone field) changes the name and the phone.
    await apiClient(s.url, admin).pushOk('staff', [{ newDocumentState: { ...master, name: '新名字', phone: '13900000000' }, assumedMasterState: master }]);
    const res = await s.fetch(`/api/v1/audit?collection=staff&docId=${encodeURIComponent(doc.id as string)}`, bearer(manager));
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: Record<string, unknown>[] };
    expect(entries.map((e) => [e.action, e.userId, e.deviceId, e.at])).toEqual([
      ['update', 'user-admin', 'device-test', new Date(clock).toISOString()],
      ['create', 'user-manager', 'pc-9', new Date(clock - 60_000).toISOString()],
    ]);
    expect(entries[0].fields).toEqual(['name', 'phone']);
    expect(entries[0].hash).toMatch(/^[0-9a-f]{64}$/);
    // Not for guides, not out of scope, not for unknown documents.
    expect((await s.fetch(`/api/v1/audit?collection=staff&docId=${doc.id as string}`, bearer(guide))).status).toBe(403);
    expect((await s.fetch('/api/v1/audit?collection=staff&docId=nope', bearer(manager))).status).toBe(404);
    expect((await s.fetch('/api/v1/audit?collection=payroll&docId=x', bearer(admin))).status).toBe(404);
    expect((await s.fetch('/api/v1/audit?collection=staff', bearer(admin))).status).toBe(400);
    const elsewhere = staffDoc({ siteId: 'site-hall-9' });
    await apiClient(s.url, admin).pushOk('staff', pushRows([elsewhere]));
    expect((await s.fetch(`/api/v1/audit?collection=staff&docId=${elsewhere.id as string}`, bearer(manager))).status).toBe(404);
    expect(await s.store.verifyAudit()).toMatchObject({ ok: true, problems: [] });
  });
});
