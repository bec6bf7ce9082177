import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { collectionNames, collections, type CollectionName, type DocOf } from '../domain/collections';
import { toRxJsonSchema } from '../domain/rxdb-schema';
import { deviceLogSchema, outboxId, type DeviceLogEntry } from './device-log';

addRxPlugin(RxDBLeaderElectionPlugin);

export type AppCollections = { [C in CollectionName]: RxCollection<DocOf<C>> } & {
  devicelog: RxCollection<DeviceLogEntry>;
};
export type AppDatabase = RxDatabase<AppCollections>;

export interface OpenDatabaseOptions {
  /** One database per signed-in user, so one person's data never shows in another's session. */
  userId: string;
  /** Dexie (IndexedDB) in the browser; tests pass the memory storage. */
  storage?: RxStorage<unknown, unknown>;
  /** RxDB dev-mode with schema validation: development builds only (it is large and slow). */
  devMode?: boolean;
}

export function databaseName(userId: string): string {
  return `hallops-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<AppDatabase> {
  let storage = opts.storage ?? (getRxStorageDexie() as RxStorage<unknown, unknown>);
  if (opts.devMode) {
    const [{ RxDBDevModePlugin }, { wrappedValidateAjvStorage }] = await Promise.all([
      import('rxdb/plugins/dev-mode'),
      import('rxdb/plugins/validate-ajv'),
    ]);
    addRxPlugin(RxDBDevModePlugin);
    storage = wrappedValidateAjvStorage({ storage }) as RxStorage<unknown, unknown>;
  }
  const db = (await createRxDatabase<AppCollections>({
    name: databaseName(opts.userId),
    storage,
    multiInstance: true,
    closeDuplicates: true,
  })) as AppDatabase;
  const specs = Object.fromEntries(
    collectionNames.map((name) => [name, { schema: toRxJsonSchema(collections[name]) }]),
  );
  await db.addCollections({ ...specs, devicelog: { schema: deviceLogSchema } } as never);
  trackLocalWrites(db);
  return db;
}

/**
 * Records every write made through the collection API in the outbox. Writes
 * that replication pulls in go straight to storage and run no hooks, so the
 * outbox holds exactly the changes this device still owes the server.
 */
function trackLocalWrites(db: AppDatabase): void {
  for (const name of collectionNames) {
    const collection = db[name] as unknown as RxCollection<{ id: string; updatedAt: string }>;
    const record = async (doc: { id: string; updatedAt: string }) => {
      await db.devicelog.upsert({
        id: outboxId(name, doc.id),
        kind: 'outbox',
        collectionName: name,
        docId: doc.id,
        updatedAt: doc.updatedAt,
        at: new Date().toISOString(),
      });
    };
    collection.postInsert((data) => record(data), false);
    collection.postSave((data) => record(data), false);
    collection.postRemove((data) => record(data), false);
  }
}
