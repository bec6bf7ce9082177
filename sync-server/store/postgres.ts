import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { auditEntries, ChainVerifier, documentHash, GENESIS_HASH, mediaHashesIn } from '../audit/chain';
import { toAudit, toClock, toDevice, toDoc, toMediaInfo, toMediaRef, toRejection, toSession, toUser, userParams } from './rows';
import type { AuditRow, ClockRow, DeviceRow, DocRow, MediaRefRow, MediaRow, RejectionRow, SessionRow, UserRow } from './rows';
import { loadMigrations, loadNamedStatements } from './sql';
import type {
  AuditRecord,
  AuditVerification,
  ClockReading,
  DeviceRecord,
  DocWrite,
  MediaInfo,
  NewDevice,
  NewMedia,
  NewSession,
  NewUser,
  PullQuery,
  PushInput,
  PushResult,
  RejectionQuery,
  RejectionRecord,
  SessionRecord,
  SessionRotation,
  Store,
  StoredDoc,
  UserRecord,
} from './store';

/** A statement with its @names turned into $1, $2, … (each name keeps one number). */
export interface Compiled {
  text: string;
  names: string[];
}

export function compileNamed(sql: string): Compiled {
  const names: string[] = [];
  const text = sql.replace(/@([A-Za-z_]\w*)/g, (_m, name: string) => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text, names };
}

const STATEMENTS = new Map([...loadNamedStatements('pg/queries.sql')].map(([name, sql]) => [name, compileNamed(sql)]));

/** BIGINT columns (sequence numbers, epoch milliseconds) as numbers: they stay far below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

type Queryable = Pick<pg.PoolClient, 'query'>;
type Params = Record<string, unknown>;

async function run<R extends pg.QueryResultRow = pg.QueryResultRow>(db: Queryable, name: string, params: Params = {}): Promise<pg.QueryResult<R>> {
  const s = STATEMENTS.get(name);
  if (!s) throw new Error(`No SQL statement named ${name}`);
  const values = s.names.map((n) => {
    if (!(n in params)) throw new Error(`SQL statement ${name} needs @${n}`);
    return params[n];
  });
  return db.query<R>({ name: `hall_ops_${name}`, text: s.text, values });
}

export interface PostgresOptions {
  url: string;
  /** The schema holding the tables (created if missing). */
  schema?: string;
  poolSize?: number;
  /** Tests only: runs after a push took its sequence numbers and before it commits. */
  beforeCommit?: (seqs: { from: number; to: number }) => Promise<void>;
}

/** One change notification: a collection and the seq range a commit wrote. */
interface ChangeNotice {
  /** The process that committed (it fans out its own commits directly). */
  i: string;
  c: string;
  f: number;
  t: number;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The store for deployments that outgrow one process: any number of server
 * processes share one PostgreSQL database.
 *
 * Sequence numbers and commit order. A pull asks for "seq > checkpoint", so a
 * transaction that took seq N must never become visible after one that took
 * N+1 (a client that had pulled N+1 would skip N for ever). Every push
 * therefore first locks the single `sequence` row (`SELECT … FOR UPDATE`),
 * reads its masters, plans, takes its numbers with `UPDATE … RETURNING`, writes
 * and commits; the row lock is released only at COMMIT. So write transactions
 * run one at a time: whoever takes seq N+1 waited until the holder of N had
 * committed, and commits are in seq order. Reading the masters after taking
 * the lock also means no two pushes plan against the same stale master. Pulls
 * take no lock. This is SQLite's single writer, made explicit; pushes are short
 * (one round trip per statement, batched with unnest), so it is not the bottleneck.
 *
 * Fan-out. Each commit also sends `NOTIFY` (delivered only on commit, in commit
 * order) with the collection and seq range; every other process LISTENs and
 * pulls those documents from the database for its own SSE clients.
 */
export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  readonly schema: string;
  private readonly channel: string;
  private readonly instance = randomUUID();
  private listener: pg.Client | null = null;
  private readonly remoteListeners = new Set<(batch: { collection: string; docs: StoredDoc[] }) => void>();
  private closed = false;
  /** Notifications are handled one at a time, in order. */
  private fanout: Promise<void> = Promise.resolve();
  private lastNotifiedSeq = 0;

