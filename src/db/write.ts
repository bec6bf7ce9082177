import { collections, type CollectionName, type DocOf } from '../domain/collections';
import type { AppDatabase } from './database';

export interface Author {
  userId: string;
  deviceId: string;
}

/**
 * The one way the app writes a document: stamp who and which device, validate
 * with the shared zod schema (the server checks the same schema), then write
 * locally. Replication moves it to the server later.
 */
export async function insertDoc<C extends CollectionName>(
  db: AppDatabase,
  name: C,
  fields: Omit<DocOf<C>, 'updatedAt' | 'updatedBy' | 'deviceId'>,
  author: Author,
): Promise<DocOf<C>> {
  const doc = collections[name].schema.parse({
    ...fields,
    updatedAt: new Date().toISOString(),
    updatedBy: author.userId,
    deviceId: author.deviceId,
  }) as DocOf<C>;
  await (db[name] as unknown as { insert(d: unknown): Promise<unknown> }).insert(doc);
  return doc;
}
