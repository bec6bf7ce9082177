import { Subject } from 'rxjs';
import type { RxReplicationPullStreamItem, RxReplicationWriteToMasterRow } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { collectionNames, type CollectionName } from '../domain/collections';
import type { AppDatabase } from '../db/database';
import { outboxId } from '../db/device-log';
import { api, ApiError } from './api';
import { ChangeStream } from './stream';
import { syncStatus } from './status';

export interface Checkpoint {
  seq: number;
}
type Doc = { id: string; updatedAt: string } & Record<string, unknown>;
type Row = RxReplicationWriteToMasterRow<Doc>;
interface Rejected {
  id: string | null;
  reason: string;
}

export interface SyncOptions {
  token: string;
  /** Origin of the sync server when not the page's own (Node tests and benchmarks). */
  baseUrl?: string;
  /** Only the elected leader tab replicates; the others see its writes through IndexedDB. */
  waitForLeadership?: boolean;
  onUnauthorized?: () => void;
}

export interface SyncController {
  states: RxReplicationState<Doc, Checkpoint>[];
  /** Pull everything now and push what is waiting ("sync now"). */
  syncNow(): void;
  stop(): Promise<void>;
}

const PULL_BATCH = 500;
const PUSH_BATCH = 100;

/**
 * Replicates every collection with the sync server: pull by sequence
 * checkpoint, push with conflict answers, live changes from one multiplexed
 * SSE stream, RESYNC after every reconnect. Never blocks the UI: writes go to
 * the local database and this loop moves them when it can.
 */
export function startSync(db: AppDatabase, opts: SyncOptions): SyncController {
  const streams = new Map<CollectionName, Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>>();
  const states: RxReplicationState<Doc, Checkpoint>[] = [];

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) opts.onUnauthorized?.();
    syncStatus.setError(err instanceof Error ? err.message : String(err));
  };

  for (const name of collectionNames) {
    const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
    streams.set(name, stream$);
    const state = replicateRxCollection<Doc, Checkpoint>({
      collection: db[name] as never,
      replicationIdentifier: `hallops-${name}-v1`,
      live: true,
      retryTime: 5_000,
      waitForLeadership: opts.waitForLeadership ?? true,
      pull: {
        batchSize: PULL_BATCH,
        stream$: stream$.asObservable(),
        handler: async (checkpoint, batchSize) => {
          try {
            const res = await api<{ documents: Doc[]; checkpoint: Checkpoint | null }>(
              `/replication/${name}/pull?checkpoint=${checkpoint?.seq ?? ''}&limit=${batchSize}`,
              { token: opts.token, baseUrl: opts.baseUrl },
            );
            syncStatus.markSynced();
            return { documents: res.documents as never, checkpoint: res.checkpoint ?? checkpoint ?? { seq: 0 } };
          } catch (err) {
            fail(err);
            throw err;
          }
        },
      },
      push: {
        batchSize: PUSH_BATCH,
        handler: async (rows) => {
          try {
            const conflicts = await pushRows(db, name, rows as Row[], opts);
            syncStatus.markSynced();
            return conflicts as never;
          } catch (err) {
            fail(err);
            throw err;
          }
        },
      },
    });
    state.error$.subscribe((err) => fail(err));
    states.push(state);
  }

  const changeStream = new ChangeStream(
    opts.token,
    {
      onChange: (msg) => {
        const subject = streams.get(msg.collection as CollectionName);
        subject?.next({ documents: msg.documents as never, checkpoint: msg.checkpoint });
        syncStatus.markSynced();
      },
      onReconnect: () => streams.forEach((s) => s.next('RESYNC')),
      onConnectedChange: (connected) => syncStatus.setConnected(connected),
      onUnauthorized: () => opts.onUnauthorized?.(),
    },
    opts.baseUrl,
  );
  // Only the replicating tab holds the stream open.
  const leader = opts.waitForLeadership ?? true ? db.waitForLeadership() : Promise.resolve(true);
  let stopped = false;
  void leader.then(() => {
    if (!stopped) changeStream.start();
  });

  const onOnline = () => {
    changeStream.reconnectNow();
    states.forEach((s) => s.reSync());
  };
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);

  return {
    states,
    syncNow: onOnline,
    async stop() {
      stopped = true;
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
      changeStream.stop();
      await Promise.all(states.map((s) => s.cancel()));
    },
  };
}

/**
 * Pushes one batch. The server writes a batch all-or-nothing; when some
 * documents fail validation or permission it answers 422 with each rejected id
 * and reason. Those go to the rejected-changes inbox and the rest is pushed
 * again, so one bad document never blocks the queue.
 */
async function pushRows(db: AppDatabase, name: CollectionName, rows: Row[], opts: SyncOptions): Promise<Doc[]> {
  let pending = rows;
  for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
    try {
      const conflicts = await api<Doc[]>(`/replication/${name}/push`, {
        token: opts.token,
        baseUrl: opts.baseUrl,
        body: pending,
      });
      await clearOutbox(db, name, pending);
      return conflicts;
    } catch (err) {
      const rejected = err instanceof ApiError && err.status === 422 ? (err.body?.rejected as Rejected[] | undefined) : undefined;
      if (!rejected?.length) throw err;
      const rejectedIds = new Set(rejected.map((r) => r.id));
      const now = new Date().toISOString();
      const bad = pending.filter((r) => rejectedIds.has(r.newDocumentState.id));
      await db.devicelog.bulkUpsert(
        bad.map((r) => ({
          id: `rejection:${name}:${r.newDocumentState.id}:${r.newDocumentState.updatedAt}`,
          kind: 'rejection' as const,
          collectionName: name,
          docId: r.newDocumentState.id,
          updatedAt: r.newDocumentState.updatedAt,
          at: now,
          reason: rejected.find((x) => x.id === r.newDocumentState.id)?.reason ?? '',
          doc: r.newDocumentState as Record<string, unknown>,
        })),
      );
      await clearOutbox(db, name, bad);
      pending = pending.filter((r) => !rejectedIds.has(r.newDocumentState.id));
    }
  }
  return [];
}

/** Acknowledged documents leave the outbox unless they changed again meanwhile. */
async function clearOutbox(db: AppDatabase, name: CollectionName, rows: Row[]): Promise<void> {
  const ids = rows.map((r) => outboxId(name, r.newDocumentState.id));
  const found = await db.devicelog.findByIds(ids).exec();
  const sent = new Map(rows.map((r) => [outboxId(name, r.newDocumentState.id), r.newDocumentState.updatedAt]));
  const done = [...found.values()].filter((entry) => sent.get(entry.id) === entry.updatedAt);
  if (done.length) await db.devicelog.bulkRemove(done.map((d) => d.id));
}
