import { randomUUID } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../sync-server/test-support/api';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../sync-server/test-support/server';
import type { StoredDoc } from '../../sync-server/store/store';
import { openDatabase, type AppDatabase } from '../../src/db/database';
import { insertDoc, upsertDoc } from '../../src/db/write';
import type { CollectionName } from '../../src/domain/collections';
import { rosterSlotId } from '../../src/domain/ids';
import { startSync, type SyncController } from '../../src/sync/replication';
import { createTokenSource, type TokenAnswer } from '../../src/sync/session';

/**
 * A fresh device's first sync through the bulk path (src/sync/bulk-pull.ts,
 * docs/adr/0004-bulk-initial-pull.md) with the app's real database, conflict
 * handlers and replication against the real server, in pages small enough to
 * take that path many times: it ends holding what a device replicating with
 * RxDB alone holds, pushes nothing back, and afterwards the device's own
 * writes push and merge as usual, including a change to an append-only
 * document stored without RxDB's metadata.
 */

const SITE = 'site-hall-1';
const COLLECTIONS: CollectionName[] = ['rosters', 'attendance'];
const PAGE = 25;
const author = { userId: 'manager', deviceId: 'bulk-sync-test' };

let server: TestServer;
let db: AppDatabase | undefined;
let sync: SyncController | undefined;
const pushes: string[] = [];
let staffIds: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startTestServer();
  const token = await server.login('manager');
  staffIds = (await apiClient(server.url, token).pullAll('staff')).filter((s) => s.siteId === SITE).map((s) => s.id as string);
  const base = { siteId: SITE, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'seed', deviceId: 'seed' };
  const slots = Array.from({ length: 140 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
    return { ...base, id: rosterSlotId(SITE, 'post-bulk', day, 'early'), kind: 'slot', postId: 'post-bulk', day, shiftId: 'early', staffId: staffIds[i % staffIds.length], status: 'published', acknowledgedWarnings: [] };
  });
  const events = Array.from({ length: 260 }, (_, i) => {
    const at = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
    return { ...base, id: randomUUID(), staffId: staffIds[i % staffIds.length], kind: 'check-in', method: 'pin', deviceTime: at, receivedAt: at, hlc: `${String(Date.parse(at)).padStart(16, '0')}:0000:seed` };
  });
  for (const [collection, docs] of [['rosters', slots], ['attendance', events]] as const) {
    await server.store.applyPush({
      collection,
      ids: docs.map((d) => d.id),
      actor: { userId: 'seed', deviceId: 'seed' },
      now: new Date(),
      plan: () => ({ kind: 'apply', conflicts: [] as StoredDoc[], writes: docs.map((d) => ({ id: d.id, siteId: SITE, deleted: false, data: d, updatedAt: d.updatedAt })) }),
    });
  }
  // Test instrumentation: which pushes the device sends (the app code is unchanged).
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const pushed = /\/replication\/([^/]+)\/push$/.exec(url);
    if (pushed) pushes.push(pushed[1]!);
    return realFetch(input, init);
  }) as typeof fetch;
}, 120_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.close();
});

afterEach(async () => {
  await sync?.stop();
  await db?.remove();
  sync = undefined;
  db = undefined;
});

async function login(): Promise<TokenAnswer> {
  const res = await server.fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'manager', password: TEST_PASSWORD }),
  });
  return (await res.json()) as TokenAnswer;
}

async function device(bulkPull: boolean): Promise<{ db: AppDatabase; start: () => SyncController }> {
  let credentials = await login();
  const auth = createTokenSource({ read: () => credentials, write: (a) => (credentials = a) }, { baseUrl: server.url });
  db = await openDatabase({ userId: `bulk-${bulkPull}-${Date.now()}`, storage: getRxStorageMemory() });
  const open = db;
  return {
    db: open,
    start: () => (sync = startSync(open, { auth, baseUrl: server.url, waitForLeadership: false, collections: COLLECTIONS, pullBatchSize: PAGE, bulkPull, retryMs: 100, streamBackoffMs: 100 })),
  };
}

