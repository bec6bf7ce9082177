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
