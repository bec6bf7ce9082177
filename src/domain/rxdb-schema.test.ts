import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { collectionNames, collections, validateDocument, type CollectionSpec } from './collections';
import { toRxJsonSchema } from './rxdb-schema';
import { sampleDocuments } from './schemas/fixtures';

addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

describe('toRxJsonSchema', () => {
  it('derives a schema RxDB dev-mode accepts for every collection, and stores a document of every kind', async () => {
    const db = await createRxDatabase({
      name: `schemas${Date.now()}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    });
    try {
      // Collections past version 0 need a step per version (the real ones are in src/db/migrations.ts).
      const steps = (version: number) => Object.fromEntries(Array.from({ length: version }, (_, i) => [i + 1, (d: unknown) => d]));
      const specs = Object.fromEntries(collectionNames.map((name) => [name, { schema: toRxJsonSchema(collections[name]), migrationStrategies: steps(collections[name].version) }]));
      await db.addCollections(specs as never);
      const samples = sampleDocuments();
      for (const name of collectionNames) {
        for (const sample of samples[name]) {
          const checked = validateDocument(name, sample);
          if (!checked.ok) throw new Error(checked.reason);
          const stored = await db.collections[name]!.insert(checked.doc);
          expect(stored.primary).toBe(sample.id);
        }
      }
      // Every kind of every multi-kind collection is covered by a sample.
      for (const name of collectionNames) {
        const spec: CollectionSpec = collections[name];
        for (const kind of spec.kinds ?? []) expect(samples[name].some((d) => d.kind === kind), `${name}/${kind}`).toBe(true);
      }
    } finally {
      await db.close();
    }
  });

  it('rejects at the storage a document the schema forbids (RxDB validates too)', async () => {
    const db = await createRxDatabase({
      name: `schemasbad${Date.now()}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    });
    try {
      await db.addCollections({ reviews: { schema: toRxJsonSchema(collections.reviews) } } as never);
      const review = sampleDocuments().reviews[0]!;
      await expect(db.collections.reviews!.insert({ ...review, providerScore: 101 })).rejects.toThrow();
      await expect(db.collections.reviews!.insert({ ...review, unknownField: 1 })).rejects.toThrow();
    } finally {
      await db.close();
    }
  });

  it('caps indexed strings at 100 characters and makes defaulted fields required', () => {
    const schema = toRxJsonSchema(collections.rosters);
    expect(schema.properties.day).toMatchObject({ type: 'string', maxLength: 100 });
    expect(schema.properties.id).toMatchObject({ maxLength: 100 });
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'siteId', 'kind', 'day', 'staffId']));
    expect(schema.required).not.toContain('postId');
  });

  it('refuses an index on an optional field', () => {
    const spec: CollectionSpec = { ...collections.reviews, indexes: ['confirmedAt'] };
    expect(() => toRxJsonSchema(spec)).toThrow(/confirmedAt must be required/);
  });

  it('refuses an indexed number without bounds and step', () => {
    const spec: CollectionSpec = { ...collections.reviews, indexes: ['pay'] };
    spec.schema = collections.reviews.schema.required({ pay: true });
    expect(() => toRxJsonSchema(spec)).toThrow(/needs minimum, maximum and multipleOf/);
  });

  it('drops nested defaults and objects whose keys RxDB cannot name, keeping them objects', () => {
    const schema = toRxJsonSchema(collections.catalog);
    const text = JSON.stringify(schema.properties);
    expect(text).not.toContain('"default"');
    expect(text).not.toContain('in-lieu');
    expect(schema.properties.policy).toMatchObject({ type: 'object' });
  });
});
