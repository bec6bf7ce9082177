import {
  createRevision,
  getMetaWriteRow,
  HOOKS,
  now,
  setCheckpoint,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorageInstance,
  type RxStorageInstanceReplicationState,
  type RxStorageReplicationMeta,
  type WithDeleted,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';

/**
 * The bulk path of a pull (docs/adr/0004-bulk-initial-pull.md).
 *
 * RxDB's downstream stores a pulled page with six IndexedDB requests per
 * document (it reads the local copy and the replication metadata, then writes
 * both, each write reading once more), one page after the other. A fresh
 * device pulling a year of a site spent most of its first sync there.
 *
 * While the server answers full pages (the device is catching up), this
 * stores each page itself, as RxDB's downstream stores a document the device
 * does not have yet (downstream.js, `persistFromMaster`): the document as an
 * insert into the collection's storage with the downstream's write flag
 * (so the upstream knows it came from the server and the app's queries and
 * other tabs see it), then its replication metadata, then the checkpoint —
 * with RxDB's own exported protocol functions. That is four requests per
 * document, two for an append-only collection (no metadata, see below).
 *
 * An insert the storage refuses (the device already holds that document: a
 * local write, or a page stored before an interruption) hands the whole page
 * back to RxDB's downstream, which reconciles it as usual. Checkpoints are
 * written in page order, each once its page is stored, so an interrupted
 * first sync resumes after the last page stored.
 */

export interface Checkpoint {
  seq: number;
}

export interface Page<D> {
  documents: D[];
  checkpoint: Checkpoint | null;
}

type Doc = { id: string } & Record<string, unknown>;

export interface BulkPullOptions {
  /** Called after each page stored here (the sync status' "last synced"). */
  onPage?: () => void;
  /**
   * Store RxDB's per-document replication metadata (the master state the device
   * last saw). Off only for append-only collections: see the ADR and below.
   */
  metadata?: boolean;
}

/**
 * Answers RxDB's pull handler: pages stored here while they come back full,
 * then the first page that is not full, or that holds a document the device
 * already has, handed to RxDB as a normal pull answer.
 */
export async function bulkPull<D extends Doc>(
  replication: RxReplicationState<D, Checkpoint>,
  fetchPage: (seq: number | null, limit: number) => Promise<Page<D>>,
  from: Checkpoint | undefined,
  limit: number,
  opts: BulkPullOptions = {},
): Promise<Page<D>> {
  const internal = replication.internalReplicationState as RxStorageInstanceReplicationState<D> | undefined;
  // Attachments travel differently in RxDB's downstream; this collection set has none.
  if (!internal || internal.hasAttachments) return fetchPage(from?.seq ?? null, limit);
  // The collection's storage under RxDB's wrapper: the wrapper turns an insert over a deleted
  // document into an update, and an unpushed local deletion must stop the insert instead.
  const fork = (internal.input.forkInstance as { originalStorageInstance?: RxStorageInstance<D, unknown, unknown> }).originalStorageInstance;
  // Plugins that change what is stored (encryption, compression) need RxDB's own path.
  if (!fork || HOOKS.preStorageWrite.length > 0) return fetchPage(from?.seq ?? null, limit);
  const database = replication.collection.database;
  const meta = internal.input.metaInstance;
  // RxDB may still be storing pages it was handed (it asks for the next one meanwhile): a
  // checkpoint written here must never overtake them, so until they are stored, pages go to
  // RxDB. A stored checkpoint ahead of RxDB's is this path's own, from before a failed
  // request that RxDB retries: the pull resumes from there.
  const storedCheckpoint: Checkpoint | undefined = internal.lastCheckpointDoc.down?.checkpointData;
  if ((from?.seq ?? 0) > (storedCheckpoint?.seq ?? 0)) return fetchPage(from?.seq ?? null, limit);
  const downstreamFlag = await internal.downstreamBulkWriteFlag;
  // RxDB's mark of a document written from the server (downstream.js, `_meta.o`): if the tab closes
  // between a page's documents and their metadata, the downstream still applies the server's later
  // versions to them instead of taking them for unpushed local writes and ignoring those versions.
  const fromMaster = { _rev: 1, hash: await internal.input.hashFunction(internal.input.identifier) };

  /**
   * Without metadata RxDB takes a stored document for an unpushed local one: it
   * no longer applies the server's versions of it, and pushes it only if it
   * changes on the device (or is met again by an upstream restart), when the
   * server answers with its master. For a document the server never changes
   * (an append-only collection, ARCHITECTURE.md "Conflicts") that costs
   * nothing, and saves a second record per document.
   */
  const withMetadata = opts.metadata ?? true;
  /**
   * The replication metadata of pulled documents just inserted, as RxDB's
   * downstream writes it after them. Metadata already there is updated only
   * if it is older than the insert (left from an earlier life of the
   * document); newer metadata was written meanwhile by RxDB's upstream, for a
   * change made on the device since, and stands.
   */
  const storeMeta = async (masters: WithDeleted<D>[], insertedAt: number) => {
    if (internal.skipStoringPullMeta || !withMetadata || masters.length === 0) return;
    const rows = await Promise.all(masters.map((master) => getMetaWriteRow(internal, master)));
    const errors = (await meta.bulkWrite(rows, 'replication-down-write-meta')).error;
    const stale: RxDocumentData<RxStorageReplicationMeta<D, unknown>>[] = [];
    for (const e of errors) {
      if (e.status !== 409 || !('documentInDb' in e)) throw new Error(`Storing replication metadata failed (status ${e.status}).`);
      if (e.documentInDb._meta.lwt < insertedAt) stale.push(e.documentInDb);
    }
    if (stale.length === 0) return;
    const byId = new Map(masters.map((m) => [m.id, m]));
    const updates = await Promise.all(stale.map((d) => getMetaWriteRow(internal, byId.get(d.itemId)!, d)));
    const failed = (await meta.bulkWrite(updates, 'replication-down-write-meta')).error[0];
    // A 409 here is a write of RxDB's upstream in between, which stands.
    if (failed && failed.status !== 409) throw new Error(`Storing replication metadata failed (status ${failed.status}).`);
  };

  let stored: Checkpoint | undefined = storedCheckpoint ?? from;
  // The last checkpoint write; RxDB's checkpoint queue keeps them in order.
  let checkpointWrite: Promise<void> = Promise.resolve();

  try {
    for (;;) {
      if (replication.isStoppedOrPaused()) {
        await checkpointWrite;
        return { documents: [], checkpoint: stored ?? null };
      }
      const page = await fetchPage(stored?.seq ?? null, limit);
      const checkpoint = page.checkpoint;
      if (page.documents.length < limit || !checkpoint) {
        await checkpointWrite;
        return page;
      }
      const masters = page.documents.map((d) => ({ ...d, _deleted: d._deleted === true }) as WithDeleted<D>);
      // What RxDB's downstream stores for a document the device does not have, once its
      // collection storage has stamped the insert with a write time and the database's revision.
      const insertedAt = now();
      const revision = createRevision(database.token);
      const rows: BulkWriteRow<D>[] = masters.map((master) => ({
        document: { ...master, _meta: { lwt: insertedAt, o: fromMaster }, _rev: revision, _attachments: {} } as never,
      }));
      const result = await database.lockedRun(() => fork.bulkWrite(rows, downstreamFlag));
      const failed = result.error.find((e) => e.status !== 409);
      if (failed) throw new Error(`Storing pulled documents failed (status ${failed.status}, document ${failed.documentId}).`);
      const refused = new Set(result.error.map((e) => e.documentId));
      for (const row of rows) if (!refused.has((row.document as unknown as D).id)) internal.events.processed.down.next(row);
      if (refused.size > 0) {
        // Some are on the device already. The others get their metadata first: a document
        // stored without it would pass for an unpushed local write. Then RxDB's downstream
        // reconciles the whole page and stores its checkpoint.
        await storeMeta(
          masters.filter((m) => !refused.has(m.id)),
          insertedAt,
        );
        await checkpointWrite;
        return page;
      }
      await storeMeta(masters, insertedAt);
      await checkpointWrite;
      // Not awaited, as in RxDB's downstream: the next page is fetched and written meanwhile.
      checkpointWrite = setCheckpoint(internal, 'down', checkpoint);
      checkpointWrite.catch(() => undefined);
      stored = checkpoint;
      opts.onPage?.();
    }
  } catch (err) {
    // Whatever was stored stays stored; RxDB retries the pull, which resumes after it.
    await checkpointWrite.catch(() => undefined);
    throw err;
  }
}

/**
 * The live changes of one collection while its pull handler runs.
 *
 * RxDB drops a live change that reached it before its latest pull request,
 * as that request's answer is at least as new. A bulk pull is one handler
 * call for many requests, so RxDB would keep changes that came in during it
 * and apply them afterwards — over the newer versions the later pages
 * brought. While a handler runs, changes are therefore held here: those that
 * came before the handler's last request began are dropped (that request, or
 * a later one, reads past them: the server numbers changes in commit order),
 * and the rest go on to RxDB when the handler ends.
 */
export class HeldChanges<T> {
  private requests = 0;
  private held: { afterRequest: number; change: T }[] | null = null;

  constructor(private readonly forward: (change: T) => void) {}

  /** A pull request to the server is starting. */
  requestStarted(): void {
    this.requests++;
  }

  /** A live change from the server. */
  receive(change: T): void {
    if (this.held) this.held.push({ afterRequest: this.requests, change });
    else this.forward(change);
  }

  /** Runs a pull handler, holding live changes meanwhile. */
  async during<R>(handler: () => Promise<R>): Promise<R> {
    this.held = [];
    try {
      return await handler();
    } finally {
      const held = this.held;
      this.held = null;
      for (const { afterRequest, change } of held) if (afterRequest === this.requests) this.forward(change);
    }
  }
}
