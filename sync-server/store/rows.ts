import type { Role } from '../../src/domain/roles';
import type { AuditRecord, ClockReading, DeviceRecord, MediaInfo, NewUser, RejectionRecord, SessionRecord, StoredDoc, UserRecord } from './store';

/** Database rows (snake_case) of both stores and their records. SQLite has 0/1 where PostgreSQL has booleans. */

export interface DocRow {
  collection: string;
  id: string;
  seq: number;
  site_id: string;
  deleted: number | boolean;
  data: string;
}
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  site_ids: string;
  password_hash: string;
  disabled: number | boolean;
  staff_id: string | null;
}
export interface AuditRow {
  seq: number;
  at: string;
  user_id: string;
  device_id: string | null;
  collection: string;
  doc_id: string;
  action: AuditRecord['action'];
  fields: string;
  doc_hash: string;
  prev_hash: string;
  hash: string;
}
export interface DeviceRow {
  id: string;
  site_id: string;
  name: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  offset_ms: number | null;
}
export interface SessionRow {
  id: string;
  user_id: string;
  access_expires_at: number;
  refresh_expires_at: number;
  rotated_at: number | null;
  created_at: number;
  revoked_at: number | null;
}
export interface RejectionRow {
  id: number;
  user_id: string;
  device_id: string | null;
  collection: string;
  doc_id: string | null;
  reason: string;
  raw: string;
  created_at: string;
}
export interface MediaRow {
  hash: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  created_at: string;
}
export interface MediaRefRow {
  collection: string;
  doc_id: string;
}
export interface ClockRow {
  device_id: string;
  user_id: string;
  offset_ms: number;
  at: string;
}

/**
 * A stored document from its row. `data` is parsed only when read, and the
 * stored text stays available as `json` (not enumerable): a pull that sends
 * documents unchanged copies the text instead of parsing and re-serialising it.
 */
export function toDoc(r: DocRow): StoredDoc {
  let parsed: Record<string, unknown> | undefined;
  const doc = { collection: r.collection, id: r.id, seq: r.seq, siteId: r.site_id, deleted: r.deleted === 1 || r.deleted === true } as StoredDoc;
  Object.defineProperty(doc, 'data', { enumerable: true, get: () => (parsed ??= JSON.parse(r.data) as Record<string, unknown>) });
  Object.defineProperty(doc, 'json', { enumerable: false, value: r.data });
  return doc;
}
export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  siteIds: JSON.parse(r.site_ids) as string[],
  passwordHash: r.password_hash,
  disabled: r.disabled === 1 || r.disabled === true,
  ...(r.staff_id ? { staffId: r.staff_id } : {}),
});
export const toAudit = (r: AuditRow): AuditRecord => ({
  seq: r.seq,
  at: r.at,
  userId: r.user_id,
  deviceId: r.device_id,
  collection: r.collection,
  docId: r.doc_id,
  action: r.action,
  fields: JSON.parse(r.fields) as string[],
  docHash: r.doc_hash,
  prevHash: r.prev_hash,
  hash: r.hash,
});
export const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  siteId: r.site_id,
  name: r.name,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
  clockOffsetMs: r.offset_ms,
});
export const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  userId: r.user_id,
  accessExpiresAt: r.access_expires_at,
  refreshExpiresAt: r.refresh_expires_at,
  rotatedAt: r.rotated_at,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});
export const toRejection = (r: RejectionRow): RejectionRecord => ({
  id: r.id,
  userId: r.user_id,
  deviceId: r.device_id,
  collection: r.collection,
  docId: r.doc_id,
  reason: r.reason,
  raw: JSON.parse(r.raw) as unknown,
  createdAt: r.created_at,
});
export const toMediaInfo = (r: MediaRow): MediaInfo => ({
  hash: r.hash,
  contentType: r.content_type,
  size: r.size,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});
export const toMediaRef = (r: MediaRefRow) => ({ collection: r.collection, docId: r.doc_id });
export const toClock = (r: ClockRow): ClockReading => ({ deviceId: r.device_id, userId: r.user_id, offsetMs: r.offset_ms, at: r.at });

/** A new user as the parameters of `insertUser`: site ids stored as JSON text. */
export const userParams = (user: NewUser) => ({ ...user, siteIds: JSON.stringify(user.siteIds), staffId: user.staffId ?? null });
