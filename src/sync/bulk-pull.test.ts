import { createRxDatabase, getChangedDocumentsSince, getMetaWriteRow, type RxCollection, type RxDatabase, type RxStorageInstance } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { collections } from '../domain/collections';
import { rosterSlotId } from '../domain/ids';
import { toRxJsonSchema } from '../domain/rxdb-schema';
import { bulkPull, HeldChanges, type Checkpoint, type Page } from './bulk-pull';
import { keepServerMarkOnInsert } from './server-mark';

/**
 * The bulk path must leave the device exactly as RxDB's own downstream would:
 * the same documents with the same replication marks, the same metadata, the
 * same checkpoint, and nothing pushed back. Each case runs the same pulls into
 * two devices, one through `bulkPull` and one through RxDB alone, and compares
 * their storage (RxDB's memory storage, one collection per device).
 */

type Doc = { id: string; updatedAt: string } & Record<string, unknown>;
const LIMIT = 10;

function slot(i: number, deleted = false): Doc {
  const day = `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`;
  const post = `post-${Math.floor(i / 28)}`;
  return {
    id: rosterSlotId('site-a', post, day, 'early'),
    siteId: 'site-a',
    kind: 'slot',
    postId: post,
    day,
    shiftId: 'early',
    staffId: `staff-${i % 7}`,
    status: 'published',
    acknowledgedWarnings: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'manager',
    deviceId: 'server-test',
    _deleted: deleted,
  };
}

/** A server holding `docs` at sequence numbers 1..n, answering pull pages; `fail(n)` makes the n-th request fail. */
function server(docs: Doc[], fail: (n: number) => boolean = () => false) {
  let requests = 0;
  const fetchPage = async (seq: number | null, limit: number): Promise<Page<Doc>> => {
    requests++;
    if (fail(requests)) throw new Error('Network unreachable');
    const from = seq ?? 0;
    const documents = docs.slice(from, from + limit).map((d) => structuredClone(d));
    return { documents, checkpoint: documents.length ? { seq: from + documents.length } : seq === null ? null : { seq } };
  };
  return { fetchPage, requests: () => requests };
}

type Rosters = RxCollection<Doc>;
interface Device {
  db: RxDatabase<{ rosters: Rosters }>;
  rosters: Rosters;
  pushed: unknown[];
}
const open: RxDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.remove()));
});

let seq = 0;
async function device(): Promise<Device> {
  const db = (await createRxDatabase<{ rosters: Rosters }>({ name: `bulk-pull-${++seq}-${Date.now()}`, storage: getRxStorageMemory(), multiInstance: false })) as RxDatabase<{ rosters: Rosters }>;
  open.push(db as unknown as RxDatabase);
  await db.addCollections({ rosters: { schema: toRxJsonSchema(collections.rosters) as never } });
  return { db, rosters: db.rosters, pushed: [] };
}

/** Replicates the device's collection from `fetchPage`, through the bulk path or RxDB's downstream alone. */
function replicate(
  dev: Device,
  fetchPage: (seq: number | null, limit: number) => Promise<Page<Doc>>,
  bulk: boolean,
  pushGate: Promise<void> = Promise.resolve(),
  metadata = true,
) {
  // As src/sync/replication.ts does for every collection.
  keepServerMarkOnInsert(dev.rosters);
  const state: RxReplicationState<Doc, Checkpoint> = replicateRxCollection<Doc, Checkpoint>({
    collection: dev.rosters,
    replicationIdentifier: 'bulk-pull-test',
    live: true,
    retryTime: 10,
    waitForLeadership: false,
    pull: {
      batchSize: LIMIT,
      handler: async (checkpoint, batchSize) => {
        const page = bulk ? await bulkPull(state, fetchPage, checkpoint ?? undefined, batchSize, { metadata }) : await fetchPage(checkpoint?.seq ?? null, batchSize);
        return { documents: page.documents, checkpoint: page.checkpoint ?? checkpoint ?? { seq: 0 } } as never;
      },
    },
    push: {
      handler: async (rows) => {
        await pushGate;
        dev.pushed.push(...rows);
        return [];
      },
    },
  });
  return state;
}

