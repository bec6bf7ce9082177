import { validateDocument, type CollectionName, type DocOf } from '../domain/collections';
import type { AppDatabase } from './database';
import { outboxId, type DeviceLogEntry } from './device-log';

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
  await keepingOutbox(db, name, doc, () => (db[name] as unknown as { insert(d: unknown): Promise<unknown> }).insert(doc));
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
  await keepingOutbox(db, name, doc, () => (db[name] as unknown as { upsert(d: unknown): Promise<unknown> }).upsert(doc));
  return doc;
}

/**
 * Runs a write whose outbox entry is made before it is stored (see
 * trackLocalWrites); if the write fails, the entry it made is put back as it was.
 */
async function keepingOutbox(db: AppDatabase, name: CollectionName, doc: { id: string; updatedAt: string }, write: () => Promise<unknown>): Promise<void> {
  const id = outboxId(name, doc.id);
  const before = (await db.devicelog.findOne(id).exec())?.toJSON() as DeviceLogEntry | undefined;
  try {
    await write();
  } catch (err) {
    const now = await db.devicelog.findOne(id).exec();
    if (now && now.updatedAt === doc.updatedAt) {
      if (before) await db.devicelog.upsert(before);
      else await now.remove();
    }
    throw err;
  }
}

function validated<C extends CollectionName>(name: C, doc: unknown): DocOf<C> {
  const result = validateDocument(name, doc);
  if (!result.ok) throw new InvalidDocumentError(result.reason);
  return result.doc;
}
