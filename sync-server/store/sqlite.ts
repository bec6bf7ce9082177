import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role } from '../../src/domain/roles';
import { loadMigrations, loadNamedStatements } from './sql';
import type {
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

interface DocRow {
  collection: string;
  id: string;
  seq: number;
  site_id: string;
  deleted: number;
  data: string;
}
interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  site_ids: string;
  password_hash: string;
  disabled: number;
}
interface SessionRow {
  id: string;
  user_id: string;
  access_expires_at: number;
  refresh_expires_at: number;
  rotated_at: number | null;
  created_at: number;
  revoked_at: number | null;
}
interface RejectionRow {
  id: number;
  user_id: string;
  device_id: string | null;
  collection: string;
  doc_id: string | null;
  reason: string;
  raw: string;
  created_at: string;
}

const toDoc = (r: DocRow): StoredDoc => ({
  collection: r.collection,
  id: r.id,
  seq: r.seq,
  siteId: r.site_id,
  deleted: r.deleted === 1,
  data: JSON.parse(r.data) as Record<string, unknown>,
});
const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  siteIds: JSON.parse(r.site_ids) as string[],
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
});
const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  userId: r.user_id,
  accessExpiresAt: r.access_expires_at,
  refreshExpiresAt: r.refresh_expires_at,
  rotatedAt: r.rotated_at,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

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

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
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
      for (const w of plan.writes) {
        const { value: seq } = this.stmt('nextSeq').get() as { value: number };
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
    return (rows as RejectionRow[]).map((r) => ({
      id: r.id,
      userId: r.user_id,
      deviceId: r.device_id,
      collection: r.collection,
      docId: r.doc_id,
      reason: r.reason,
      raw: JSON.parse(r.raw) as unknown,
      createdAt: r.created_at,
    }));
  }

  async countUsers(): Promise<number> {
    return (this.stmt('countUsers').get() as { n: number }).n;
  }

  async insertUser(user: NewUser): Promise<void> {
    this.stmt('insertUser').run({ ...user, siteIds: JSON.stringify(user.siteIds), disabled: 0 });
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

export function openSqliteStore(dataDir: string): SqliteStore {
  return new SqliteStore(`${dataDir}/hall-ops.sqlite`);
}