async function contents(d: AppDatabase) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of COLLECTIONS) {
    out[name] = (await d[name].find().exec()).map((doc) => doc.toJSON() as Record<string, unknown>).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

async function serverContents() {
  const client = apiClient(server.url, await server.login('manager'));
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of COLLECTIONS) {
    out[name] = (await client.pullAll(name))
      .filter((d) => d._deleted !== true)
      .map(({ _deleted, ...d }) => d)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const conflictsIn = async (d: AppDatabase) => (await d.devicelog.find().exec()).filter((e) => e.kind === 'conflict').map((e) => e.toJSON());
const outboxOf = async (d: AppDatabase) => (await d.devicelog.find().exec()).filter((e) => e.kind === 'outbox');

describe('bulk first sync', () => {
  it('ends holding what the server and a device replicating with RxDB alone hold, and pushes nothing', async () => {
    const expected = await serverContents();
    expect(expected.attendance!.length).toBeGreaterThan(PAGE * 8);
    const held = [];
    for (const bulk of [true, false]) {
      pushes.length = 0;
      const dev = await device(bulk);
      await dev.start().awaitInSync();
      held.push(await contents(dev.db));
      expect(pushes).toEqual([]);
      expect(await outboxOf(dev.db)).toEqual([]);
      await sync!.stop();
      await db!.remove();
      sync = undefined;
      db = undefined;
    }
    expect(held[0]).toEqual(expected);
    expect(held[1]).toEqual(expected);
  });

  it("afterwards pushes the device's own changes as usual; a restart and a resync push nothing else", async () => {
    const dev = await device(true);
    await dev.start().awaitInSync();
    pushes.length = 0;

    // An edit of a pulled roster slot carries the pulled master as its base: no conflict, last write wins.
    const slot = (await dev.db.rosters.find().exec()).map((d) => d.toJSON() as Record<string, unknown>).find((d) => d.postId === 'post-bulk')!;
    const { updatedAt: _u, updatedBy: _b, deviceId: _d, ...fields } = slot;
    const other = staffIds.find((id) => id !== slot.staffId)!;
    await upsertDoc(dev.db, 'rosters', { ...fields, staffId: other } as never, author);
    // A new check-in, and a change to a pulled (immutable) check-in, stored without RxDB's metadata.
    const event = await insertDoc(dev.db, 'attendance', { id: randomUUID(), siteId: SITE, staffId: other, kind: 'check-in', method: 'pin', deviceTime: new Date().toISOString(), hlc: `${String(Date.now()).padStart(16, '0')}:0000:bulk-sync-test` } as never, author);
    const pulled = (await dev.db.attendance.find().exec()).map((d) => d.toJSON() as Record<string, unknown>).find((d) => d.updatedBy === 'seed')!;
    const { updatedAt: _u2, updatedBy: _b2, deviceId: _d2, ...eventFields } = pulled;
    await upsertDoc(dev.db, 'attendance', { ...eventFields, kind: 'check-out' } as never, author);

    await waitFor(async () => (await outboxOf(dev.db)).length === 0, 'the outbox to empty');
    await sync!.awaitInSync();
    const onServer = await serverContents();
    expect(onServer.rosters!.find((d) => d.id === slot.id)?.staffId).toBe(other);
    expect(onServer.attendance!.some((d) => d.id === event.id)).toBe(true);
    // The server keeps the event it holds; the device takes it back and logs its own version.
    expect(onServer.attendance!.find((d) => d.id === pulled.id)?.kind).toBe(pulled.kind);
    expect((await dev.db.attendance.findOne(pulled.id as string).exec())?.kind).toBe(pulled.kind);
    const conflicts = await conflictsIn(dev.db);
    expect(conflicts.map((c) => [c.collectionName, c.docId, c.reason])).toEqual([['attendance', pulled.id, 'immutable']]);
    expect(await contents(dev.db)).toEqual(onServer);

    // Replication restarted (a reload) and a full resync: nothing more goes up.
    await sync!.stop();
    pushes.length = 0;
    const again = dev.start();
    await again.awaitInSync();
    again.syncNow();
    await new Promise((r) => setTimeout(r, 300));
    await again.awaitInSync();
    expect(pushes).toEqual([]);
    expect(await contents(dev.db)).toEqual(await serverContents());
  });
});
