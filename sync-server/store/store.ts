import type { Role } from '../../src/domain/roles';

/**
 * The server's persistence boundary. Every method is async so a PostgreSQL
 * implementation can follow with the same contract; `store.conformance.ts`
 * holds the tests any implementation must pass.
 */
export interface Store {
  /** Throws when the database cannot answer (used by /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Documents of one collection with seq > afterSeq, in seq order, limited to the scope. */
  pull(query: PullQuery): Promise<StoredDoc[]>;
  /**
   * Runs a push in ONE transaction: loads the current masters of `ids`, asks
   * `plan` (a pure function) what to do, then either records the rejections
   * (and nothing else) or writes the documents, each with the next sequence number.
   */
  applyPush(input: PushInput): Promise<PushResult>;
  listRejections(query: RejectionQuery): Promise<RejectionRecord[]>;

  countUsers(): Promise<number>;
  insertUser(user: NewUser): Promise<void>;
  getUserByUsername(username: string): Promise<UserRecord | null>;
  getUserById(id: string): Promise<UserRecord | null>;

  insertSession(session: NewSession): Promise<void>;
  getSessionByAccessHash(hash: string): Promise<SessionRecord | null>;
  /** `matched` tells whether the hash is the current refresh token or the one it replaced. */
  getSessionByRefreshHash(hash: string): Promise<(SessionRecord & { matched: 'current' | 'previous' }) | null>;
  /** Replaces both tokens if the session still holds `presentedHash`; false when it lost a race or was revoked. */
  rotateSession(rotation: SessionRotation): Promise<boolean>;
  revokeSession(id: string, at: number): Promise<void>;
  revokeUserSessions(userId: string, at: number): Promise<void>;
}

/** A document as stored: the validated JSON (`data`, without `_deleted`) plus bookkeeping. */
export interface StoredDoc {
  collection: string;
  id: string;
  seq: number;
  siteId: string;
  deleted: boolean;
  data: Record<string, unknown>;
}

export interface PullQuery {
  collection: string;
  afterSeq: number;
  limit: number;
  /** 'all' for organisation-wide users; otherwise site ids (documents of site '*' are always included). */
  sites: 'all' | readonly string[];
}

export interface DocWrite {
  id: string;
  siteId: string;
  deleted: boolean;
  data: Record<string, unknown>;
  updatedAt: string;
}

export interface NewRejection {
  docId: string | null;
  reason: string;
  /** The device the document claims to come from (used when the request names none). */
  deviceId?: string | null;
  /** The row as the client sent it. */
  raw: unknown;
}

export type PushPlan =
  | { kind: 'reject'; rejections: NewRejection[] }
  | { kind: 'apply'; writes: DocWrite[]; conflicts: StoredDoc[] };

export interface PushInput {
  collection: string;
  /** Ids whose masters the plan needs (documents not found are simply absent from the map). */
  ids: readonly string[];
  actor: { userId: string; deviceId: string | null };
  now: Date;
  plan(masters: ReadonlyMap<string, StoredDoc>): PushPlan;
}

export type PushResult =
  | { kind: 'rejected'; rejections: NewRejection[] }
  | { kind: 'applied'; written: StoredDoc[]; conflicts: StoredDoc[] };

export interface RejectionQuery {
  /** null = every user's rejections (administrators). */
  userId: string | null;
  limit: number;
  /** Paging: only rejections with a smaller id. */
  beforeId?: number;
}

export interface RejectionRecord {
  id: number;
  userId: string;
  deviceId: string | null;
  collection: string;
  docId: string | null;
  reason: string;
  raw: unknown;
  createdAt: string;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteIds: string[];
  passwordHash: string;
  createdAt: string;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteIds: string[];
  passwordHash: string;
  disabled: boolean;
}

/** Times are epoch milliseconds. */
export interface NewSession {
  id: string;
  userId: string;
  accessHash: string;
  accessExpiresAt: number;
  refreshHash: string;
  refreshExpiresAt: number;
  createdAt: number;
}

export interface SessionRecord {
  id: string;
  userId: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  rotatedAt: number | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface SessionRotation {
  id: string;
  presentedHash: string;
  accessHash: string;
  accessExpiresAt: number;
  refreshHash: string;
  refreshExpiresAt: number;
  rotatedAt: number;
}
