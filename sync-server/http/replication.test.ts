import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionNames } from '../../src/domain/collections';
import { apiClient } from '../test-support/api';
import { attendanceDoc, pushRows, staffDoc } from '../test-support/docs';
import { TEST_STAFF_COUNT, startTestServer, BACKENDS, type TestServer } from '../test-support/server';

for (const backend of BACKENDS) describe(`replication: push and pull (${backend})`, () => {
  let s: TestServer;
  let manager: ReturnType<typeof apiClient>;
  let guide: ReturnType<typeof apiClient>;
  let admin: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    s = await startTestServer({ backend });
    manager = apiClient(s.url, await s.login('manager'));
    guide = apiClient(s.url, await s.login('guide'));
    admin = apiClient(s.url, await s.login('admin'));
  });
  afterAll(() => s.close());

  it('serves the seeded demo organisation (src/domain/demo) with _deleted', async () => {
    const sites = await manager.pull('sites');
    expect(sites.documents.map((d) => d.id)).toEqual(['site-hall-1', 'site-hotline-1']);
    expect(sites.documents[0]).toMatchObject({ name: '市民中心政务服务大厅', kind: 'hall', _deleted: false });
    expect(await manager.pullAll('staff')).toHaveLength(TEST_STAFF_COUNT);
    // The guide sees only the hall's people; the catalog is organisation-wide and visible to all.
    const guideStaff = await guide.pullAll('staff');
    expect(guideStaff.length).toBeGreaterThan(0);
    expect(new Set(guideStaff.map((d) => d.siteId))).toEqual(new Set(['site-hall-1']));
    expect((await guide.pullAll('catalog')).length).toBe((await admin.pullAll('catalog')).length);
  });

  it('pushes then pulls in checkpoint order, pages with limit, and stamps updatedAt', async () => {
    const start = (await guide.latestCheckpoint('attendance')) ?? 0;
    const docs = [1, 2, 3, 4, 5].map((n) => attendanceDoc({ note: `n${n}` }));
    const before = Date.now();
    const answer = await guide.pushOk('attendance', pushRows(docs));
    // The answer carries the stored, server-stamped copies (ADR 0002).
    expect(answer.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    expect(answer.every((d) => typeof d.receivedAt === 'string' && d.updatedAt !== '2026-01-01T00:00:00.000Z')).toBe(true);
    const page1 = await guide.pull('attendance', start, 2);
    const page2 = await guide.pull('attendance', page1.checkpoint?.seq, 2);
    const page3 = await guide.pull('attendance', page2.checkpoint?.seq, 2);
    const page4 = await guide.pull('attendance', page3.checkpoint?.seq, 2);
    expect([...page1.documents, ...page2.documents, ...page3.documents].map((d) => d.note)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(page4).toEqual({ documents: [], checkpoint: page3.checkpoint });
    const seqs = [page1, page2, page3].map((p) => p.checkpoint?.seq ?? 0);
    expect(seqs[0]).toBeLessThan(seqs[1]);
    expect(seqs[1]).toBeLessThan(seqs[2]);
    for (const d of page1.documents) {
      expect(d.updatedAt).not.toBe('2026-01-01T00:00:00.000Z');
      expect(Date.parse(d.updatedAt as string)).toBeGreaterThanOrEqual(before - 1000);
      expect(d.receivedAt).toBe(d.updatedAt);
      expect(d._deleted).toBe(false);
    }
  });

  it('answers checkpoint null from the start when nothing matches, and echoes a given checkpoint', async () => {
    const far = 10_000_000;
    expect(await manager.pull('attendance', far)).toEqual({ documents: [], checkpoint: { seq: far } });
  });

  it('answers the current master when the assumed master is stale, and writes nothing', async () => {
    const doc = staffDoc();
    await manager.pushOk('staff', pushRows([doc]));
    const [master] = (await manager.pullAll('staff')).filter((d) => d.id === doc.id);
    // Admin changes it, based on the right master.
    expect(await admin.pushOk('staff', [{ newDocumentState: { ...master, name: '管理员改的' }, assumedMasterState: master }])).toEqual([
      expect.objectContaining({ id: doc.id, name: '管理员改的' }),
    ]);
    // Manager still assumes the old master.
    const conflicts = await manager.pushOk('staff', [{ newDocumentState: { ...master, name: '经理改的' }, assumedMasterState: master }]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: doc.id, name: '管理员改的', _deleted: false });
    // An insert of an existing id without assumed master is a conflict too.
    expect(await manager.pushOk('staff', pushRows([{ ...doc, name: '又一个' }]))).toHaveLength(1);
    const [after] = (await manager.pullAll('staff')).filter((d) => d.id === doc.id);
    expect(after.name).toBe('管理员改的');
  });

  it('makes a retried push idempotent: the same push twice writes once, answers the stored copies, adds no sequence number', async () => {
    const docs = [attendanceDoc(), attendanceDoc({ kind: 'check-out' })];
    const first = await guide.pushOk('attendance', pushRows(docs));
    const mid = await manager.pullAll('attendance');
    const checkpoint = await manager.latestCheckpoint('attendance');
    expect(await guide.pushOk('attendance', pushRows(docs))).toEqual(first);
    expect(await manager.pullAll('attendance')).toEqual(mid);
    expect(mid.filter((d) => docs.some((x) => x.id === d.id))).toHaveLength(2);
    // Nothing new after the checkpoint: the retry assigned no sequence number.
    expect(await manager.pull('attendance', checkpoint)).toEqual({ documents: [], checkpoint: { seq: checkpoint } });
  });

  it('keeps attendance append-only: a changed event is a conflict and the first write stays', async () => {
    const doc = attendanceDoc();
    await guide.pushOk('attendance', pushRows([doc]));
    const [stored] = (await guide.pullAll('attendance')).filter((d) => d.id === doc.id);
    const conflicts = await guide.pushOk('attendance', [{ newDocumentState: { ...stored, kind: 'check-out' }, assumedMasterState: stored }]);
    expect(conflicts).toEqual([stored]);
    const deleted = await guide.pushOk('attendance', [{ newDocumentState: { ...stored, _deleted: true }, assumedMasterState: stored }]);
    expect(deleted).toEqual([stored]);
    const [still] = (await guide.pullAll('attendance')).filter((d) => d.id === doc.id);
    expect(still).toEqual(stored);
  });

  it('stores a deletion as a tombstone that pull returns', async () => {
    const doc = staffDoc();
    await manager.pushOk('staff', pushRows([doc]));
    const [master] = (await manager.pullAll('staff')).filter((d) => d.id === doc.id);
    const checkpoint = await manager.latestCheckpoint('staff');
    expect(await manager.pushOk('staff', [{ newDocumentState: { ...master, _deleted: true }, assumedMasterState: master }])).toEqual([
      expect.objectContaining({ id: doc.id, _deleted: true }),
    ]);
    const changes = await admin.pull('staff', checkpoint);
    expect(changes.documents).toEqual([expect.objectContaining({ id: doc.id, _deleted: true })]);
  });

  it('rejects an out-of-scope push with 422, quarantines it and writes nothing from the request', async () => {
    const good = attendanceDoc();
    const outside = attendanceDoc({ siteId: 'site-elsewhere' });
    const before = await admin.pullAll('attendance');
    const res = await guide.push('attendance', pushRows([good, outside]));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body = (await res.json()) as { rejected: unknown[]; detail: string };
    expect(body.rejected).toEqual([{ id: outside.id, reason: 'Site site-elsewhere is outside your scope.' }]);
    expect(body.detail).toMatch(/nothing was saved/);
    expect(await admin.pullAll('attendance')).toEqual(before);
    // The client re-pushes the valid rest.
    expect((await guide.pushOk('attendance', pushRows([good]))).map((d) => d.id)).toEqual([good.id]);
  });

  it('lists each caller its own rejections (admins see everyone’s)', async () => {
    const token = await s.login('guide');
    const res = await s.fetch('/api/v1/rejections', { headers: { authorization: `Bearer ${token}` } });
    const { rejections } = (await res.json()) as { rejections: Record<string, unknown>[] };
    expect(rejections.length).toBeGreaterThan(0);
    expect(rejections[0]).toMatchObject({ collection: 'attendance', reason: 'Site site-elsewhere is outside your scope.', deviceId: 'device-test' });
    expect(rejections[0].document).toMatchObject({ siteId: 'site-elsewhere' });
    const managerView = await s.fetch('/api/v1/rejections', { headers: { authorization: `Bearer ${await s.login('manager')}` } });
    expect(((await managerView.json()) as { rejections: unknown[] }).rejections).toEqual([]);
    const adminView = await s.fetch('/api/v1/rejections?limit=1', { headers: { authorization: `Bearer ${await s.login('admin')}` } });
    expect(((await adminView.json()) as { rejections: unknown[] }).rejections).toHaveLength(1);
  });

  it('refuses staff changes by a guide (role) but accepts their attendance', async () => {
    const res = await guide.push('staff', pushRows([staffDoc()]));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { rejected: { reason: string }[] }).rejected[0].reason).toBe('The role guide may not change staff.');
  });

  it('does not pull documents of sites outside the scope', async () => {
    const elsewhere = attendanceDoc({ siteId: 'site-hall-2' });
    const orgWide = staffDoc({ siteId: '*' });
    await admin.pushOk('attendance', pushRows([elsewhere]));
    await admin.pushOk('staff', pushRows([orgWide]));
    expect((await guide.pullAll('attendance')).map((d) => d.id)).not.toContain(elsewhere.id);
    expect((await admin.pullAll('attendance')).map((d) => d.id)).toContain(elsewhere.id);
    expect((await guide.pullAll('staff')).map((d) => d.id)).toContain(orgWide.id);
  });

  it('validates multi-kind collections with their exact per-kind schema', async () => {
    const [slot] = (await manager.pull('rosters', null, 1)).documents;
    expect(slot).toHaveProperty('kind');
    // Unchanged with the right assumed master: a no-op that answers the stored copy.
    const checkpoint = await manager.latestCheckpoint('rosters');
    expect(await manager.pushOk('rosters', [{ newDocumentState: slot, assumedMasterState: slot }])).toEqual([slot]);
    expect((await manager.pull('rosters', checkpoint)).documents).toEqual([]);
    const changed = { ...slot, updatedBy: 'user-manager' };
    expect(await manager.pushOk('rosters', [{ newDocumentState: changed, assumedMasterState: slot }])).toEqual([
      expect.objectContaining({ id: slot.id, updatedBy: 'user-manager' }),
    ]);
    const [after] = (await manager.pullAll('rosters')).filter((d) => d.id === slot.id);
    expect(after.updatedBy).toBe('user-manager');
    const res = await manager.push('rosters', [{ newDocumentState: { ...after, kind: 'party' }, assumedMasterState: after }]);
    expect(res.status).toBe(422);
  });

  it('picks up every collection of the registry and 404s others', async () => {
    for (const name of collectionNames) expect((await manager.pull(name)).checkpoint).not.toBeUndefined();
    const res = await s.fetch('/api/v1/replication/payroll/pull', { headers: { authorization: `Bearer ${await s.login('admin')}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toBe('There is no collection named "payroll".');
  });
});
