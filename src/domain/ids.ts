import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { v7 as uuidv7 } from 'uuid';

/** RxDB primary keys and indexed strings are limited to this length (src/domain/rxdb-schema.ts). */
export const MAX_ID_LENGTH = 100;

/** A new time-ordered id for events and other documents made on the device. */
export function newId(): string {
  return uuidv7();
}

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += BASE64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/**
 * One part of a composite id. Lower-case UUIDs shrink from 36 to 23 characters
 * (`$` + 16 bytes in base64url) so ids built from several UUIDs stay readable;
 * everything else is URI-encoded. Neither form can contain `:` (the separator)
 * nor look like the other (`encodeURIComponent` escapes `$`), so the mapping is
 * one-to-one.
 */
function idPart(part: string): string {
  if (!CANONICAL_UUID.test(part)) return encodeURIComponent(part);
  const hex = part.replaceAll('-', '');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return `$${base64url(bytes)}`;
}

/**
 * A deterministic id: the same parts always give the same id, so two offline
 * devices creating "the same thing" produce one document that replication
 * merges instead of a duplicate. Readable (`prefix:part:part`) when it fits in
 * 100 characters; otherwise `prefix:#` + the SHA-256 of the parts in base64url
 * (`#` never appears in a readable id, so the two forms cannot collide).
 */
export function deterministicId(prefix: string, parts: readonly string[]): string {
  if (!/^[a-z][a-z-]{0,15}$/.test(prefix)) throw new Error(`Bad id prefix: ${prefix}`);
  const readable = [prefix, ...parts.map(idPart)].join(':');
  if (readable.length <= MAX_ID_LENGTH) return readable;
  return `${prefix}:#${base64url(sha256(utf8ToBytes(JSON.stringify(parts))))}`;
}

/** A roster slot: one per site, post, day and shift. */
export function rosterSlotId(siteId: string, postId: string, day: string, shiftId: string): string {
  return deterministicId('slot', [siteId, postId, day, shiftId]);
}

/** An exam result: one per exam, trainee and attempt. */
export function examResultId(examId: string, traineeId: string, attempt: number): string {
  return deterministicId('result', [examId, traineeId, String(attempt)]);
}

/** A certificate: one per course, person and issue day. */
export function certificateId(courseId: string, staffId: string, issuedOn: string): string {
  return deterministicId('cert', [courseId, staffId, issuedOn]);
}

/** A monthly performance review: one per person and month (YYYY-MM). */
export function reviewId(staffId: string, month: string): string {
  return deterministicId('review', [staffId, month]);
}

/** An inspection template version: a new version is a new document, so inspections keep theirs. */
export function templateVersionId(templateKey: string, version: number): string {
  return deterministicId('template', [templateKey, String(version)]);
}
