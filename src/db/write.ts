import { validateDocument, type CollectionName, type DocOf } from '../domain/collections';
import type { AppDatabase } from './database';

export interface Author {
  userId: string;
  deviceId: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A document as a feature writes it: who and which device are stamped here. */
export type NewDoc<C extends CollectionName> = DistributiveOmit<DocOf<C>, 'updatedAt' | 'updatedBy' | 'deviceId'>;

/** A document that fails the shared schema; `reason` names the fields, in English (shown to admins, logged). */
export class InvalidDocumentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidDocumentError';
  }
}

/**
 * The one way the app writes a document: stamp who and which device, validate
 * with the shared zod schema (the server checks the same one), then write
 * locally. Replication moves it to the server later.
 */
export async function insertDoc<C extends CollectionName>(
  db: AppDatabase,
  name: C,
  fields: NewDoc<C>,
  author: Author,
): Promise<DocOf<C>> {
  const doc = validated(name, { ...fields, updatedAt: new Date().toISOString(), updatedBy: author.userId, deviceId: author.deviceId });
  await (db[name] as unknown as { insert(d: unknown): Promise<unknown> }).insert(doc);
  return doc;
}

/** Replaces a document (last write wins on the server), stamping the author anew. */
export async function upsertDoc<C extends CollectionName>(
  db: AppDatabase,
  name: C,
  fields: NewDoc<C>,
  author: Author,
): Promise<DocOf<C>> {
  const doc = validated(name, { ...fields, updatedAt: new Date().toISOString(), updatedBy: author.userId, deviceId: author.deviceId });
  await (db[name] as unknown as { upsert(d: unknown): Promise<unknown> }).upsert(doc);
  return doc;
}

function validated<C extends CollectionName>(name: C, doc: unknown): DocOf<C> {
  const result = validateDocument(name, doc);
  if (!result.ok) throw new InvalidDocumentError(result.reason);
  return result.doc;
}
