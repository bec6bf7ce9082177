import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { auditEntries, ChainVerifier, documentHash, GENESIS_HASH, mediaHashesIn } from '../audit/chain';
import { toAudit, toClock, toDevice, toDoc, toMediaInfo, toMediaRef, toRejection, toSession, toUser, userParams } from './rows';
import type { AuditRow, ClockRow, DeviceRow, DocRow, MediaRefRow, MediaRow, RejectionRow, SessionRow, UserRow } from './rows';
import { loadMigrations, loadNamedStatements } from './sql';
import type {
  AuditRecord,
  AuditVerification,
  ClockReading,
  DeviceRecord,
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

/** Where a media file lives: media/ab/cdef… (256 folders keep directories small). */
export function mediaPath(mediaDir: string, hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a media hash');
  return join(mediaDir, hash.slice(0, 2), hash.slice(2));
}

/** Brings the database to the newest schema; each migration runs in its own transaction. */
function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of loadMigrations()) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/**
 * The embedded store: one better-sqlite3 connection per process. SQLite has a
 * single writer and better-sqlite3 is synchronous, so a push transaction cannot
 * interleave with another and sequence numbers follow commit order.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly q: Record<string, Database.Statement>;
  /** Media bytes live in files beside the database. */
  readonly mediaDir: string;

  constructor(
    readonly file: string,
    options: { mediaDir?: string } = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.mediaDir = options.mediaDir ?? join(file === ':memory:' ? '.' : dirname(file), 'media');
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // WAL + synchronous=NORMAL: a committed transaction survives the process being
    // killed (SIGKILL, crash) because the WAL is in the OS page cache; only a power
    // loss or OS crash can lose the last commits. FULL would also cover power loss
    // at the cost of an fsync per commit.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    const statements = loadNamedStatements('queries.sql');
    this.q = Object.fromEntries([...statements].map(([name, sql]) => [name, this.db.prepare(sql)]));
  }

  private stmt(name: string): Database.Statement {
    const s = this.q[name];
    if (!s) throw new Error(`No SQL statement named ${name}`);
    return s;
  }

  async ping(): Promise<void> {
    this.stmt('ping').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** The connection itself, for whole-database tools (copy-to-postgres). */
  raw(): Database.Database {
    return this.db;
  }

  /** An online, consistent copy of the database (better-sqlite3's backup API: writes may go on meanwhile). */
  async backupTo(target: string): Promise<void> {
    await this.db.backup(target);
  }

  async pull(query: PullQuery): Promise<StoredDoc[]> {
    const params = { collection: query.collection, afterSeq: query.afterSeq, limit: query.limit };
    const rows =
      query.sites === 'all'
        ? this.stmt('pullAll').all(params)
        : this.stmt('pullScoped').all({ ...params, siteIds: JSON.stringify(query.sites) });
    return (rows as DocRow[]).map(toDoc);
  }

  async applyPush(input: PushInput): Promise<PushResult> {
    const run = this.db.transaction((): PushResult => {
      const masters = new Map<string, StoredDoc>();
      for (const id of new Set(input.ids)) {
        const row = this.stmt('getDocument').get({ collection: input.collection, id }) as DocRow | undefined;
        if (row) masters.set(id, toDoc(row));
      }
      const plan = input.plan(masters);
      const createdAt = input.now.toISOString();
      if (plan.kind === 'reject') {
        for (const r of plan.rejections) {
          this.stmt('insertRejection').run({
            userId: input.actor.userId,
            deviceId: input.actor.deviceId ?? r.deviceId ?? null,
            collection: input.collection,
            docId: r.docId,
            reason: r.reason,
            raw: JSON.stringify(r.raw) ?? 'null',
            createdAt,
          });
        }
        return { kind: 'rejected', rejections: plan.rejections };
      }
      const written: StoredDoc[] = [];
      const sequenced: { write: (typeof plan.writes)[number]; seq: number }[] = [];
      for (const w of plan.writes) {
        const { value: seq } = this.stmt('nextSeq').get() as { value: number };
        sequenced.push({ write: w, seq });
        this.stmt('upsertDocument').run({
          collection: input.collection,
          id: w.id,
          seq,
          siteId: w.siteId,
          deleted: w.deleted ? 1 : 0,
          data: JSON.stringify(w.data),
          updatedAt: w.updatedAt,
          writtenBy: input.actor.userId,
          writtenDevice: input.actor.deviceId ?? (typeof w.data.deviceId === 'string' ? w.data.deviceId : null),
        });
        written.push({ collection: input.collection, id: w.id, seq, siteId: w.siteId, deleted: w.deleted, data: w.data });
        this.stmt('deleteMediaRefsOfDoc').run({ collection: input.collection, docId: w.id });
        for (const hash of mediaHashesIn(w.data)) this.stmt('insertMediaRef').run({ hash, collection: input.collection, docId: w.id });
      }
      if (sequenced.length > 0) {
        const last = this.stmt('getLastAudit').get() as { hash: string } | undefined;
        for (const e of auditEntries(sequenced, masters, input.actor, input.collection, createdAt, last?.hash ?? GENESIS_HASH)) {
          this.stmt('insertAudit').run({ ...e, fields: JSON.stringify(e.fields) });
        }
      }
      return { kind: 'applied', written, conflicts: plan.conflicts };
    });
    // IMMEDIATE takes the write lock up front, so reading the masters and writing are one atomic step.
    return run.immediate();
  }

  async listRejections(query: RejectionQuery): Promise<RejectionRecord[]> {
    const params = { limit: query.limit, beforeId: query.beforeId ?? Number.MAX_SAFE_INTEGER };
    const rows =
      query.userId === null
        ? this.stmt('listRejectionsAll').all(params)
        : this.stmt('listRejectionsOfUser').all({ ...params, userId: query.userId });
    return (rows as RejectionRow[]).map(toRejection);
  }

  async getDocuments(collection: string, ids: readonly string[]): Promise<StoredDoc[]> {
    const out: StoredDoc[] = [];
    for (const id of new Set(ids)) {
      const row = this.stmt('getDocument').get({ collection, id }) as DocRow | undefined;
      if (row) out.push(toDoc(row));
    }
    return out;
  }

  async schemaVersion(): Promise<number> {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async auditHistory(collection: string, docId: string): Promise<AuditRecord[]> {
    return (this.stmt('auditHistory').all({ collection, docId }) as AuditRow[]).map(toAudit);
  }

  async verifyAudit(): Promise<AuditVerification> {
    const verifier = new ChainVerifier();
    // Read inside one transaction so the log and the documents are one snapshot.
    return this.db.transaction(() => {
      let afterSeq = 0;
      for (;;) {
        const page = (this.stmt('auditPage').all({ afterSeq, limit: 5000 }) as AuditRow[]).map(toAudit);
        for (const e of page) verifier.add(e);
        if (page.length < 5000) break;
        afterSeq = page[page.length - 1].seq;
      }
      const hashes = new Map<string, string>();
      for (const r of this.stmt('allDocuments').iterate() as Iterable<{ collection: string; id: string; deleted: number; data: string }>) {
        hashes.set(`${r.collection}\u0000${r.id}`, documentHash(JSON.parse(r.data) as Record<string, unknown>, r.deleted === 1));
      }
      return verifier.finish((c, id) => hashes.get(`${c}\u0000${id}`));
    })();
  }

  async putMedia(media: NewMedia): Promise<'created' | 'exists'> {
    const path = mediaPath(this.mediaDir, media.hash);
    // Known and on disk: nothing to do. Known but missing (a partial restore): the upload brings it back.
    if (this.stmt('getMediaInfo').get({ hash: media.hash }) && existsSync(path)) return 'exists';
    mkdirSync(dirname(path), { recursive: true });
    // Write then rename: a crash never leaves a half-written file under the hash's name.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, media.bytes);
    renameSync(tmp, path);
    const { bytes: _bytes, ...info } = media;
    return this.stmt('insertMedia').run(info).changes === 1 ? 'created' : 'exists';
  }

  async getMediaInfo(hash: string): Promise<MediaInfo | null> {
    const r = this.stmt('getMediaInfo').get({ hash }) as MediaRow | undefined;
    return r ? toMediaInfo(r) : null;
  }

  async readMedia(hash: string): Promise<Buffer | null> {
    const path = mediaPath(this.mediaDir, hash);
    return existsSync(path) ? readFileSync(path) : null;
  }

  async mediaReferences(hash: string, limit: number): Promise<{ collection: string; docId: string }[]> {
    return (this.stmt('mediaReferences').all({ hash, limit }) as MediaRefRow[]).map(toMediaRef);
  }

  async insertDevice(device: NewDevice, user: NewUser): Promise<void> {
    this.db.transaction(() => {
      this.stmt('insertUser').run({ ...userParams(user), disabled: 0 });
      this.stmt('insertDevice').run({ ...device });
    })();
  }

  async getDevice(id: string): Promise<DeviceRecord | null> {
    const row = this.stmt('getDevice').get({ id }) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async getDeviceByCredentialHash(hash: string): Promise<DeviceRecord | null> {
    const row = this.stmt('getDeviceByCredentialHash').get({ hash }) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async listDevices(sites: 'all' | readonly string[]): Promise<DeviceRecord[]> {
    const rows = sites === 'all' ? this.stmt('listDevicesAll').all() : this.stmt('listDevicesScoped').all({ siteIds: JSON.stringify(sites) });
    return (rows as DeviceRow[]).map(toDevice);
  }

  async revokeDevice(id: string, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.stmt('revokeDevice').run({ id, revokedAt: at }).changes !== 1) return false;
      const userId = `device:${id}`;
      this.stmt('disableUser').run({ id: userId });
      this.stmt('revokeUserSessions').run({ userId, revokedAt: Date.parse(at) });
      return true;
    })();
  }

  async recordClock(reading: ClockReading): Promise<void> {
    this.stmt('upsertClock').run({ ...reading });
  }

  async getClock(deviceId: string): Promise<ClockReading | null> {
    const r = this.stmt('getClock').get({ deviceId }) as ClockRow | undefined;
    return r ? toClock(r) : null;
  }

  async countUsers(): Promise<number> {
    return (this.stmt('countUsers').get() as { n: number }).n;
  }

  async insertUser(user: NewUser): Promise<void> {
    this.stmt('insertUser').run({ ...userParams(user), disabled: 0 });
  }

  async getUserByUsername(username: string): Promise<UserRecord | null> {
    const row = this.stmt('getUserByUsername').get({ username }) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async getUserById(id: string): Promise<UserRecord | null> {
    const row = this.stmt('getUserById').get({ id }) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async insertSession(session: NewSession): Promise<void> {
    this.stmt('insertSession').run({ ...session });
  }

  async getSessionByAccessHash(hash: string): Promise<SessionRecord | null> {
    const row = this.stmt('getSessionByAccessHash').get({ hash }) as SessionRow | undefined;
    return row ? toSession(row) : null;
  }

  async getSessionByRefreshHash(hash: string): Promise<(SessionRecord & { matched: 'current' | 'previous' }) | null> {
    const row = this.stmt('getSessionByRefreshHash').get({ hash }) as (SessionRow & { matched: 'current' | 'previous' }) | undefined;
    return row ? { ...toSession(row), matched: row.matched } : null;
  }

  async rotateSession(r: SessionRotation): Promise<boolean> {
    return this.stmt('rotateSession').run({ ...r }).changes === 1;
  }

  async revokeSession(id: string, at: number): Promise<void> {
    this.stmt('revokeSession').run({ id, revokedAt: at });
  }

  async revokeUserSessions(userId: string, at: number): Promise<void> {
    this.stmt('revokeUserSessions').run({ userId, revokedAt: at });
  }
}

export const SQLITE_FILE = 'hall-ops.sqlite';

export function openSqliteStore(dataDir: string): SqliteStore {
  return new SqliteStore(join(dataDir, SQLITE_FILE), { mediaDir: join(dataDir, 'media') });
}
