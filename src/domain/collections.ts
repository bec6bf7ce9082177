import type { z } from 'zod';
import { attendanceEventSchema } from './schemas/attendance';
import { siteSchema } from './schemas/site';
import { staffSchema } from './schemas/staff';

/**
 * The replicated collections: one registry that the RxDB database, the sync
 * server's routes and its validation all read, so a collection is declared once.
 * See docs/adr/ for why documents are grouped the way they are.
 */
export interface CollectionSpec<S extends z.ZodObject = z.ZodObject> {
  name: string;
  schema: S;
  /** Bumped with a migration strategy in src/db when the stored shape changes. */
  version: number;
  /** RxDB indexes; every indexed field must be required (Dexie cannot index optional fields). */
  indexes: (string | string[])[];
  /** Documents are never changed after creation (attendance events). */
  appendOnly?: boolean;
}

export const collections = {
  sites: { name: 'sites', schema: siteSchema, version: 0, indexes: [] },
  staff: { name: 'staff', schema: staffSchema, version: 0, indexes: ['siteId', 'staffNo'] },
  attendance: {
    name: 'attendance',
    schema: attendanceEventSchema,
    version: 0,
    indexes: [['siteId', 'deviceTime'], ['staffId', 'deviceTime']],
    appendOnly: true,
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof collections;
export const collectionNames = Object.keys(collections) as CollectionName[];
export type DocOf<C extends CollectionName> = z.infer<(typeof collections)[C]['schema']>;

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(collections, name);
}
