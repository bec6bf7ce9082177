import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../test-support/api';
import { attendanceDoc, DEMO_SITE_ID, pushRows } from '../test-support/docs';
import { startTestServer, type TestServer } from '../test-support/server';
import { openSse } from '../test-support/sse';

type Doc = Record<string, unknown>;

/** What a kiosk may hold of a staff record (sync-server/auth/visibility.ts), besides the PIN hash. */
const KIOSK_STAFF_KEYS = ['id', 'siteId', 'updatedAt', 'updatedBy', 'deviceId', 'receivedAt', 'staffNo', 'name', 'pinyinInitials', 'gender', 'postId', 'status', 'badgeCode', 'certificates', 'pin', '_deleted'];

/**
 * A kiosk tablet's device token gets only what a kiosk needs (ARCHITECTURE.md
 * "People, devices and permissions"): its site, the organisation, the site's
 * staff reduced to the fields that find and check a person, the roster slots
 * and the punches; over pull and over the live stream, through HTTP.
 */
describe('what an enrolled kiosk receives', () => {
  let s: TestServer;
  let admin: ReturnType<typeof apiClient>;
  let kiosk: ReturnType<typeof apiClient>;
  let kioskToken: string;

  beforeAll(async () => {
    s = await startTestServer();
    const adminToken = await s.login('admin');
    admin = apiClient(s.url, adminToken);
    const enrol = await s.fetch('/api/v1/devices', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteId: DEMO_SITE_ID, name: '范围测试平板' }),
    });
    expect(enrol.status).toBe(201);
    const { credential } = (await enrol.json()) as { credential: string };
    const signIn = await s.fetch('/api/v1/auth/device', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
    kioskToken = ((await signIn.json()) as { token: string }).token;
    kiosk = apiClient(s.url, kioskToken);
    // A cover request and a handover at the site, next to its slots.
    const slot = (await admin.pullAll('rosters')).find((d) => d.siteId === DEMO_SITE_ID && d.kind === 'slot')!;
    const colleague = (await admin.pullAll('staff')).find((d) => d.siteId === DEMO_SITE_ID && d.id !== slot.staffId)!;
    const base = { siteId: DEMO_SITE_ID, updatedAt: new Date().toISOString(), updatedBy: 'tester', deviceId: 'device-test', day: slot.day, staffId: slot.staffId };
    await admin.pushOk(
      'rosters',
      pushRows([
        { ...base, id: randomUUID(), kind: 'swap', slotId: slot.id, requestType: 'cover', counterpartId: colleague.id, requestedAt: new Date().toISOString(), status: 'requested' },
        { ...base, id: randomUUID(), kind: 'handover', receiverId: colleague.id, at: new Date().toISOString(), openItems: [{ text: '三号窗口打印机卡纸', resolved: false }] },
      ]),
    );
  });
  afterAll(() => s.close());

  it('gets its own site and the organisation only, nothing else of the catalog', async () => {
    expect((await kiosk.pullAll('sites')).map((d) => d.id)).toEqual([DEMO_SITE_ID]);
    const everything = await admin.pullAll('catalog');
    expect(new Set(everything.map((d) => d.kind)).size).toBeGreaterThan(1);
    const catalog = await kiosk.pullAll('catalog');
    expect(catalog.map((d) => d.kind)).toEqual(['organisation']);
  });

  it('gets its site’s staff with only the fields a kiosk uses: no ID number, phone, pay, contract or documents', async () => {
    const all = (await admin.pullAll('staff')).filter((d) => d.siteId === DEMO_SITE_ID);
    expect(all.some((d) => d.idNumber !== undefined && d.phone !== undefined && d.monthlyWage !== undefined)).toBe(true);
    const staff = await kiosk.pullAll('staff');
    expect(staff.map((d) => d.id).sort()).toEqual(all.map((d) => d.id).sort());
    for (const d of staff) {
      expect(Object.keys(d).filter((k) => !KIOSK_STAFF_KEYS.includes(k))).toEqual([]);
      const full = all.find((a) => a.id === d.id)!;
      expect(d).toMatchObject({ name: full.name, staffNo: full.staffNo, pinyinInitials: full.pinyinInitials, status: full.status, certificates: [] });
    }
  });

  it('gets the roster slots of its site, not swap or cover requests nor handovers', async () => {
    const all = (await admin.pullAll('rosters')).filter((d) => d.siteId === DEMO_SITE_ID);
    const kinds = new Set(all.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['handover', 'slot', 'swap']);
    const rosters = await kiosk.pullAll('rosters');
    expect(new Set(rosters.map((d) => d.kind))).toEqual(new Set(['slot']));
    expect(rosters.length).toBe(all.filter((d) => d.kind === 'slot').length);
  });

  it('reads no other collection', async () => {
    for (const collection of ['leave', 'training', 'results', 'inspections', 'reviews']) expect(await kiosk.pullAll(collection)).toEqual([]);
  });

  it('gets its site’s staff changes on the live stream in the kiosk form, and no roster request', async () => {
    const sse = await openSse(`${s.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${kioskToken}` } });
    try {
      await sse.next('hello');
      const [person] = (await admin.pullAll('staff')).filter((d) => d.siteId === DEMO_SITE_ID && d.phone !== undefined);
      const swap = (await admin.pullAll('rosters')).find((d) => d.siteId === DEMO_SITE_ID && d.kind === 'swap')!;
      // A swap request changes, then a person's record, then a punch: the kiosk hears of the person and the punch only.
      await admin.pushOk('rosters', [{ newDocumentState: { ...swap, status: 'cancelled' }, assumedMasterState: swap }]);
      await admin.pushOk('staff', [{ newDocumentState: { ...person, name: `${String(person.name)}改` }, assumedMasterState: person }]);
      await admin.pushOk('attendance', pushRows([attendanceDoc({ staffId: person.id })]));
      const seen: Doc[] = [];
      for (let i = 0; i < 20 && !seen.some((d) => d.collection === 'attendance' && d.staffId === person.id); i++) {
        const event = (await sse.next('change', 10_000)).data as { collection?: string; documents?: Doc[] };
        for (const d of event.documents ?? []) seen.push({ ...d, collection: event.collection });
      }
      const staffSeen = seen.find((d) => d.collection === 'staff' && d.id === person.id);
      expect(staffSeen).toMatchObject({ name: `${String(person.name)}改` });
      expect(staffSeen).not.toHaveProperty('phone');
      expect(staffSeen).not.toHaveProperty('idNumber');
      expect(seen.filter((d) => d.collection === 'rosters')).toEqual([]);
    } finally {
      sse.close();
    }
  });
});