/**
 * Everything stored, without the write times and the revision hashes (they name the database),
 * and without RxDB's from-the-server mark (`_meta.o`), which RxDB's collection storage drops on
 * insert and the bulk path keeps (see the interrupted-metadata case below).
 */
async function snapshot(dev: Device, state: RxReplicationState<Doc, Checkpoint>) {
  type Stored = Record<string, unknown> & { _meta: Record<string, unknown>; _rev: string };
  const all = async (instance: unknown) =>
    (await getChangedDocumentsSince(instance as RxStorageInstance<Record<string, unknown>, unknown, unknown>, 100_000)).documents as unknown as Stored[];
  const docs = (await all(dev.rosters.storageInstance)).map(({ _meta: { o: _o, ...meta }, _rev, ...d }) => ({ ...d, _rev: String(_rev).split('-')[0], _meta: { ...meta, lwt: 0 } }));
  const meta: Record<string, unknown>[] = (await all(state.metaInstance)).map(({ _meta, _rev, ...d }) =>
    d.isCheckpoint === '1'
      ? // How often a checkpoint was rewritten differs (the bulk path writes one per page); where it points must not.
        { ...d, checkpointData: { ...(d.checkpointData as object), ...(d.itemId === 'up' ? { lwt: 0 } : {}) } }
      : { ...d, _rev: String(_rev).split('-')[0], _meta: { ..._meta, lwt: 0 } },
  );
  const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));
  return { docs: docs.sort(byId), meta: meta.sort(byId) };
}

async function syncBoth(docs: Doc[], prepare: (dev: Device, state?: RxReplicationState<Doc, Checkpoint>) => Promise<void> = async () => undefined) {
  const out = [];
  for (const bulk of [true, false]) {
    const dev = await device();
    await prepare(dev);
    const state = replicate(dev, server(docs).fetchPage, bulk);
    await state.awaitInSync();
    out.push({ dev, state, snap: await snapshot(dev, state), persisted: state.internalReplicationState!.stats.down.persistFromMaster });
  }
  return { bulk: out[0]!, plain: out[1]! };
}

