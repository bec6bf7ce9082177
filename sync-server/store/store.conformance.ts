import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collections } from '../../src/domain/collections';
import type { SessionUser } from '../../src/domain/roles';
import { planPush, type PushRow } from '../replication/push-plan';
import { staffDoc } from '../test-support/docs';
import type { DocWrite, PushInput, Store, StoredDoc } from './store';

export interface ConformanceSubject {
  store: Store;
  /** Opens the same database again (after `store` was closed), to prove durability. */
  reopen: () => Promise<Store>;
  cleanup: () => Promise<void>;
  /** Runs raw SQL on the same database (tamper tests). */
  exec: (sql: string) => Promise<void>;
  /**
   * A second store on the same database whose pushes wait in `beforeCommit`
   * after taking their sequence numbers. Only stores with concurrent write
   * transactions have that window (PostgreSQL); SQLite's single synchronous
   * writer cannot interleave at all.
   */
  withBeforeCommit?: (hook: () => Promise<void>) => Promise<Store>;
}

/**
 * The contract every Store implementation must keep (SQLite and PostgreSQL).
 * The factory gives a fresh, empty store.
 */
export function describeStoreConformance(
  name: string,
  factory: () => Promise<ConformanceSubject>,
  options: { concurrentWriters?: boolean } = {},
): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    let reopen: () => Promise<Store>;
    let cleanup: () => Promise<void>;
    let subject: ConformanceSubject;
    const now = new Date('2026-03-02T08:00:00.000Z');
    const actor = { userId: 'user-1', deviceId: 'dev-1' };

    beforeEach(async () => {
      subject = await factory();
      ({ store, reopen, cleanup } = subject);
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    const write = (id: string, siteId = 'site-a', data: Record<string, unknown> = {}, deleted = false): DocWrite => ({
      id,
      siteId,
      deleted,
      data: { id, siteId, ...data },
      updatedAt: now.toISOString(),
    });
    const push = (collection: string, writes: DocWrite[], extra: Partial<PushInput> = {}) =>
      store.applyPush({ collection, ids: writes.map((w) => w.id), actor, now, plan: () => ({ kind: 'apply', writes, conflicts: [] }), ...extra });
    const seqs = (docs: StoredDoc[]) => docs.map((d) => d.seq);

    it('assigns growing sequence numbers across collections and pulls them in order', async () => {
      await push('staff', [write('a'), write('b')]);
      await push('attendance', [write('e1')]);
      await push('staff', [write('c')]);
      const all = await store.pull({ collection: 'staff', afterSeq: 0, limit: 100, sites: 'all' });
      expect(all.map((d) => d.id)).toEqual(['a', 'b', 'c']);
      expect(seqs(all)).toEqual([1, 2, 4]);
      expect(await store.pull({ collection: 'staff', afterSeq: 2, limit: 100, sites: 'all' })).toHaveLength(1);
      expect((await store.pull({ collection: 'staff', afterSeq: 0, limit: 2, sites: 'all' })).map((d) => d.id)).toEqual(['a', 'b']);
    });

    it('moves an overwritten document to a new sequence number and keeps tombstones', async () => {
      await push('staff', [write('a', 'site-a', { v: 1 }), write('b')]);
      await push('staff', [write('a', 'site-a', { v: 2 }, true)]);
      const docs = await store.pull({ collection: 'staff', afterSeq: 0, limit: 100, sites: 'all' });
      expect(docs.map((d) => [d.id, d.seq, d.deleted, d.data.v])).toEqual([
        ['b', 2, false, undefined],
        ['a', 3, true, 2],
      ]);
    });

    it('pulls only the sites in scope plus organisation-wide documents', async () => {
      await push('staff', [write('a', 'site-a'), write('b', 'site-b'), write('o', '*')]);
      const scoped = await store.pull({ collection: 'staff', afterSeq: 0, limit: 100, sites: ['site-a'] });
      expect(scoped.map((d) => d.id)).toEqual(['a', 'o']);
      expect(await store.pull({ collection: 'staff', afterSeq: 0, limit: 100, sites: [] })).toHaveLength(1);
    });

    it('hands the plan the current masters inside the transaction', async () => {
      await push('staff', [write('a', 'site-a', { v: 1 })]);
      let seen: StoredDoc[] = [];
      const result = await store.applyPush({
        collection: 'staff',
        ids: ['a', 'missing'],
        actor,
        now,
        plan: (masters) => {
          seen = [...masters.values()];
          return { kind: 'apply', writes: [], conflicts: [...masters.values()] };
        },
      });
      expect(seen.map((m) => [m.id, m.data.v])).toEqual([['a', 1]]);
      expect(result).toEqual({ kind: 'applied', written: [], conflicts: seen });
    });

    it('records rejections and writes nothing else when the plan rejects', async () => {
      const result = await store.applyPush({
        collection: 'staff',
        ids: ['a'],
        actor,
        now,
        plan: () => ({ kind: 'reject', rejections: [{ docId: 'a', reason: 'bad', raw: { id: 'a', x: '长' } }, { docId: null, reason: 'no id', raw: {} }] }),
      });
      expect(result.kind).toBe('rejected');
      expect(await store.pull({ collection: 'staff', afterSeq: 0, limit: 100, sites: 'all' })).toEqual([]);
      const mine = await store.listRejections({ userId: 'user-1', limit: 10 });
      expect(mine.map((r) => [r.docId, r.reason, r.raw, r.deviceId, r.collection, r.createdAt])).toEqual([
        [null, 'no id', {}, 'dev-1', 'staff', now.toISOString()],
        ['a', 'bad', { id: 'a', x: '长' }, 'dev-1', 'staff', now.toISOString()],
      ]);
      expect(await store.listRejections({ userId: 'someone-else', limit: 10 })).toEqual([]);
      expect(await store.listRejections({ userId: null, limit: 1 })).toHaveLength(1);
      expect(await store.listRejections({ userId: null, limit: 10, beforeId: mine[0].id })).toEqual([mine[1]]);
    });

    it('rolls back every write of a push when the plan throws', async () => {
      await expect(
        store.applyPush({ collection: 'staff', ids: [], actor, now, plan: () => { throw new Error('boom'); } }),
      ).rejects.toThrow('boom');
      await push('staff', [write('a')]);
      expect(seqs(await store.pull({ collection: 'staff', afterSeq: 0, limit: 100, sites: 'all' }))).toEqual([1]);
    });

    it('stores users and finds them by username regardless of case', async () => {
      expect(await store.countUsers()).toBe(0);
      const user = { id: 'u1', username: 'Manager', displayName: '王经理', role: 'manager' as const, siteIds: ['site-a'], passwordHash: 'h', createdAt: now.toISOString() };
      await store.insertUser(user);
      expect(await store.countUsers()).toBe(1);
      const found = await store.getUserByUsername('manager');
      expect(found).toEqual({ id: 'u1', username: 'Manager', displayName: '王经理', role: 'manager', siteIds: ['site-a'], passwordHash: 'h', disabled: false });
      expect(await store.getUserById('u1')).toEqual(found);
      expect(await store.getUserById('nobody')).toBeNull();
      await expect(store.insertUser({ ...user, id: 'u2', username: 'MANAGER' })).rejects.toThrow();
    });

    it('keeps sessions by token hash, rotates refresh tokens and revokes', async () => {
      await store.insertUser({ id: 'u1', username: 'x', displayName: 'X', role: 'guide', siteIds: [], passwordHash: 'h', createdAt: now.toISOString() });
      await store.insertSession({ id: 's1', userId: 'u1', accessHash: 'a1', accessExpiresAt: 10, refreshHash: 'r1', refreshExpiresAt: 20, createdAt: 1 });
      expect(await store.getSessionByAccessHash('a1')).toEqual({ id: 's1', userId: 'u1', accessExpiresAt: 10, refreshExpiresAt: 20, rotatedAt: null, createdAt: 1, revokedAt: null });
      expect(await store.getSessionByRefreshHash('r1')).toMatchObject({ id: 's1', matched: 'current' });
      const rotation = { id: 's1', presentedHash: 'r1', accessHash: 'a2', accessExpiresAt: 30, refreshHash: 'r2', refreshExpiresAt: 40, rotatedAt: 5 };
      expect(await store.rotateSession(rotation)).toBe(true);
      expect(await store.getSessionByAccessHash('a1')).toBeNull();
      expect(await store.getSessionByRefreshHash('r1')).toMatchObject({ matched: 'previous', rotatedAt: 5 });
      expect(await store.getSessionByRefreshHash('r2')).toMatchObject({ matched: 'current', accessExpiresAt: 30 });
      expect(await store.rotateSession({ ...rotation, presentedHash: 'unknown', accessHash: 'a3', refreshHash: 'r3' })).toBe(false);
      await store.revokeSession('s1', 7);
      expect(await store.getSessionByAccessHash('a2')).toMatchObject({ revokedAt: 7 });
      expect(await store.rotateSession({ ...rotation, presentedHash: 'r2', accessHash: 'a4', refreshHash: 'r4' })).toBe(false);
      await store.insertSession({ id: 's2', userId: 'u1', accessHash: 'b1', accessExpiresAt: 10, refreshHash: 'q1', refreshExpiresAt: 20, createdAt: 1 });
      await store.revokeUserSessions('u1', 9);
      expect(await store.getSessionByAccessHash('b1')).toMatchObject({ revokedAt: 9 });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps committed writes after close and reopen', async () => {
      await push('attendance', [write('e1'), write('e2')]);
      await store.close();
      store = await reopen();
      expect((await store.pull({ collection: 'attendance', afterSeq: 0, limit: 10, sites: 'all' })).map((d) => d.id)).toEqual(['e1', 'e2']);
      await push('attendance', [write('e3')]);
      expect(seqs(await store.pull({ collection: 'attendance', afterSeq: 2, limit: 10, sites: 'all' }))).toEqual([3]);
    });

    const pullAll = async (collection: string, limit = 1000): Promise<StoredDoc[]> => {
      const out: StoredDoc[] = [];
      let after = 0;
      for (;;) {
        const page = await store.pull({ collection, afterSeq: after, limit, sites: 'all' });
        out.push(...page);
        if (page.length < limit) return out;
        after = page[page.length - 1].seq;
      }
    };

    it('never lets a follower skip a commit: concurrent pushes, a reader following checkpoints', async () => {
      const ids = Array.from({ length: 24 }, (_, i) => `doc-${i}`);
      const seen = new Set<string>();
      let checkpoint = 0;
      let done = false;
      const follow = async () => {
        while (!done) {
          const page = await store.pull({ collection: 'staff', afterSeq: checkpoint, limit: 2, sites: 'all' });
          for (const d of page) seen.add(d.id);
          if (page.length > 0) checkpoint = page[page.length - 1].seq;
          else await new Promise((r) => setTimeout(r, 1));
        }
      };
      const follower = follow();
      await Promise.all(Array.from({ length: 8 }, (_, i) => push('staff', ids.slice(i * 3, i * 3 + 3).map((id) => write(id)))));
      done = true;
      await follower;
      for (;;) {
        const page = await store.pull({ collection: 'staff', afterSeq: checkpoint, limit: 2, sites: 'all' });
        if (page.length === 0) break;
        for (const d of page) seen.add(d.id);
        checkpoint = page[page.length - 1].seq;
      }
      expect([...seen].sort()).toEqual([...ids].sort());
      expect(seqs(await pullAll('staff'))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    });

    // Only where write transactions can overlap (PostgreSQL); SQLite's single synchronous writer cannot interleave.
    if (options.concurrentWriters) it('makes a transaction that took a lower seq and commits late visible before any later one', async () => {
      if (!subject.withBeforeCommit) throw new Error('this store needs withBeforeCommit');
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let taken!: () => void;
      const tookSeq = new Promise<void>((r) => (taken = r));
      const slow = await subject.withBeforeCommit(async () => {
        taken();
        await gate;
      });
      try {
        const first = slow.applyPush({ collection: 'staff', ids: ['early'], actor, now, plan: () => ({ kind: 'apply', writes: [write('early')], conflicts: [] }) });
        await tookSeq;
        // A second writer arrives while the first holds seq 1 uncommitted.
        const second = push('staff', [write('late')]);
        const seen: string[] = [];
        let checkpoint = 0;
        for (let i = 0; i < 20; i++) {
          const page = await store.pull({ collection: 'staff', afterSeq: checkpoint, limit: 10, sites: 'all' });
          for (const d of page) seen.push(d.id);
          if (page.length) checkpoint = page[page.length - 1].seq;
          await new Promise((r) => setTimeout(r, 10));
        }
        // Nothing may be visible while seq 1 is uncommitted (the second writer waits for it).
        expect(seen).toEqual([]);
        release();
        await Promise.all([first, second]);
        const page = await store.pull({ collection: 'staff', afterSeq: checkpoint, limit: 10, sites: 'all' });
        expect(page.map((d) => [d.id, d.seq])).toEqual([
          ['early', 1],
          ['late', 2],
        ]);
      } finally {
        release();
        await slow.close();
      }
    });

    const admin: SessionUser = { id: 'user-1', username: 'a', displayName: 'A', role: 'admin', siteIds: ['*'] };
    const planned = (rows: PushRow[]) =>
      store.applyPush({
        collection: 'staff',
        ids: rows.map((r) => String(r.newDocumentState.id)),
        actor,
        now,
        plan: (masters) => planPush(rows, masters, { spec: collections.staff, user: admin, now }),
      });

    it('with the push rules: a retried push writes nothing, a stale one is a conflict, a delete is a tombstone', async () => {
      const doc = staffDoc({ id: 'staff-x', siteId: 'site-a' });
      const first = await planned([{ newDocumentState: doc }]);
      expect(first.kind === 'applied' && first.written.map((d) => d.seq)).toEqual([1]);
      // The same push again (its answer was lost): no write, no new seq, the master answered.
      const retry = await planned([{ newDocumentState: doc }]);
      expect(retry).toMatchObject({ kind: 'applied', written: [], conflicts: [{ id: 'staff-x', seq: 1 }] });
      const [master] = await pullAll('staff');
      const wire = { ...master.data, _deleted: false };
      await planned([{ newDocumentState: { ...wire, name: '新' }, assumedMasterState: wire }]);
      // Based on the old master: a conflict answering the current one.
      const stale = await planned([{ newDocumentState: { ...wire, name: '旧' }, assumedMasterState: wire }]);
      expect(stale).toMatchObject({ kind: 'applied', written: [], conflicts: [{ id: 'staff-x', seq: 2, data: { name: '新' } }] });
      const [current] = await pullAll('staff');
      const currentWire = { ...current.data, _deleted: false };
      await planned([{ newDocumentState: { ...currentWire, _deleted: true }, assumedMasterState: currentWire }]);
      expect((await pullAll('staff')).map((d) => [d.id, d.seq, d.deleted])).toEqual([['staff-x', 3, true]]);
      // Quarantine: an invalid row rejects the push and is kept with its reason.
      const bad = await planned([{ newDocumentState: { ...doc, id: 'staff-y', gender: 'robot' } }]);
      expect(bad.kind).toBe('rejected');
      expect((await store.listRejections({ userId: 'user-1', limit: 5 }))[0]).toMatchObject({ docId: 'staff-y', collection: 'staff' });
    });

    it('reads several documents at once and knows its schema version', async () => {
      await push('staff', [write('a'), write('b')]);
      expect((await store.getDocuments('staff', ['b', 'a', 'missing', 'a'])).map((d) => d.id).sort()).toEqual(['a', 'b']);
      expect(await store.getDocuments('staff', [])).toEqual([]);
      expect(await store.schemaVersion()).toBeGreaterThanOrEqual(2);
    });

    it('keeps a hash-chained audit entry per accepted write, with who, device, when and the changed fields', async () => {
      await push('staff', [write('a', 'site-a', { name: 'x' })]);
      await store.applyPush({ collection: 'staff', ids: ['a'], actor: { userId: 'user-2', deviceId: null }, now, plan: () => ({ kind: 'apply', writes: [write('a', 'site-a', { name: 'y', deviceId: 'tab-9' })], conflicts: [] }) });
      await push('staff', [write('a', 'site-a', { name: 'y', deviceId: 'tab-9' }, true)]);
      const history = await store.auditHistory('staff', 'a');
      expect(history.map((e) => [e.seq, e.action, e.userId, e.deviceId, e.fields, e.at])).toEqual([
        [1, 'create', 'user-1', 'dev-1', ['id', 'name', 'siteId'], now.toISOString()],
        [2, 'update', 'user-2', 'tab-9', ['deviceId', 'name'], now.toISOString()],
        [3, 'delete', 'user-1', 'dev-1', [], now.toISOString()],
      ]);
      expect(history[1].prevHash).toBe(history[0].hash);
      expect(history[0].docHash).not.toBe(history[1].docHash);
      expect(await store.verifyAudit()).toEqual({ ok: true, checked: 3, problems: [] });
    });

    it('finds a tampered audit row, a removed one and a document changed behind the log', async () => {
      await push('staff', [write('a', 'site-a', { v: 1 }), write('b', 'site-a', { v: 1 })]);
      await push('staff', [write('c', 'site-a', { v: 1 })]);
      await subject.exec("UPDATE audit_log SET user_id = 'mallory' WHERE seq = 2");
      const tampered = await store.verifyAudit();
      expect(tampered.ok).toBe(false);
      expect(tampered.problems).toEqual([expect.objectContaining({ seq: 2, problem: expect.stringMatching(/do not match its hash/) })]);
      await subject.exec('DELETE FROM audit_log WHERE seq = 2');
      expect((await store.verifyAudit()).problems).toEqual([expect.objectContaining({ seq: 3, problem: expect.stringMatching(/does not follow/) })]);
      await subject.exec(`UPDATE documents SET data = '{"id":"a","siteId":"site-a","v":2}' WHERE id = 'a'`);
      expect((await store.verifyAudit()).problems).toContainEqual(expect.objectContaining({ docId: 'a', problem: expect.stringMatching(/differs/) }));
    });

    it('stores media once by hash and records which documents refer to it', async () => {
      const bytes = Buffer.from('picture bytes');
      const hash = createHash('sha256').update(bytes).digest('hex');
      const media = { hash, contentType: 'image/png', size: bytes.length, bytes, uploadedBy: 'user-1', createdAt: now.toISOString() };
      expect(await store.putMedia(media)).toBe('created');
      expect(await store.putMedia({ ...media, uploadedBy: 'user-2' })).toBe('exists');
      expect(await store.getMediaInfo(hash)).toEqual({ hash, contentType: 'image/png', size: bytes.length, uploadedBy: 'user-1', createdAt: now.toISOString() });
      expect(Buffer.compare((await store.readMedia(hash)) ?? Buffer.alloc(0), bytes)).toBe(0);
      expect(await store.getMediaInfo('0'.repeat(64))).toBeNull();
      expect(await store.readMedia('0'.repeat(64))).toBeNull();
      await push('inspections', [write('i1', 'site-a', { photos: [hash], notes: 'x' }), write('i2', 'site-a', { answers: [{ photos: [hash] }] })]);
      expect((await store.mediaReferences(hash, 10)).map((r) => `${r.collection}/${r.docId}`).sort()).toEqual(['inspections/i1', 'inspections/i2']);
      // A rewrite without the picture drops that reference.
      await push('inspections', [write('i1', 'site-a', { photos: [] })]);
      expect(await store.mediaReferences(hash, 10)).toEqual([{ collection: 'inspections', docId: 'i2' }]);
    });

    it('enrols, lists and revokes devices; revoking disables the device user and ends its sessions', async () => {
      const device = { id: 'd1', siteId: 'site-a', name: '大厅平板', credentialHash: 'c1', createdAt: now.toISOString(), createdBy: 'user-1' };
      const user = { id: 'device:d1', username: 'device:d1', displayName: '大厅平板', role: 'guide' as const, siteIds: ['site-a'], passwordHash: '!', createdAt: now.toISOString() };
      await store.insertDevice(device, user);
      await store.insertDevice({ ...device, id: 'd2', siteId: 'site-b', credentialHash: 'c2' }, { ...user, id: 'device:d2', username: 'device:d2', siteIds: ['site-b'] });
      const expected = { id: 'd1', siteId: 'site-a', name: '大厅平板', createdAt: now.toISOString(), createdBy: 'user-1', revokedAt: null, lastSeenAt: null, clockOffsetMs: null };
      expect(await store.getDevice('d1')).toEqual(expected);
      expect(await store.getDeviceByCredentialHash('c1')).toEqual(expected);
      expect(await store.getDeviceByCredentialHash('nope')).toBeNull();
      expect((await store.listDevices('all')).map((d) => d.id)).toEqual(['d1', 'd2']);
      expect((await store.listDevices(['site-b'])).map((d) => d.id)).toEqual(['d2']);
      await store.recordClock({ deviceId: 'd1', userId: 'device:d1', offsetMs: -5000, at: '2026-03-02T08:01:00.000Z' });
      await store.recordClock({ deviceId: 'd1', userId: 'device:d1', offsetMs: 150_000, at: '2026-03-02T08:02:00.000Z' });
      expect(await store.getDevice('d1')).toMatchObject({ lastSeenAt: '2026-03-02T08:02:00.000Z', clockOffsetMs: 150_000 });
      expect(await store.getClock('d1')).toEqual({ deviceId: 'd1', userId: 'device:d1', offsetMs: 150_000, at: '2026-03-02T08:02:00.000Z' });
      expect(await store.getClock('browser-x')).toBeNull();
      await store.insertSession({ id: 's1', userId: 'device:d1', accessHash: 'a1', accessExpiresAt: 10, refreshHash: 'r1', refreshExpiresAt: 20, createdAt: 1 });
      expect(await store.revokeDevice('d1', '2026-03-02T09:00:00.000Z')).toBe(true);
      expect(await store.revokeDevice('d1', '2026-03-02T09:00:00.000Z')).toBe(false);
      expect(await store.getDevice('d1')).toMatchObject({ revokedAt: '2026-03-02T09:00:00.000Z' });
      expect(await store.getUserById('device:d1')).toMatchObject({ disabled: true });
      expect(await store.getSessionByAccessHash('a1')).toMatchObject({ revokedAt: Date.parse('2026-03-02T09:00:00.000Z') });
      expect(await store.getUserById('device:d2')).toMatchObject({ disabled: false });
    });

    it('keeps the staff record of a user', async () => {
      await store.insertUser({ id: 'u9', username: 'g', displayName: 'G', role: 'guide', siteIds: ['site-a'], passwordHash: 'h', createdAt: now.toISOString(), staffId: 'staff-1' });
      expect(await store.getUserById('u9')).toMatchObject({ staffId: 'staff-1' });
    });
  });
}
