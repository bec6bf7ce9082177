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
  /** The current masters of some documents (missing ids are left out), e.g. the staff records a push refers to. */
  getDocuments(collection: string, ids: readonly string[]): Promise<StoredDoc[]>;
  /**
   * Changes committed by OTHER server processes on the same database (PostgreSQL
   * LISTEN/NOTIFY), so this process can fan them out to its own SSE clients.
   * Absent for stores that have one process (SQLite).
   */
  onRemoteChanges?(listener: (batch: { collection: string; docs: StoredDoc[] }) => void): () => void;
  /** The schema version the database is at (after the migrations run at open). */
  schemaVersion(): Promise<number>;

  /** The audit log of one document, oldest first. */
  auditHistory(collection: string, docId: string): Promise<AuditRecord[]>;
  /** Recomputes the whole hash chain and checks it and the current documents against it. */
  verifyAudit(): Promise<AuditVerification>;

  /** Stores media bytes by their SHA-256 (already checked by the caller); 'exists' when they were stored before. */
  putMedia(media: NewMedia): Promise<'created' | 'exists'>;
  getMediaInfo(hash: string): Promise<MediaInfo | null>;
  readMedia(hash: string): Promise<Buffer | null>;
  /** Documents that refer to a media hash (recorded when they are written). */
  mediaReferences(hash: string, limit: number): Promise<{ collection: string; docId: string }[]>;

  /** Enrols a kiosk device together with its session user (one transaction). */
  insertDevice(device: NewDevice, user: NewUser): Promise<void>;
  getDevice(id: string): Promise<DeviceRecord | null>;
  getDeviceByCredentialHash(hash: string): Promise<DeviceRecord | null>;
  listDevices(sites: 'all' | readonly string[]): Promise<DeviceRecord[]>;
  /** Revokes a device: marks it, disables its user and ends its sessions (one transaction). False if unknown or already revoked. */
  revokeDevice(id: string, at: string): Promise<boolean>;
  /** The latest clock reading of a device (browser or kiosk); one row per device. */
  recordClock(reading: ClockReading): Promise<void>;
  getClock(deviceId: string): Promise<ClockReading | null>;

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
  /** The stored JSON text of `data`, when the document was read from the database. */
  readonly json?: string;
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
  /** The staff record of a user who also works on the floor. */
  staffId?: string;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteIds: string[];
  passwordHash: string;
  disabled: boolean;
  staffId?: string;
}

/** One accepted write in the append-only, hash-chained audit log. `seq` is the write's document sequence number. */
export interface AuditRecord {
  seq: number;
  at: string;
  userId: string;
  deviceId: string | null;
  collection: string;
  docId: string;
  action: 'create' | 'update' | 'delete';
  /** Top-level fields that changed (names only: values of sensitive fields never enter the log). */
  fields: string[];
  docHash: string;
  prevHash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Audit rows checked. */
  checked: number;
  /** What is wrong, first problems first (at most 100). */
  problems: { seq: number | null; collection?: string; docId?: string; problem: string }[];
}

export interface NewMedia {
  hash: string;
  contentType: string;
  size: number;
  bytes: Buffer;
  uploadedBy: string;
  createdAt: string;
}

export interface MediaInfo {
  hash: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  createdAt: string;
}

export interface NewDevice {
  id: string;
  siteId: string;
  name: string;
  /** sha256 of the credential; the credential itself is shown once and never stored. */
  credentialHash: string;
  createdAt: string;
  createdBy: string;
}

export interface DeviceRecord {
  id: string;
  siteId: string;
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  /** From the device's latest clock reading. */
  lastSeenAt: string | null;
  clockOffsetMs: number | null;
}

export interface ClockReading {
  deviceId: string;
  userId: string;
  /** Device clock minus server clock at the server's receive time. */
  offsetMs: number;
  /** Server time of the reading (ISO). */
  at: string;
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
