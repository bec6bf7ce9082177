import type { CollectionName } from '../domain/collections';

/**
 * Schema migrations of the local database, by collection and target version.
 *
 * RxDB stores a hash of each collection's schema: ANY change to a collection's
 * zod schema (even a new optional field) changes its RxDB schema, and a device
 * that already holds the collection refuses to open it at the same version.
 * So a change to the stored shape means, in one commit:
 *   1. bump `version` of the collection in src/domain/collections.ts;
 *   2. add `migrations[collection][newVersion]` here: a pure function from a
 *      document of the previous version to one of the new version (return
 *      null to drop it), with a test;
 *   3. record the new schema hash in src/db/schema-history.json (the test
 *      src/db/migrations.test.ts prints it);
 *   4. run `npm run schemas` to rewrite src/db/rxdb-schemas.json, the schemas
 *      the app opens its database with (src/db/rxdb-schemas.test.ts checks it).
 * The server keeps accepting what older clients push only as far as the
 * shared schema allows, so keep changes additive where you can.
 */
export type MigrationDoc = Record<string, unknown>;
export type Migration = (oldDoc: MigrationDoc) => MigrationDoc | null;
/** Target version → migration from the version before it. */
export type MigrationSteps = Readonly<Record<number, Migration>>;
export type MigrationRegistry = Readonly<Partial<Record<string, MigrationSteps>>>;

/**
 * Version 1 of `staff` adds the optional transfer history and version 1 of
 * `inspections` adds the kind `site-report`: stored documents keep their
 * shape, so both steps take them as they are (the schema hash changed, the
 * documents did not).
 */
export const migrations: MigrationRegistry = {
  staff: { 1: (doc) => doc },
  inspections: { 1: (doc) => doc },
} satisfies Partial<Record<CollectionName, MigrationSteps>>;

export class MissingMigrationError extends Error {
  constructor(
    readonly collection: string,
    readonly version: number,
  ) {
    super(`Collection "${collection}" is at version ${version} but has no migration to version ${version}; add it to src/db/migrations.ts.`);
    this.name = 'MissingMigrationError';
  }
}

/**
 * RxDB's `migrationStrategies` for a collection at `version`: exactly one
 * step for each version from 1 up, so a device on any earlier version has a
 * path to the current one. Throws when a step is missing (caught by tests and
 * at start-up, never silently skipped).
 */
export function migrationStrategiesFor(collection: string, version: number, registry: MigrationRegistry = migrations): Record<number, Migration> {
  const steps = registry[collection] ?? {};
  const out: Record<number, Migration> = {};
  for (let v = 1; v <= version; v++) {
    const step = steps[v];
    if (!step) throw new MissingMigrationError(collection, v);
    out[v] = step;
  }
  return out;
}

/** Runs a document through the steps from `fromVersion` to `toVersion` (what RxDB does per document; used by tests). */
export function migrateDocument(collection: string, doc: MigrationDoc, fromVersion: number, toVersion: number, registry: MigrationRegistry = migrations): MigrationDoc | null {
  const steps = migrationStrategiesFor(collection, toVersion, registry);
  let current: MigrationDoc | null = doc;
  for (let v = fromVersion + 1; v <= toVersion && current; v++) current = steps[v]!(current);
  return current;
}