describe('bulkPull', () => {
  it('stores full pages as RxDB stores them: documents, marks, metadata and checkpoint, and pushes nothing', async () => {
    const docs = Array.from({ length: 95 }, (_, i) => slot(i, i % 13 === 5));
    const { bulk, plain } = await syncBoth(docs);
    expect(bulk.snap.docs).toHaveLength(95);
    expect(bulk.snap).toEqual(plain.snap);
    expect(bulk.dev.pushed).toEqual([]);
    expect(plain.dev.pushed).toEqual([]);
    // Nine full pages went through the bulk path; RxDB's downstream stored only the last, partial one.
    expect(bulk.persisted).toBe(1);
    expect(plain.persisted).toBeGreaterThanOrEqual(10);
    // Every document carries RxDB's mark of a document written from the server: those of the full
    // pages from the bulk path, the others from RxDB's downstream (with keepServerMarkOnInsert).
    for (const dev of [bulk.dev, plain.dev]) {
      const stored = (await getChangedDocumentsSince(dev.rosters.storageInstance as never, 1000)).documents as unknown as { _meta: { o?: unknown } }[];
      expect(stored.filter((d) => d._meta.o !== undefined)).toHaveLength(95);
    }
    const checkpoint = bulk.snap.meta.find((m) => m.isCheckpoint === '1' && m.itemId === 'down');
    expect(checkpoint?.checkpointData).toEqual({ seq: 95 });
  });

  it('hands a page holding a document the device already has to RxDB, which keeps the unpushed local write', async () => {
    const docs = Array.from({ length: 40 }, (_, i) => slot(i));
    const local = { ...slot(15), staffId: 'staff-local', updatedAt: '2026-02-01T00:00:00.000Z', _deleted: undefined };
    delete local._deleted;
    const results = [];
    for (const bulk of [true, false]) {
      const dev = await device();
      await dev.rosters.insert(local);
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const state = replicate(dev, server(docs).fetchPage, bulk, gate);
      // Pulled in full while the local write waits to be pushed.
      await waitFor(async () => (await dev.rosters.count().exec()) === 40);
      const kept = await dev.rosters.findOne(local.id).exec();
      expect(kept?.staffId).toBe('staff-local');
      open();
      await state.awaitInSync();
      expect(dev.pushed).toHaveLength(1);
      results.push(await snapshot(dev, state));
    }
    expect(results[0]).toEqual(results[1]);
  });

  it('never stores a pulled document over an unpushed local deletion', async () => {
    const docs = Array.from({ length: 30 }, (_, i) => slot(i));
    const results = [];
    for (const bulk of [true, false]) {
      const dev = await device();
      const { _deleted, ...fields } = slot(12);
      const local = await dev.rosters.insert(fields);
      await local.remove();
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const state = replicate(dev, server(docs).fetchPage, bulk, gate);
      await waitFor(async () => (await dev.rosters.count().exec()) === 29);
      // The deletion is still the device's, waiting to be pushed.
      expect(await dev.rosters.findOne(fields.id).exec()).toBeNull();
      open();
      await state.awaitInSync();
      expect(dev.pushed).toMatchObject([{ newDocumentState: { id: fields.id, _deleted: true } }]);
      results.push(await snapshot(dev, state));
    }
    expect(results[0]).toEqual(results[1]);
  });

  it('updates metadata left from an earlier life of a document, as RxDB does', async () => {
    const docs = Array.from({ length: 20 }, (_, i) => slot(i));
    const stale = { ...slot(3), staffId: 'staff-old' };
    const prepare = async (dev: Device) => {
      // Metadata of a document the device no longer holds (e.g. purged after deletion).
      const probe = replicate(dev, async () => ({ documents: [], checkpoint: null }), false);
      await probe.awaitInSync();
      const row = await getMetaWriteRow(probe.internalReplicationState!, stale as never);
      await probe.metaInstance!.bulkWrite([row], 'test');
      await probe.cancel();
    };
    const { bulk, plain } = await syncBoth(docs, prepare);
    expect(bulk.snap).toEqual(plain.snap);
    expect(bulk.snap.meta.find((m) => m.itemId === stale.id)?.docData).toMatchObject({ staffId: slot(3).staffId });
  });

  it('resumes an interrupted first sync from the last stored page, losing and duplicating nothing', async () => {
    const docs = Array.from({ length: 75 }, (_, i) => slot(i));
    const reference = (await syncBoth(docs)).plain.snap;

    // A request fails half way: RxDB retries the pull, pages already stored are recognised.
    const failing = await device();
    const once = server(docs, (n) => n === 4);
    const retried = replicate(failing, once.fetchPage, true);
    await retried.awaitInSync();
    expect(await snapshot(failing, retried)).toEqual(reference);

    // The replication stops half way (the tab closed) and a new one starts on the same data.
    const stopped = await device();
    const slow = server(docs);
    let stop!: () => void;
    const stopping = new Promise<void>((r) => (stop = r));
    const first = replicate(
      stopped,
      async (seq, limit) => {
        if ((seq ?? 0) >= 30) {
          stop();
          await new Promise((r) => setTimeout(r, 20));
        }
        return slow.fetchPage(seq, limit);
      },
      true,
    );
    await stopping;
    await first.cancel();
    const partly = await stopped.rosters.count().exec();
    expect(partly).toBeGreaterThanOrEqual(30);
    expect(partly).toBeLessThan(75);
    const second = replicate(stopped, server(docs).fetchPage, true);
    await second.awaitInSync();
    expect(await snapshot(stopped, second)).toEqual(reference);
    expect(stopped.pushed).toEqual([]);
  });
});

