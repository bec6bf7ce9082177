import type { Role } from '../roles';
import { SENSITIVE_STAFF_FIELDS } from '../schemas/staff';

/**
 * Confidential staff fields (DOMAIN.md "Confidentiality"): ID number, phone and
 * pay are shown masked (e.g. `1101**********1234`) to everyone but HR-capable
 * roles. One rule for the app (what a view shows) and the sync server (what a
 * pull sends, and what a push may change), so they never disagree.
 */

export type SensitiveField = (typeof SENSITIVE_STAFF_FIELDS)[number];
export const sensitiveFields: readonly SensitiveField[] = SENSITIVE_STAFF_FIELDS;

/** Per field, the roles that see it in clear. */
export type SensitiveAccess = Readonly<Record<SensitiveField, readonly Role[]>>;

/**
 * The default: only administrators (the HR-capable role) see these fields in
 * clear; managers see them masked unless the organisation grants them more.
 */
export const defaultSensitiveAccess: SensitiveAccess = {
  idNumber: ['admin'],
  phone: ['admin'],
  monthlyWage: ['admin'],
};

/** The access in force: an organisation's grants field by field on top of the default. */
export function resolveSensitiveAccess(grants?: Partial<Record<SensitiveField, readonly Role[]>>): SensitiveAccess {
  return { ...defaultSensitiveAccess, ...grants };
}

export function canSeeSensitive(role: Role, field: SensitiveField, access: SensitiveAccess = defaultSensitiveAccess): boolean {
  return access[field].includes(role);
}

/** The sensitive fields this role sees in clear. */
export function visibleSensitiveFields(role: Role, access: SensitiveAccess = defaultSensitiveAccess): SensitiveField[] {
  return sensitiveFields.filter((f) => canSeeSensitive(role, f, access));
}

export const MASK_CHAR = '*';

/** Keeps `start` leading and `end` trailing characters; a value too short for that keeps at most its last quarter. */
export function maskMiddle(value: string, start: number, end: number): string {
  const chars = [...value];
  if (chars.length === 0) return '';
  let keepStart = start;
  let keepEnd = end;
  if (keepStart + keepEnd >= chars.length) {
    keepStart = 0;
    keepEnd = Math.floor(chars.length / 4);
  }
  return chars.map((c, i) => (i < keepStart || i >= chars.length - keepEnd ? c : MASK_CHAR)).join('');
}

/** 18-character ID number: region prefix and last four stay, `1101**********1234`. */
export function maskIdNumber(value: string): string {
  return maskMiddle(value, 4, 4);
}

/** Mobile number: `138****5678`. */
export function maskPhone(value: string): string {
  return maskMiddle(value, 3, 4);
}

/** Whether a value is a masked copy (a redacted pull sends these; a push must not store them as real data). */
export function isMaskedValue(value: unknown): boolean {
  return typeof value === 'string' && value.includes(MASK_CHAR);
}

type SensitiveParts = { [F in SensitiveField]?: F extends 'monthlyWage' ? number : string };

/**
 * What a role may receive of a staff document: ID number and phone masked,
 * pay left out (a number has no masked form that still validates).
 */
export function redactStaff<T extends SensitiveParts>(doc: T, role: Role, access: SensitiveAccess = defaultSensitiveAccess): T {
  const out: T = { ...doc };
  if (out.idNumber !== undefined && !canSeeSensitive(role, 'idNumber', access)) out.idNumber = maskIdNumber(out.idNumber);
  if (out.phone !== undefined && !canSeeSensitive(role, 'phone', access)) out.phone = maskPhone(out.phone);
  if (!canSeeSensitive(role, 'monthlyWage', access)) delete out.monthlyWage;
  return out;
}

/**
 * A write by a role that cannot see a field must not change it: the field
 * keeps its stored value (the writer only ever had the masked copy, or none).
 * A new record (nothing stored) keeps what the writer entered, so a manager
 * can still enter a new hire's ID number.
 */
export function keepHiddenSensitive<T extends SensitiveParts>(
  stored: T | undefined,
  incoming: T,
  role: Role,
  access: SensitiveAccess = defaultSensitiveAccess,
): T {
  if (!stored) return incoming;
  const out: T = { ...incoming };
  for (const field of sensitiveFields) {
    if (canSeeSensitive(role, field, access)) continue;
    if (stored[field] === undefined) delete out[field];
    else (out as SensitiveParts)[field] = stored[field] as never;
  }
  return out;
}

/** How a view shows one sensitive value to this role: in clear, masked, or hidden (pay). */
export function displaySensitive(
  role: Role,
  field: SensitiveField,
  value: string | number | undefined,
  access: SensitiveAccess = defaultSensitiveAccess,
): { text: string; masked: boolean } {
  if (value === undefined || value === '') return { text: '', masked: false };
  if (canSeeSensitive(role, field, access)) return { text: String(value), masked: false };
  if (field === 'monthlyWage') return { text: MASK_CHAR.repeat(4), masked: true };
  return { text: field === 'idNumber' ? maskIdNumber(String(value)) : maskPhone(String(value)), masked: true };
}
