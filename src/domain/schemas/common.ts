import { z } from 'zod';

/** Identifiers made on the device (UUIDv7) or derived deterministically; bounded so they can be indexed. */
export const idSchema = z.string().min(1).max(100);
/** An instant in UTC, ISO 8601 with a trailing Z (what `Date#toISOString` gives). */
export const instantSchema = z.iso.datetime({ offset: false });
/** A calendar day in the site's time zone: YYYY-MM-DD. */
export const daySchema = z.iso.date();
/** Minutes after midnight in the site's time zone, e.g. 08:30 → 510. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** The scope value of documents that belong to the whole organisation rather than one site. */
export const ORG_WIDE = '*';

/**
 * Fields every replicated document carries. `siteId` is the permission scope
 * (ORG_WIDE for organisation-wide documents); `updatedAt` is stamped by the
 * server on every accepted write; `updatedBy` and `deviceId` make every change
 * attributable.
 */
export const docBase = {
  id: idSchema,
  siteId: idSchema,
  updatedAt: instantSchema,
  updatedBy: idSchema,
  deviceId: idSchema,
};

/** Fields only the server may set; a client's value is overwritten. */
export const SERVER_STAMPED_FIELDS = ['updatedAt', 'receivedAt'] as const;

/** A calendar month in the site's time zone: YYYY-MM. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
/** Photos, signatures and evidence are stored once by content and referenced by their SHA-256 (lower-case hex). */
export const mediaHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest (64 lower-case hex digits)');
export const mediaListSchema = z.array(mediaHashSchema).max(50);
/** A Yjs document state (`Y.encodeStateAsUpdate`) in base64; merged with `Y.mergeUpdates`, never overwritten. */
export const yjsUpdateSchema = z
  .string()
  .max(1_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
/** A score on the 0–100 scale the documents use. */
export const scoreSchema = z.number().min(0).max(100);
/** Free text a person typed. */
export const textSchema = z.string().max(2000);
/** A short display name or title. */
export const nameSchema = z.string().min(1).max(100);
/** An administrator's override of the official working-day calendar. */
export const calendarOverrideSchema = z
  .object({
    day: daySchema,
    working: z.boolean(),
    note: z.string().max(200).optional(),
  })
  .strict();
