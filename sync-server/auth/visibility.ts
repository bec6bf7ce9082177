import type { SessionUser } from '../../src/domain/roles';
import { isDeviceUser } from '../../src/domain/protocol';
import { isMaskedValue, keepHiddenSensitive, redactStaff, sensitiveFields, canSeeSensitive } from '../../src/domain/rules/sensitive';

/**
 * Field-level visibility of staff records (DOMAIN.md "Confidentiality").
 * Which role sees ID number, phone and pay is decided by
 * src/domain/rules/sensitive.ts (masked ID number and phone, pay left out);
 * the kiosk PIN hash goes only to kiosk tablets of the person's site and to
 * administrators, because it is what a PIN guess is checked against.
 */

type Doc = Record<string, unknown>;

export function canSeePin(user: SessionUser, staff: Doc): boolean {
  if (user.role === 'admin' && !isDeviceUser(user)) return true;
  return isDeviceUser(user) && typeof staff.siteId === 'string' && user.siteIds.includes(staff.siteId);
}

/**
 * What a kiosk tablet receives of a staff record: what finds the person (name,
 * pinyin initials, staff number, badge), checks them (the PIN hash, see
 * `canSeePin`) and says where they work. Nothing of the personnel file (ID
 * number, phone, pay, contract, documents, transfers): a hall tablet is a
 * shared device. Certificates go as an empty list, the form the schema needs.
 */
const KIOSK_STAFF_FIELDS = ['id', 'siteId', 'updatedAt', 'updatedBy', 'deviceId', 'receivedAt', 'staffNo', 'name', 'pinyinInitials', 'gender', 'postId', 'status', 'badgeCode'];

function kioskStaff(user: SessionUser, data: Doc): Doc {
  const out: Doc = { certificates: [] };
  for (const key of KIOSK_STAFF_FIELDS) if (data[key] !== undefined) out[key] = data[key];
  if (data.pin !== undefined && canSeePin(user, data)) out.pin = data.pin;
  return out;
}

/** Whether this user receives documents of the collection with fields removed or masked. */
export function needsRedaction(user: SessionUser, collection: string): boolean {
  return collection === 'staff' && (user.role !== 'admin' || isDeviceUser(user));
}

/** The document as this user may receive it (pull, stream, push answers). */
export function visibleTo(user: SessionUser, collection: string, data: Doc): Doc {
  if (!needsRedaction(user, collection)) return data;
  if (isDeviceUser(user)) return kioskStaff(user, data);
  const out: Doc = redactStaff(data as Parameters<typeof redactStaff>[0], user.role) as Doc;
  if (out.pin !== undefined && !canSeePin(user, data)) delete out.pin;
  return out;
}

/**
 * A pushed staff record from a role that cannot see some fields carries
 * masked or missing values for them: the stored values are put back before
 * validation, so such a push never wipes or corrupts them. A PIN is write-only
 * for managers: a new PIN hash is taken, a missing one keeps the stored PIN.
 * Returns a reason when the document still carries a masked value (a new
 * record copied from a masked one), which must not be stored as real data.
 */
export function mergeHiddenFields(user: SessionUser, collection: string, incoming: Doc, master: Doc | undefined): { doc: Doc } | { reason: string } {
  if (collection !== 'staff') return { doc: incoming };
  const merged: Doc = master ? (keepHiddenSensitive(master as never, incoming as never, user.role) as Doc) : { ...incoming };
  if (master && merged.pin === undefined && master.pin !== undefined && !canSeePin(user, master)) merged.pin = master.pin;
  for (const field of sensitiveFields) {
    if (!canSeeSensitive(user.role, field) && isMaskedValue(merged[field])) {
      return { reason: `The field "${field}" holds a masked value; only a role that sees it may set it.` };
    }
  }
  return { doc: merged };
}
