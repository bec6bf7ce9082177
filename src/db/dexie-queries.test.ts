import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBIndex as FDBIndex, IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type MangoQuery, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { newId } from '../domain/ids';
import { withGetAllQueries } from './dexie-queries';

// IndexedDB in Node: fake-indexeddb, the implementation RxDB's own Dexie tests use.
const dexie = () => getRxStorageDexie({ indexedDB, IDBKeyRange });

interface Row {
  id: string;
  siteId: string;
  staffNo: number;
  kind: string;
  active: boolean;
  note: string;
  /** Free-form keys: RxDB's Dexie storage renames a leading `|` and turns it back on reading. */
  extra: Record<string, boolean>;
}

const schema = {
  title: 'rows',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    siteId: { type: 'string', maxLength: 20 },
    staffNo: { type: 'number', minimum: 0, maximum: 100, multipleOf: 1 },
    kind: { type: 'string', maxLength: 20 },
    active: { type: 'boolean' },
    note: { type: 'string' },
    extra: { type: 'object' },
  },
  required: ['id', 'siteId', 'staffNo', 'kind', 'active', 'note', 'extra'],
  indexes: ['siteId', ['siteId', 'staffNo'], ['kind', 'staffNo'], 'active'],
} as const;

type Db = RxDatabase<{ rows: RxCollection<Row> }>;
const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.remove()));
});

async function open(storage: ReturnType<typeof dexie>): Promise<Db> {
  const db = (await createRxDatabase({ name: `q${newId().toLowerCase().replace(/[^a-z0-9]/g, '')}`, storage, multiInstance: false })) as unknown as Db;
  opened.push(db);
  await db.addCollections({ rows: { schema: schema as never } });
  return db;
}

const site = fc.constantFrom('a', 'b', 'c');
const kind = fc.constantFrom('in', 'out', 'left');
const row = fc.record({
  siteId: site,
  staffNo: fc.integer({ min: 0, max: 100 }),
  kind,
  active: fc.boolean(),
  note: fc.constantFrom('', '备注', 'x'),
  extra: fc.dictionary(fc.constantFrom('|pipe', '__under', 'plain'), fc.boolean(), { maxKeys: 2 }),
});

/** Selectors on indexed and unindexed fields, with and without sort, skip and limit. */
const query: fc.Arbitrary<MangoQuery<Row>> = fc.record(
  {
    selector: fc.oneof(
      fc.record({ siteId: site }),
      fc.record({ siteId: site, staffNo: fc.record({ $gte: fc.integer({ min: 0, max: 100 }) }) }),
      fc.record({ siteId: site, staffNo: fc.record({ $gt: fc.integer({ min: 0, max: 100 }), $lt: fc.integer({ min: 0, max: 100 }) }) }),
      fc.record({ kind: fc.record({ $in: fc.subarray(['in', 'out', 'left'], { minLength: 1 }) }) }),
      fc.record({ active: fc.boolean() }),
      fc.record({ note: fc.constantFrom('', '备注') }),
      fc.record({ siteId: site, note: fc.record({ $ne: fc.constantFrom('', 'x') }) }),
      fc.constant({}),
    ),
    sort: fc.constantFrom<MangoQuery<Row>['sort']>([{ staffNo: 'asc' }], [{ staffNo: 'desc' }], [{ kind: 'asc' }, { staffNo: 'asc' }], [{ note: 'desc' }]),
    skip: fc.integer({ min: 0, max: 5 }),
    limit: fc.integer({ min: 0, max: 30 }),
  },
  { requiredKeys: ['selector'] },
);

describe('queries answered with one getAll', () => {
  it('return exactly what RxDB’s cursor returns, deleted documents excluded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 10 }), fc.array(query, { minLength: 1, maxLength: 8 }), async (rows, removals, queries) => {
        const [byCursor, byGetAll] = await Promise.all([open(dexie()), open(withGetAllQueries(dexie()))]);
        const docs = rows.map((r, i) => ({ ...r, id: `r${String(i).padStart(3, '0')}` }));
        for (const db of [byCursor, byGetAll]) {
          await db.rows.bulkInsert(docs);
          for (const n of removals) if (docs.length > 0) await db.rows.findOne(docs[n % docs.length]!.id).remove();
        }
        for (const q of queries) {
          // The storage's own answer (RxDB trims some of it again above) and the collection's.
          // Whole documents, less what differs between two databases holding the same data.
          const stored = async (db: Db) =>
            (await db.rows.storageInstance.query(db.rows.find(q).getPreparedQuery())).documents.map(({ _meta, _rev, ...doc }) => doc);
          const found = async (db: Db) => (await db.rows.find(q).exec()).map((d) => d.id);
          expect(await stored(byGetAll), JSON.stringify(q)).toEqual(await stored(byCursor));
          expect(await found(byGetAll), JSON.stringify(q)).toEqual(await found(byCursor));
        }
        await Promise.all(opened.splice(0).map((db) => db.remove()));
      }),
      { numRuns: 25 },
    );
  });

  it('reads the index range in one request, not a cursor step per document', async () => {
    const db = await open(withGetAllQueries(dexie()));
    await db.rows.bulkInsert(Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, siteId: 'a', staffNo: i, kind: 'in', active: true, note: '', extra: {} })));
    const calls = { cursor: 0, getAll: 0 };
    const openCursor = FDBIndex.prototype.openCursor;
    const getAll = FDBIndex.prototype.getAll;
    FDBIndex.prototype.openCursor = function (...args: Parameters<typeof openCursor>) {
      calls.cursor++;
      return openCursor.apply(this, args);
    };
    FDBIndex.prototype.getAll = function (...args: Parameters<typeof getAll>) {
      calls.getAll++;
      return getAll.apply(this, args);
    };
    try {
      const found = await db.rows.find({ selector: { siteId: 'a' } }).exec();
      expect(found).toHaveLength(50);
      expect(calls).toEqual({ cursor: 0, getAll: 1 });
    } finally {
      FDBIndex.prototype.openCursor = openCursor;
      FDBIndex.prototype.getAll = getAll;
    }
  });
});
