import { getProperty, getQueryMatcher, getSortComparator, setProperty, type PreparedQuery, type RxStorage, type RxStorageInstance, type RxStorageQueryResult } from 'rxdb';
import { DEXIE_DOCS_TABLE_NAME, dexieReplaceIfStartsWithPipe, fromDexieToStorage, getKeyRangeByQueryPlan } from 'rxdb/plugins/storage-dexie';

type Doc = Record<string, unknown>;
type Instance = RxStorageInstance<Doc, unknown, unknown>;

/** What the Dexie storage instance keeps (rx-storage-instance-dexie.js); not part of RxDB's typed API. */
interface DexieState {
  dexieDb: {
    _options: { IDBKeyRange?: unknown };
    transaction<T>(mode: 'r', table: unknown, scope: (tx: { idbtrans: IDBTransaction }) => Promise<T>): Promise<T>;
  };
  dexieTable: unknown;
  booleanIndexes: string[];
}
type DexieInstance = Instance & { internals: Promise<DexieState>; closed?: unknown };

/**
 * RxDB's Dexie storage answers a query by walking an IndexedDB cursor, one
 * request and one event per document: 2,000 staff took about 300 ms at a hall
 * tablet's speed, most of a kiosk's cold start (bench/cold-start.ts). This
 * reads the same index range with one `getAll` and then filters, sorts and cuts
 * it exactly as RxDB does (dexie-query.js), so every answer is the same.
 *
 * The cursor stays for the one case where it reads less: a limited query whose
 * order the index gives but whose selector it does not, where the cursor
 * stops at the limit and `getAll` would read the whole range.
 */
async function queryByGetAll(instance: DexieInstance, prepared: PreparedQuery<Doc>): Promise<RxStorageQueryResult<Doc>> {
  const state = await instance.internals;
  const { query, queryPlan } = prepared;
  const skip = query.skip ?? 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const matcher = queryPlan.selectorSatisfiedByIndex ? null : getQueryMatcher(instance.schema, query as never);
  let keyRange: IDBKeyRange;
  try {
    keyRange = getKeyRangeByQueryPlan(state.booleanIndexes, queryPlan, state.dexieDb._options.IDBKeyRange);
  } catch (err) {
    // As RxDB: a range IndexedDB cannot express (start after end) matches nothing.
    if ((err as Error).name === 'DataError') return { documents: [] };
    throw err;
  }
  // Only the first skip + limit rows are needed when the index alone selects and orders them (getAll's 0 means all).
  const count = !matcher && queryPlan.sortSatisfiedByIndex && Number.isFinite(skip + limit) && skip + limit > 0 ? skip + limit : undefined;
  const indexName = `[${queryPlan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+')}]`;
  const stored = await state.dexieDb.transaction('r', state.dexieTable, (tx) => {
    const request = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index(indexName).getAll(keyRange, count);
    return new Promise<unknown[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  });
  let rows = stored.map((row) => fromDexie(state.booleanIndexes, row as Doc));
  if (matcher) rows = rows.filter((row) => matcher(row as never));
  if (!queryPlan.sortSatisfiedByIndex) rows.sort(getSortComparator(instance.schema, query as never));
  return { documents: rows.slice(skip, skip + limit) as never };
}

/** Whether a stored document has a key Dexie's storage renamed (RxDB stores a leading `|` as `__`). */
function hasRenamedKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasRenamedKey);
  for (const key in value) {
    if (key.startsWith('__') || hasRenamedKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * RxDB's `fromDexieToStorage` without its deep copy: `getAll` hands over fresh
 * objects that nothing else holds, so the boolean index fields (stored as '1' /
 * '0') are turned back in place. Copying 2,000 staff cost ~100 ms at 4x CPU.
 * A document with a renamed key takes RxDB's own path.
 */
function fromDexie(booleanIndexes: string[], row: Doc): Doc {
  if (hasRenamedKey(row)) return fromDexieToStorage(booleanIndexes, row) as Doc;
  for (const field of booleanIndexes) setProperty(row, field, getProperty(row, field) === '1');
  return row;
}

/** A limited query in index order that the index does not select: the cursor stops at the limit. */
function readsLessByCursor({ query, queryPlan }: PreparedQuery<Doc>): boolean {
  return typeof query.limit === 'number' && queryPlan.sortSatisfiedByIndex && !queryPlan.selectorSatisfiedByIndex;
}

/** Wraps RxDB's Dexie storage so that its instances answer queries with `queryByGetAll`. */
export function withGetAllQueries<S extends RxStorage<unknown, unknown>>(storage: S): S {
  return {
    ...storage,
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = (await storage.createStorageInstance(params)) as unknown as DexieInstance;
      const byCursor = instance.query.bind(instance);
      instance.query = (prepared) =>
        // A closed instance: RxDB's own method throws the error RxDB expects.
        instance.closed || readsLessByCursor(prepared) ? byCursor(prepared) : queryByGetAll(instance, prepared);
      return instance as never;
    },
  };
}