describe.each([
  { path: 'bulkPull', bulk: true },
  { path: "RxDB's downstream (keepServerMarkOnInsert)", bulk: false },
])('$path interrupted between a page and its metadata', ({ bulk }) => {
  it("still applies the server's later versions of that page's documents, as it does for any pulled document", async () => {
    const docs = Array.from({ length: 30 }, (_, i) => slot(i));
    const dev = await device();
    const first = replicate(dev, server(docs).fetchPage, bulk);
    await first.awaitInSync();
    await first.cancel();
    // The tab closed after the page's documents were stored and before their metadata was:
    // the metadata of three of them is missing.
    const victims = new Set([docs[3]!.id, docs[4]!.id, docs[5]!.id]);
    const metaInstance = first.metaInstance!;
    const metaRows = (await getChangedDocumentsSince(metaInstance as RxStorageInstance<Record<string, unknown>, unknown, unknown>, 1000)).documents.filter(
      (m) => m.isCheckpoint === '0' && victims.has(String(m.itemId)),
    );
    expect(metaRows).toHaveLength(3);
    const removed = await metaInstance.bulkWrite(
      metaRows.map((m) => ({ previous: m as never, document: { ...m, _deleted: true, _rev: '99-interrupted', _meta: { lwt: Date.now() } } as never })),
      'test-interrupted',
    );
    expect(removed.error).toEqual([]);
    // Gone, not only deleted: RxDB reads deleted metadata too.
    await metaInstance.cleanup(0);

    // Meanwhile a manager changed one of them on the server (a later sequence number).
    const changed = { ...docs[4]!, staffId: 'staff-changed', updatedAt: '2026-02-01T00:00:00.000Z' };
    const second = replicate(dev, server([...docs, changed]).fetchPage, bulk);
    await second.awaitInSync();
    await waitFor(async () => (await dev.rosters.findOne(changed.id).exec())?.staffId === 'staff-changed');
    expect(dev.pushed).toEqual([]);
  });
});

describe('bulkPull without metadata (append-only collections)', () => {
  it('stores the documents and the checkpoint only; meeting the documents again changes nothing and pushes nothing', async () => {
    const docs = Array.from({ length: 60 }, (_, i) => slot(i));
    const dev = await device();
    let replay = false;
    const origin = server(docs);
    // Once, after the first sync, the server answers from the start (as a RESYNC from scratch would).
    const fetchPage = (seq: number | null, limit: number) => {
      const from = replay ? null : seq;
      replay = false;
      return origin.fetchPage(from, limit);
    };
    const state = replicate(dev, fetchPage, true, Promise.resolve(), false);
    await state.awaitInSync();
    const first = await snapshot(dev, state);
    expect(first.docs).toHaveLength(60);
    expect(first.meta.filter((m) => m.isCheckpoint !== '1')).toEqual([]);
    expect(first.meta.find((m) => m.itemId === 'down')?.checkpointData).toEqual({ seq: 60 });

    replay = true;
    const before = origin.requests();
    state.reSync();
    await waitFor(async () => origin.requests() >= before + 2);
    await state.awaitInSync();
    const again = await snapshot(dev, state);
    expect(again.docs).toEqual(first.docs);
    expect(dev.pushed).toEqual([]);
  });
});

describe('HeldChanges', () => {
  // Steps: 'r' a pull request starts, a number a live change arrives; the changes forwarded when the handler ends.
  it.each([
    { steps: [], forwarded: [] },
    { steps: ['r', 1], forwarded: [1] },
    { steps: [1, 'r'], forwarded: [] },
    { steps: ['r', 1, 'r', 2, 3], forwarded: [2, 3] },
    { steps: [1, 'r', 2, 'r', 'r'], forwarded: [] },
  ] as { steps: ('r' | number)[]; forwarded: number[] }[])('while a handler runs: $steps → $forwarded', async ({ steps, forwarded }) => {
    const out: number[] = [];
    const live = new HeldChanges<number>((n) => out.push(n));
    await live.during(async () => {
      for (const step of steps) {
        if (step === 'r') live.requestStarted();
        else live.receive(step);
      }
      expect(out).toEqual([]);
    });
    expect(out).toEqual(forwarded);
  });

  it('forwards changes at once while no handler runs', () => {
    const out: number[] = [];
    const live = new HeldChanges<number>((n) => out.push(n));
    live.requestStarted();
    live.receive(7);
    expect(out).toEqual([7]);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
