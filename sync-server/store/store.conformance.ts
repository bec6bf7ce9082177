import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocWrite, PushInput, Store, StoredDoc } from './store';

/**
 * The contract every Store implementation must keep (SQLite now, PostgreSQL
 * later). The factory gives a fresh, empty store; `reopen` opens the same
 * database again after close, to prove durability.
 */
export function describeStoreConformance(
  name: string,
  factory: () => Promise<{ store: Store; reopen: () => Promise<Store>; cleanup: () => Promise<void> }>,
): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    let reopen: () => Promise<Store>;
    let cleanup: () => Promise<void>;
    const now = new Date('2026-03-02T08:00:00.000Z');
    const actor = { userId: 'user-1', deviceId: 'dev-1' };

    beforeEach(async () => {
      ({ store, reopen, cleanup } = await factory());
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
  });
}
