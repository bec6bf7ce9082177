import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { collectionNames, collections, type CollectionName, type CollectionSpec, type DocOf } from '../domain/collections';
import { toRxJsonSchema, type RxJsonSchemaLike } from '../domain/rxdb-schema';
import { syncStatus } from '../sync/status';
import { conflictHandlerFor } from './conflict-handler';
import { withGetAllQueries } from './dexie-queries';
import { deviceLogSchema, outboxId, type DeviceLogEntry } from './device-log';
import { migrationStrategiesFor, migrations, type MigrationRegistry } from './migrations';
import derivedSchemas from './rxdb-schemas.json';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

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
  /** The collection specs (tests open a database with a later version of one); the domain registry by default. */
  collections?: Readonly<Record<CollectionName, CollectionSpec>>;
  /** Migration steps by collection and version; src/db/migrations.ts by default. */
  migrations?: MigrationRegistry;
  /** The device's clock offset (device minus server, ms) for last-write-wins; the sync status' by default. */
  clockOffsetMs?: () => number;
}

export function databaseName(userId: string): string {
  return `hallops-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<AppDatabase> {
  let storage = opts.storage ?? (withGetAllQueries(getRxStorageDexie()) as RxStorage<unknown, unknown>);
  // import.meta.env is Vite's (undefined under tsx and Node): production builds drop dev-mode and Ajv entirely.
  if (opts.devMode && import.meta.env?.DEV !== false) {
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
  const specs = opts.collections ?? collections;
  // The registry's schemas are derived at build time (scripts/rxdb-schemas.ts): deriving them here cost a cold start ~60 ms.
  const schemaOf = (name: CollectionName): RxJsonSchemaLike =>
    opts.collections ? toRxJsonSchema(specs[name]) : (derivedSchemas as Record<CollectionName, RxJsonSchemaLike>)[name];
  const registry = opts.migrations ?? migrations;
  const clockOffsetMs = opts.clockOffsetMs ?? (() => syncStatus.get().clockOffsetMs ?? 0);
  const creators = Object.fromEntries(
    collectionNames.map((name) => {
      const spec = specs[name];
      return [
        name,
        {
          schema: schemaOf(name),
          migrationStrategies: migrationStrategiesFor(name, spec.version, registry),
          // Migrations run while the database opens, before anything reads it.
          autoMigrate: true,
          conflictHandler: conflictHandlerFor(name, {
            clockOffsetMs,
            log: (entry) => db.devicelog.upsert(entry),
            // A pending entry is a newer local write that will be pushed anyway: keep it.
            owe: async (doc) => {
              if (!(await db.devicelog.findOne(outboxId(name, doc.id)).exec())) await recordOutbox(db, name, doc);
            },
          }),
        },
      ];
    }),
  );
  if (typeof performance !== 'undefined') performance.mark('hallops:schemas-ready');
  await db.addCollections({ ...creators, devicelog: { schema: deviceLogSchema } } as never);
  trackLocalWrites(db);
  return db;
}

/** One outbox entry per document this device still owes the server (its latest local version). */
async function recordOutbox(db: AppDatabase, name: CollectionName, doc: { id: string; updatedAt: string }): Promise<void> {
  await db.devicelog.upsert({
    id: outboxId(name, doc.id),
    kind: 'outbox',
    collectionName: name,
    docId: doc.id,
    updatedAt: doc.updatedAt,
    at: new Date().toISOString(),
  });
}

/**
 * Records every write made through the collection API in the outbox, BEFORE
 * it reaches storage: replication sees a write only once it is stored, so the
 * entry always exists before the push that acknowledges (and clears) it.
 * Writes that replication pulls in go straight to storage and run no hooks,
 * so the outbox holds exactly the changes this device still owes the server.
 * A write that fails after its hook is rolled back by src/db/write.ts.
 */
function trackLocalWrites(db: AppDatabase): void {
  for (const name of collectionNames) {
    const collection = db[name] as unknown as RxCollection<{ id: string; updatedAt: string }>;
    const record = (doc: { id: string; updatedAt: string }) => recordOutbox(db, name, doc);
    collection.preInsert((data) => record(data), false);
    collection.preSave((data) => record(data), false);
    collection.preRemove((data) => record(data), false);
  }
}
