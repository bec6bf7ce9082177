import { Subject } from 'rxjs';
import type { RxReplicationPullStreamItem, RxReplicationWriteToMasterRow } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { collectionNames, collections, type CollectionName } from '../domain/collections';
import { HEADERS } from '../domain/protocol';
import { canonicalJson } from '../domain/rules/canonical-json';
import type { AppDatabase } from '../db/database';
import { outboxId } from '../db/device-log';
import { api, ApiError, type TokenSource } from './api';
import { bulkPull, HeldChanges, type Checkpoint } from './bulk-pull';
import { keepServerMarkOnInsert } from './server-mark';
import { deviceId as browserDeviceId, getSession, sessionAuth } from './session';
import { ChangeStream } from './stream';
import { syncStatus, type SyncStatusSnapshot } from './status';

export type { Checkpoint };
type Doc = { id: string; updatedAt: string } & Record<string, unknown>;
type Row = RxReplicationWriteToMasterRow<Doc>;
interface Rejected {
  id: string | null;
  reason: string;
}

export interface SyncOptions {
  /** The session's access token; renewed through the session (`sessionAuth`) when it is the signed-in one. */
  token?: string;
  /** Where tokens come from and how they are renewed (Node tests and benchmarks pass their own). */
  auth?: TokenSource;
  /** Origin of the sync server when not the page's own (Node tests and benchmarks). */
  baseUrl?: string;
  /** Only the elected leader tab replicates; the others see its writes through IndexedDB. */
  waitForLeadership?: boolean;
  /** The session could not be renewed: the user must sign in again. Replication is paused meanwhile. */
  onUnauthorized?: () => void;
  /** Replicate only these collections (benchmarks and tests); all by default. */
  collections?: readonly CollectionName[];
  /** Wait before retrying a failed pull or push (RxDB's retryTime). */
  retryMs?: number;
  /** Shortest wait before the live stream reconnects. */
  streamBackoffMs?: number;
  /** Sent as X-Device-Id so the server's logs and quarantine name the device. */
  deviceId?: string;
  /** Documents per pull (tests use small pages to exercise the bulk path); the server allows at most 1000. */
  pullBatchSize?: number;
  /** Store full pull pages through the bulk path (src/sync/bulk-pull.ts); on by default, off to compare with RxDB's own. */
  bulkPull?: boolean;
  /**
   * What replication waits for before it starts, besides leadership and then the page's next
   * idle moment: the first screen (src/app/DataProvider.tsx). Reading every collection's
   * checkpoints and changes while that screen loads its data slowed a kiosk's cold start
   * (bench/cold-start.ts). Writes made meanwhile are kept and pushed once it starts.
   */
  startAfter?: Promise<void>;
}

/** Resolves at the page's next idle moment (at most 2 s from now), or at once outside a page. */
function firstIdle(): Promise<void> {
  if (typeof requestIdleCallback !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 2_000 }));
}

