import { createHash } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectionNames, collections, type CollectionSpec } from '../domain/collections';
import { newId } from '../domain/ids';
import { canonicalJson } from '../domain/rules/merge';
import { toRxJsonSchema } from '../domain/rxdb-schema';
import { sampleDocuments } from '../domain/schemas/fixtures';
import { staffSchema } from '../domain/schemas/staff';
import { openDatabase, type AppDatabase } from './database';
import { migrateDocument, migrationStrategiesFor, migrations, MissingMigrationError, type MigrationRegistry } from './migrations';
import history from './schema-history.json';
import { insertDoc } from './write';

const author = { userId: 'u1', deviceId: 'd1' };
const open: AppDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.remove()));
});

function schemaHash(spec: CollectionSpec): string {
  return createHash('sha256').update(canonicalJson(toRxJsonSchema(spec))).digest('hex').slice(0, 16);
}

describe('migration registry', () => {
  const registry: MigrationRegistry = {
    staff: { 1: (d) => ({ ...d, a: 1 }), 2: (d) => (d.drop ? null : { ...d, b: 2 }) },
  };

  it('gives RxDB one step per version from 1 up, and refuses a gap', () => {
    expect(Object.keys(migrationStrategiesFor('staff', 2, registry))).toEqual(['1', '2']);
    expect(migrationStrategiesFor('staff', 0, registry)).toEqual({});
    expect(() => migrationStrategiesFor('staff', 3, registry)).toThrow(MissingMigrationError);
    expect(() => migrationStrategiesFor('rosters', 1, registry)).toThrow(/no migration to version 1/);
  });

  it('runs a document through every later step, and a step may drop it', () => {
    expect(migrateDocument('staff', { id: 'x' }, 0, 2, registry)).toEqual({ id: 'x', a: 1, b: 2 });
    expect(migrateDocument('staff', { id: 'x' }, 1, 2, registry)).toEqual({ id: 'x', b: 2 });
    expect(migrateDocument('staff', { id: 'x', drop: true }, 0, 2, registry)).toBeNull();
  });

  it('has a path from every earlier version of every real collection', () => {
    for (const name of collectionNames) expect(() => migrationStrategiesFor(name, collections[name].version, migrations)).not.toThrow();
  });

  it('records the stored shape of every collection version: a changed schema needs a new version and a migration', () => {
    const recorded = history as Record<string, Record<string, string>>;
    for (const name of collectionNames) {
      const spec = collections[name];
      const hash = schemaHash(spec);
      const message =
        `The RxDB schema of "${name}" changed (hash ${hash}) without a new version: devices holding version ${spec.version} ` +
        'could not open it. Bump its version in src/domain/collections.ts, add a migration in src/db/migrations.ts ' +
        `and record "${spec.version + 1}": "<new hash>" under "${name}" in src/db/schema-history.json.`;
      expect(recorded[name]?.[String(spec.version)], message).toBe(hash);
    }
  });
});

describe('opening a database written by the previous schema version', () => {
  // A test-only next version of `staff`: a new required field, filled in by the migration from the current version.
  const next = collections.staff.version + 1;
  const staffV1Schema = staffSchema.extend({ preferredName: z.string().min(1).max(100) });
  const staffV1: CollectionSpec = { ...collections.staff, schema: staffV1Schema as unknown as z.ZodObject, version: next };
  const registry: MigrationRegistry = {
    ...migrations,
    staff: { ...migrations.staff, [next]: (old) => ({ ...old, preferredName: old.name }) },
  };

  it('migrates every document and loses nothing, including the outbox of unsynced changes', async () => {
    const userId = `mig-${newId()}`;
    const storage = getRxStorageMemory();
    const v0 = await openDatabase({ userId, storage });
    const staff = sampleDocuments().staff[0]!;
    const people = Array.from({ length: 30 }, (_, i) => ({ ...staff, id: `staff-m-${i}`, staffNo: `M${String(i).padStart(3, '0')}`, name: `员工${i}` }));
    for (const p of people) await insertDoc(v0, 'staff', p as never, author);
    await insertDoc(v0, 'rosters', sampleDocuments().rosters[0] as never, author);
    const before = (await v0.staff.find().exec()).map((d) => d.toJSON());
    const outboxBefore = await v0.devicelog.count({ selector: { kind: 'outbox' } }).exec();
    await v0.close();

    const v1 = await openDatabase({ userId, storage, collections: { ...collections, staff: staffV1 } as never, migrations: registry });
    open.push(v1);
    const after = (await v1.staff.find().exec()).map((d) => d.toJSON() as Record<string, unknown>);
    expect(after).toHaveLength(people.length);
    const byId = new Map(after.map((d) => [d.id, d]));
    for (const old of before) {
      const now = byId.get(old.id)!;
      expect(now.preferredName).toBe(old.name);
      // Every field of the old version is still there, unchanged.
      expect({ ...now, preferredName: undefined }).toMatchObject({ ...old });
      expect(staffV1Schema.safeParse(Object.fromEntries(Object.entries(now).filter(([k]) => !k.startsWith('_')))).success).toBe(true);
    }
    expect(await v1.rosters.count().exec()).toBe(1);
    expect(await v1.devicelog.count({ selector: { kind: 'outbox' } }).exec()).toBe(outboxBefore);
  });

  it('refuses to open a changed schema without a migration step', async () => {
    const userId = `mig-${newId()}`;
    const storage = getRxStorageMemory();
    const v0 = await openDatabase({ userId, storage });
    await v0.close();
    await expect(openDatabase({ userId, storage, collections: { ...collections, staff: staffV1 } as never, migrations: { ...migrations, staff: migrations.staff } })).rejects.toThrow(MissingMigrationError);
    const again = await openDatabase({ userId, storage });
    open.push(again);
  });
});
