import { createRevision, HOOKS, now, type BulkWriteRow, type RxStorageBulkWriteResponse, type RxStorageInstance } from 'rxdb';

/** RxDB's downstream writes a pulled document with this context (replication-protocol/index.js). */
const DOWNSTREAM_CONTEXT = 'replication-downstream-';

type Wrapped = RxStorageInstance<Record<string, unknown>, unknown, unknown> & {
  originalStorageInstance?: RxStorageInstance<Record<string, unknown>, unknown, unknown>;
};
const patched = new WeakSet<object>();

/**
 * Keeps RxDB's from-the-server mark (`_meta.o`) on a pulled document the
 * device did not have yet.
 *
 * RxDB's downstream stores a pulled document, then its replication metadata.
 * It marks the document so that, if the tab closes between the two, it still
 * applies the server's later versions (downstream.js, RxDB pull 7804). But the
 * collection's storage wrapper (rx-storage-helper.js) replaces `_meta` on every
 * insert, so a first-seen document loses the mark: cut off there, it passes for
 * an unpushed local write that the downstream never overwrites and the
 * upstream never pushes (the downstream wrote it). The device keeps that first
 * version for good, with nothing pending — seen in the three-devices e2e test,
 * where a page reload right after the first sync froze a roster slot.
 *
 * So the downstream's inserts go to the storage below the wrapper, stamped as
 * the wrapper stamps an insert (write time, the database's first revision)
 * with the mark kept, as the bulk path does (bulk-pull.ts). Updates keep
 * `_meta` through the wrapper and pass unchanged, as does every other write.
 */
export function keepServerMarkOnInsert(collection: { storageInstance: unknown; database: { token: string; lockedRun<T>(fn: () => Promise<T>): Promise<T> } }): void {
  const wrapped = collection.storageInstance as Wrapped;
  const below = wrapped.originalStorageInstance;
  if (!below || patched.has(wrapped)) return;
  patched.add(wrapped);
  const bulkWrite = wrapped.bulkWrite.bind(wrapped);
  const { database } = collection;
  wrapped.bulkWrite = async (rows: BulkWriteRow<Record<string, unknown>>[], context: string): Promise<RxStorageBulkWriteResponse<Record<string, unknown>>> => {
    // Plugins that change what is stored (encryption, compression) need the wrapper.
    if (!context.startsWith(DOWNSTREAM_CONTEXT) || HOOKS.preStorageWrite.length > 0) return bulkWrite(rows, context);
    const marked = (row: BulkWriteRow<Record<string, unknown>>) => !row.previous && Boolean((row.document._meta as { o?: unknown } | undefined)?.o);
    const inserts = rows.filter(marked);
    if (inserts.length === 0) return bulkWrite(rows, context);
    const rest = rows.filter((row) => !marked(row));
    const lwt = now();
    const revision = createRevision(database.token);
    const direct = inserts.map((row) => ({ document: { ...row.document, _meta: { ...row.document._meta, lwt }, _rev: revision } }) as BulkWriteRow<Record<string, unknown>>);
    const [inserted, updated] = await Promise.all([
      database.lockedRun(() => below.bulkWrite(direct, context)),
      rest.length > 0 ? bulkWrite(rest, context) : Promise.resolve({ error: [] }),
    ]);
    return { error: [...inserted.error, ...updated.error] };
  };
}