export interface SyncController {
  states: RxReplicationState<Doc, Checkpoint>[];
  /** Pull everything now and push what is waiting ("sync now"). */
  syncNow(): void;
  /** Stops moving data (signed out, or the session could not be renewed); local writes go on. */
  pause(): Promise<void>;
  /** Moves data again after `pause` (signed in again). */
  resume(): Promise<void>;
  readonly paused: boolean;
  /** Resolves when every collection has pushed what it holds and pulled what the server had. */
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

// The server answers at most 1000 documents a pull; big pages make a first sync fast.
const PULL_BATCH = 1000;
const PUSH_BATCH = 100;

function fixedToken(token: string | undefined): TokenSource {
  return { token: async () => token ?? null, refresh: async () => false };
}

/**
 * Replicates every collection with the sync server: pull by sequence
 * checkpoint, push with conflict answers, live changes from one multiplexed
 * SSE stream, RESYNC after every reconnect. Never blocks the UI: writes go to
 * the local database and this loop moves them when it can.
 */
export function startSync(db: AppDatabase, opts: SyncOptions): SyncController {
  const auth = opts.auth ?? (opts.token !== undefined && getSession()?.token === opts.token ? sessionAuth : fixedToken(opts.token));
  const device = opts.deviceId ?? (typeof localStorage !== 'undefined' ? browserDeviceId() : undefined);
  const headers: Record<string, string> = device ? { [HEADERS.deviceId]: device } : {};
  const request = { auth, baseUrl: opts.baseUrl, headers };
  const names = opts.collections ?? collectionNames;
  const streams = new Map<CollectionName, Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>>();
  const liveChanges = new Map<CollectionName, HeldChanges<RxReplicationPullStreamItem<Doc, Checkpoint>>>();
  const states: RxReplicationState<Doc, Checkpoint>[] = [];
  let paused = false;
  let stopped = false;

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401) {
      // The token was refused and could not be renewed: wait for a new sign-in.
      syncStatus.setSignInRequired(true);
      opts.onUnauthorized?.();
      void controller.pause();
      return;
    }
    syncStatus.setError(err instanceof Error ? err.message : String(err), err instanceof ApiError ? err.status : null);
  };

  for (const name of names) {
    const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
    streams.set(name, stream$);
    const live = new HeldChanges<RxReplicationPullStreamItem<Doc, Checkpoint>>((change) => stream$.next(change));
    liveChanges.set(name, live);
    const pages = new PullPages((seq, limit) => {
      live.requestStarted();
      return api<PullPage>(`/replication/${name}/pull?checkpoint=${seq ?? ''}&limit=${limit}`, request);
    });
    const bulk = opts.bulkPull ?? true;
    // A first-seen document cut off from its metadata by a reload must not freeze (server-mark.ts).
    keepServerMarkOnInsert(db[name] as never);
    const state: RxReplicationState<Doc, Checkpoint> = replicateRxCollection<Doc, Checkpoint>({
      collection: db[name] as never,
      replicationIdentifier: `hallops-${name}-v1`,
      live: true,
      retryTime: opts.retryMs ?? 5_000,
      // Started below, once leading and past `startAfter`.
      autoStart: false,
      waitForLeadership: opts.waitForLeadership ?? true,
      // One tab replicates, visible or not (RxDB would also start hidden followers when shown).
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: opts.pullBatchSize ?? PULL_BATCH,
        stream$: stream$.asObservable(),
        handler: async (checkpoint, batchSize) => {
          try {
            const take = (seq: number | null, limit: number) => pages.take(seq, limit);
            // Full pages (catching up) are stored in bulk; live changes wait meanwhile (HeldChanges).
            const res = bulk
              ? await live.during(() =>
                  bulkPull(state, take, checkpoint ?? undefined, batchSize, {
                    onPage: () => syncStatus.markSynced(),
                    // The server never changes a stored append-only document (push-plan.ts answers its master).
                    metadata: !('appendOnly' in collections[name] && collections[name].appendOnly),
                  }),
                )
              : await take(checkpoint?.seq ?? null, batchSize);
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
            const conflicts = await pushRows(db, name, rows as Row[], request);
            syncStatus.markSynced();
            return conflicts as never;
          } catch (err) {
            fail(err);
            throw err;
          }
        },
      },
    });
    state.error$.subscribe((err) => {
      // Errors of the pull and push handlers were reported (with their HTTP status) by `fail`.
      const code = (err as { code?: string }).code;
      if (paused || code === 'RC_PULL' || code === 'RC_PUSH') return;
      syncStatus.setError(err instanceof Error ? err.message : String(err));
    });
    states.push(state);
  }

  const newStream = () =>
    new ChangeStream(
      auth,
      {
        onChange: (msg) => {
          liveChanges.get(msg.collection as CollectionName)?.receive({ documents: msg.documents as never, checkpoint: msg.checkpoint });
          syncStatus.markSynced();
        },
        onReconnect: () => streams.forEach((s) => s.next('RESYNC')),
        onConnectedChange: (connected) => syncStatus.setConnected(connected),
        onUnauthorized: () => fail(new ApiError(401, 'Unauthorized')),
      },
      opts.baseUrl,
      opts.streamBackoffMs,
      headers,
    );
  let changeStream = newStream();
  // Only the replicating tab holds the stream open.
  const leader = (opts.waitForLeadership ?? true) ? db.waitForLeadership() : Promise.resolve(true);
  let leading = false;
  void Promise.all([leader, (opts.startAfter ?? Promise.resolve()).then(firstIdle)]).then(() => {
    leading = true;
    if (stopped || paused) return;
    // Errors of start() are reported on each state's error$.
    for (const state of states) state.start().catch(() => undefined);
    changeStream.start();
  });
  const tabs = shareStatusAcrossTabs(db.name, () => leading, () => controller.syncNow());

  const onOnline = () => {
    changeStream.restart();
    states.forEach((s) => s.reSync());
  };
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);

  const controller: SyncController = {
    states,
    get paused() {
      return paused;
    },
    syncNow() {
      // A follower tab asks the replicating tab.
      if (!leading) return tabs?.requestSync();
      changeStream.reconnectNow();
      states.forEach((s) => s.reSync());
    },
    async pause() {
      if (paused || stopped) return;
      paused = true;
      changeStream.stop();
      syncStatus.setConnected(false);
      await Promise.all(states.map((s) => s.pause()));
    },
    async resume() {
      if (!paused || stopped) return;
      paused = false;
      syncStatus.setSignInRequired(false);
      await Promise.all(states.map((s) => s.start()));
      changeStream = newStream();
      void leader.then(() => {
        if (!stopped && !paused) changeStream.start();
      });
    },
    async awaitInSync() {
      await Promise.all(states.map((s) => s.awaitInSync()));
    },
    async stop() {
      stopped = true;
      tabs?.close();
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
      changeStream.stop();
      await Promise.all(states.map((s) => s.cancel()));
    },
  };
  return controller;
}