  private constructor(private readonly options: PostgresOptions) {
    this.schema = options.schema ?? 'public';
    this.channel = `hall_ops_${this.schema}`;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: `-c search_path=${quoteIdent(this.schema)}`,
      types: TYPES,
    });
    // An idle connection that dies (database restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /** Connects, brings the schema to the newest version and starts listening for other processes' commits. */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await store.migrate();
      store.lastNotifiedSeq = (await run<{ value: number }>(store.pool, 'maxSeq')).rows[0]?.value ?? 0;
      await store.listen();
      return store;
    } catch (err) {
      await store.close();
      throw err;
    }
  }

  /** Runs the migrations not yet applied, under an advisory lock so concurrent starts do not race. */
  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hall-ops-migrate:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of loadMigrations('pg/migrations')) {
        if (done.has(m.version)) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async schemaVersion(): Promise<number> {
    const r = await this.pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    return r.rows[0]?.v ?? 0;
  }

  // ---------------------------------------------------------------- LISTEN/NOTIFY

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, options: `-c search_path=${quoteIdent(this.schema)}`, types: TYPES });
    client.on('notification', (msg) => {
      if (msg.channel !== this.channel || !msg.payload) return;
      let notice: ChangeNotice;
      try {
        notice = JSON.parse(msg.payload) as ChangeNotice;
      } catch {
        return;
      }
      this.fanout = this.fanout.then(() => this.deliver(notice)).catch(() => undefined);
    });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.relisten(), 1000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${quoteIdent(this.channel)}`);
    this.listener = client;
  }

  /** After a lost LISTEN connection: listen again, then send on whatever was committed meanwhile. */
  private async relisten(): Promise<void> {
    if (this.closed || this.listener) return;
    try {
      await this.listen();
      this.fanout = this.fanout.then(() => this.catchUp()).catch(() => undefined);
    } catch {
      if (!this.closed) setTimeout(() => void this.relisten(), 1000).unref();
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const rows = (await run<DocRow>(this.pool, 'pullSince', { afterSeq: this.lastNotifiedSeq, limit: 1000 })).rows.map(toDoc);
      let start = 0;
      for (let i = 1; i <= rows.length; i++) {
        if (i === rows.length || rows[i].collection !== rows[start].collection) {
          this.publish(rows[start].collection, rows.slice(start, i));
          start = i;
        }
      }
      if (rows.length > 0) this.lastNotifiedSeq = rows[rows.length - 1].seq;
      if (rows.length < 1000) return;
    }
  }

  private async deliver(notice: ChangeNotice): Promise<void> {
    this.lastNotifiedSeq = Math.max(this.lastNotifiedSeq, notice.t);
    if (notice.i === this.instance || this.remoteListeners.size === 0) return;
    const docs = (await run<DocRow>(this.pool, 'pullRange', { collection: notice.c, fromSeq: notice.f, toSeq: notice.t })).rows.map(toDoc);
    // A document overwritten since has moved past this range; its own notice brings it.
    this.publish(notice.c, docs);
  }

  private publish(collection: string, docs: StoredDoc[]): void {
    if (docs.length === 0) return;
    for (const listener of this.remoteListeners) listener({ collection, docs });
  }

  onRemoteChanges(listener: (batch: { collection: string; docs: StoredDoc[] }) => void): () => void {
    this.remoteListeners.add(listener);
    return () => this.remoteListeners.delete(listener);
  }

  // ---------------------------------------------------------------- basics

  async ping(): Promise<void> {
    await run(this.pool, 'ping');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.fanout.catch(() => undefined);
    await this.pool.end();
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  // ---------------------------------------------------------------- documents

  async pull(query: PullQuery): Promise<StoredDoc[]> {
    const params = { collection: query.collection, afterSeq: query.afterSeq, limit: query.limit };
    const result =
      query.sites === 'all' ? await run<DocRow>(this.pool, 'pullAll', params) : await run<DocRow>(this.pool, 'pullScoped', { ...params, siteIds: query.sites });
    return result.rows.map(toDoc);
  }

  async getDocuments(collection: string, ids: readonly string[]): Promise<StoredDoc[]> {
    if (ids.length === 0) return [];
    return (await run<DocRow>(this.pool, 'getDocuments', { collection, ids: [...new Set(ids)] })).rows.map(toDoc);
  }

  async applyPush(input: PushInput): Promise<PushResult> {
    return this.transaction(async (client) => {
      // Writers one at a time, in seq order: see the class comment.
      await run(client, 'lockSequence');
      const masters = new Map<string, StoredDoc>();
      for (const doc of await this.getDocumentsWith(client, input.collection, input.ids)) masters.set(doc.id, doc);
      const plan = input.plan(masters);
      const createdAt = input.now.toISOString();
      if (plan.kind === 'reject') {
        await run(client, 'insertRejections', {
          userId: input.actor.userId,
          collection: input.collection,
          createdAt,
          deviceIds: plan.rejections.map((r) => input.actor.deviceId ?? r.deviceId ?? null),
          docIds: plan.rejections.map((r) => r.docId),
          reasons: plan.rejections.map((r) => r.reason),
          raws: plan.rejections.map((r) => JSON.stringify(r.raw) ?? 'null'),
        });
        return { kind: 'rejected', rejections: plan.rejections };
      }
      if (plan.writes.length === 0) return { kind: 'applied', written: [], conflicts: plan.conflicts };

      const n = plan.writes.length;
      const last = (await run<{ value: number }>(client, 'takeSeqs', { n })).rows[0].value;
      const sequenced = plan.writes.map((write, i) => ({ write, seq: last - n + 1 + i }));
      // A push may write one id twice (a later row builds on an earlier one): the table keeps the last.
      const final = new Map<string, { write: DocWrite; seq: number }>();
      for (const s of sequenced) final.set(s.write.id, s);
      const rows = [...final.values()];
      const deviceOf = (w: DocWrite) => input.actor.deviceId ?? (typeof w.data.deviceId === 'string' ? w.data.deviceId : null);
      await run(client, 'upsertDocuments', {
        collection: input.collection,
        writtenBy: input.actor.userId,
        ids: rows.map((r) => r.write.id),
        seqs: rows.map((r) => r.seq),
        siteIds: rows.map((r) => r.write.siteId),
        deleted: rows.map((r) => r.write.deleted),
        data: rows.map((r) => JSON.stringify(r.write.data)),
        updatedAt: rows.map((r) => r.write.updatedAt),
        devices: rows.map((r) => deviceOf(r.write)),
      });
      await run(client, 'deleteMediaRefsOfDocs', { collection: input.collection, docIds: rows.map((r) => r.write.id) });
      const refs = rows.flatMap((r) => [...mediaHashesIn(r.write.data)].map((hash) => ({ hash, docId: r.write.id })));
      if (refs.length > 0) {
        await run(client, 'insertMediaRefs', { collection: input.collection, hashes: refs.map((r) => r.hash), docIds: refs.map((r) => r.docId) });
      }
      const prev = (await run<{ hash: string }>(client, 'getLastAudit')).rows[0]?.hash ?? GENESIS_HASH;
      const entries = auditEntries(sequenced, masters, input.actor, input.collection, createdAt, prev);
      await run(client, 'insertAudit', {
        at: createdAt,
        userId: input.actor.userId,
        collection: input.collection,
        seqs: entries.map((e) => e.seq),
        deviceIds: entries.map((e) => e.deviceId),
        docIds: entries.map((e) => e.docId),
        actions: entries.map((e) => e.action),
        fields: entries.map((e) => JSON.stringify(e.fields)),
        docHashes: entries.map((e) => e.docHash),
        prevHashes: entries.map((e) => e.prevHash),
        hashes: entries.map((e) => e.hash),
      });
      const notice: ChangeNotice = { i: this.instance, c: input.collection, f: sequenced[0].seq, t: last };
      await client.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(notice)]);
      await this.options.beforeCommit?.({ from: notice.f, to: notice.t });
      const written = sequenced.map(({ write, seq }) => ({ collection: input.collection, id: write.id, seq, siteId: write.siteId, deleted: write.deleted, data: write.data }));
      return { kind: 'applied', written, conflicts: plan.conflicts };
    });
  }

  private async getDocumentsWith(client: Queryable, collection: string, ids: readonly string[]): Promise<StoredDoc[]> {
    if (ids.length === 0) return [];
    return (await run<DocRow>(client, 'getDocuments', { collection, ids: [...new Set(ids)] })).rows.map(toDoc);
  }

  async listRejections(query: RejectionQuery): Promise<RejectionRecord[]> {
    const params = { limit: query.limit, beforeId: query.beforeId ?? Number.MAX_SAFE_INTEGER };
    const result =
      query.userId === null
        ? await run<RejectionRow>(this.pool, 'listRejectionsAll', params)
        : await run<RejectionRow>(this.pool, 'listRejectionsOfUser', { ...params, userId: query.userId });
    return result.rows.map(toRejection);
  }

  // ---------------------------------------------------------------- audit

  async auditHistory(collection: string, docId: string): Promise<AuditRecord[]> {
    return (await run<AuditRow>(this.pool, 'auditHistory', { collection, docId })).rows.map(toAudit);
  }

  async verifyAudit(): Promise<AuditVerification> {
    const client = await this.pool.connect();
    try {
      // One snapshot for the log and the documents.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const verifier = new ChainVerifier();
      for (let afterSeq = 0; ; ) {
        const page = (await run<AuditRow>(client, 'auditPage', { afterSeq, limit: 5000 })).rows.map(toAudit);
        for (const e of page) verifier.add(e);
        if (page.length < 5000) break;
        afterSeq = page[page.length - 1].seq;
      }
      const hashes = new Map<string, string>();
      for (let afterSeq = 0; ; ) {
        const page = (await run<{ collection: string; id: string; seq: number; deleted: boolean; data: string }>(client, 'documentPage', { afterSeq, limit: 5000 })).rows;
        for (const r of page) hashes.set(`${r.collection}\u0000${r.id}`, documentHash(JSON.parse(r.data) as Record<string, unknown>, r.deleted));
        if (page.length < 5000) break;
        afterSeq = page[page.length - 1].seq;
      }
      await client.query('COMMIT');
      return verifier.finish((c, id) => hashes.get(`${c}\u0000${id}`));
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  // ---------------------------------------------------------------- media (bytes in the database)

  async putMedia(media: NewMedia): Promise<'created' | 'exists'> {
    const r = await run(this.pool, 'insertMedia', { ...media });
    return r.rowCount === 1 ? 'created' : 'exists';
  }

  async getMediaInfo(hash: string): Promise<MediaInfo | null> {
    const r = (await run<MediaRow>(this.pool, 'getMediaInfo', { hash })).rows[0];
    return r ? toMediaInfo(r) : null;
  }

  async readMedia(hash: string): Promise<Buffer | null> {
    return (await run<{ bytes: Buffer }>(this.pool, 'readMedia', { hash })).rows[0]?.bytes ?? null;
  }

  async mediaReferences(hash: string, limit: number): Promise<{ collection: string; docId: string }[]> {
    return (await run<MediaRefRow>(this.pool, 'mediaReferences', { hash, limit })).rows.map(toMediaRef);
  }

  // ---------------------------------------------------------------- devices and clocks

  async insertDevice(device: NewDevice, user: NewUser): Promise<void> {
    await this.transaction(async (client) => {
      await run(client, 'insertUser', userParams(user));
      await run(client, 'insertDevice', { ...device });
    });
  }

  async getDevice(id: string): Promise<DeviceRecord | null> {
    const row = (await run<DeviceRow>(this.pool, 'getDevice', { id })).rows[0];
    return row ? toDevice(row) : null;
  }

  async getDeviceByCredentialHash(hash: string): Promise<DeviceRecord | null> {
    const row = (await run<DeviceRow>(this.pool, 'getDeviceByCredentialHash', { hash })).rows[0];
    return row ? toDevice(row) : null;
  }

  async listDevices(sites: 'all' | readonly string[]): Promise<DeviceRecord[]> {
    const r = sites === 'all' ? await run<DeviceRow>(this.pool, 'listDevicesAll') : await run<DeviceRow>(this.pool, 'listDevicesScoped', { siteIds: sites });
    return r.rows.map(toDevice);
  }

  async revokeDevice(id: string, at: string): Promise<boolean> {
    return this.transaction(async (client) => {
      if ((await run(client, 'revokeDevice', { id, revokedAt: at })).rowCount !== 1) return false;
      const userId = `device:${id}`;
      await run(client, 'disableUser', { id: userId });
      await run(client, 'revokeUserSessions', { userId, revokedAt: Date.parse(at) });
      return true;
    });
  }

  async recordClock(reading: ClockReading): Promise<void> {
    await run(this.pool, 'upsertClock', { ...reading });
  }

  async getClock(deviceId: string): Promise<ClockReading | null> {
    const r = (await run<ClockRow>(this.pool, 'getClock', { deviceId })).rows[0];
    return r ? toClock(r) : null;
  }

  // ---------------------------------------------------------------- users and sessions

  async countUsers(): Promise<number> {
    return (await run<{ n: number }>(this.pool, 'countUsers')).rows[0].n;
  }

  async insertUser(user: NewUser): Promise<void> {
    await run(this.pool, 'insertUser', userParams(user));
  }

  async getUserByUsername(username: string): Promise<UserRecord | null> {
    const row = (await run<UserRow>(this.pool, 'getUserByUsername', { username })).rows[0];
    return row ? toUser(row) : null;
  }

  async getUserById(id: string): Promise<UserRecord | null> {
    const row = (await run<UserRow>(this.pool, 'getUserById', { id })).rows[0];
    return row ? toUser(row) : null;
  }

  async insertSession(session: NewSession): Promise<void> {
    await run(this.pool, 'insertSession', { ...session });
  }

  async getSessionByAccessHash(hash: string): Promise<SessionRecord | null> {
    const row = (await run<SessionRow>(this.pool, 'getSessionByAccessHash', { hash })).rows[0];
    return row ? toSession(row) : null;
  }

  async getSessionByRefreshHash(hash: string): Promise<(SessionRecord & { matched: 'current' | 'previous' }) | null> {
    const row = (await run<SessionRow & { matched: 'current' | 'previous' }>(this.pool, 'getSessionByRefreshHash', { hash })).rows[0];
    return row ? { ...toSession(row), matched: row.matched } : null;
  }

  async rotateSession(r: SessionRotation): Promise<boolean> {
    return (await run(this.pool, 'rotateSession', { ...r })).rowCount === 1;
  }

  async revokeSession(id: string, at: number): Promise<void> {
    await run(this.pool, 'revokeSession', { id, revokedAt: at });
  }

  async revokeUserSessions(userId: string, at: number): Promise<void> {
    await run(this.pool, 'revokeUserSessions', { userId, revokedAt: at });
  }
}