/**
 * Only the leader tab replicates; the other tabs of the same database show
 * its status (online, last sync, clock offset, sign-in needed) and pass
 * "sync now" to it, over a BroadcastChannel.
 */
function shareStatusAcrossTabs(dbName: string, isLeader: () => boolean, syncNow: () => void) {
  if (typeof BroadcastChannel === 'undefined' || typeof window === 'undefined') return undefined;
  const channel = new BroadcastChannel(`hallops-sync-${dbName}`);
  const unsubscribe = syncStatus.subscribe(() => {
    if (isLeader()) channel.postMessage({ type: 'status', status: syncStatus.get() });
  });
  channel.onmessage = (event: MessageEvent<{ type: string; status?: SyncStatusSnapshot }>) => {
    const msg = event.data;
    if (msg.type === 'status' && msg.status && !isLeader()) syncStatus.adopt(msg.status);
    // A new tab asks for the status; "sync now" in a follower runs in the leader.
    if (msg.type === 'hello' && isLeader()) channel.postMessage({ type: 'status', status: syncStatus.get() });
    if (msg.type === 'sync' && isLeader()) syncNow();
  };
  channel.postMessage({ type: 'hello' });
  return {
    requestSync: () => channel.postMessage({ type: 'sync' }),
    close: () => {
      unsubscribe();
      channel.close();
    },
  };
}

interface PullPage {
  documents: Doc[];
  checkpoint: Checkpoint | null;
}

/**
 * Pulls of one collection, one page ahead while catching up: when a page
 * comes back full, the next one is requested at once, so the server prepares
 * it while this device stores the current one. Pages follow the server's
 * sequence numbers, so a page fetched early is still right: anything written
 * since comes later, in a later page.
 */
export class PullPages {
  private ahead: { seq: number; limit: number; page: Promise<PullPage> } | null = null;

  constructor(private readonly fetchPage: (seq: number | null, limit: number) => Promise<PullPage>) {}

  async take(seq: number | null, limit: number): Promise<PullPage> {
    const ready = this.ahead;
    this.ahead = null;
    const page = ready && ready.seq === seq && ready.limit === limit ? await ready.page.catch(() => this.fetchPage(seq, limit)) : await this.fetchPage(seq, limit);
    if (page.documents.length >= limit && page.checkpoint) {
      const next = this.fetchPage(page.checkpoint.seq, limit);
      // A failed read-ahead is simply fetched again when asked for.
      next.catch(() => undefined);
      this.ahead = { seq: page.checkpoint.seq, limit, page: next };
    }
    return page;
  }
}

interface RequestContext {
  auth: TokenSource;
  baseUrl?: string;
  headers?: Record<string, string>;
}

/**
 * Pushes one batch. The server writes a batch all-or-nothing; when some
 * documents fail validation or permission it answers 422 with each rejected id
 * and reason. Those go to the rejected-changes inbox and the rest is pushed
 * again, so one bad document never blocks the queue.
 *
 * The answer holds the stored master of every row that differs from what was
 * sent (a real conflict, or our write with the server's stamps, ADR 0002); the
 * conflict handlers (src/db/conflicts.ts) take it from there.
 */
async function pushRows(db: AppDatabase, name: CollectionName, rows: Row[], req: RequestContext): Promise<Doc[]> {
  let pending = rows;
  for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
    try {
      const answer = await api<Doc[]>(`/replication/${name}/push`, { ...req, body: pending });
      await clearOutbox(db, name, pending);
      // A master equal to what we sent is no conflict (it would only be written back and pushed again).
      const sent = new Map(pending.map((r) => [r.newDocumentState.id, canonicalJson(r.newDocumentState)]));
      return answer.filter((master) => sent.get(master.id) !== canonicalJson(master));
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
