import { createHash } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collections, validateDocument, type CollectionSpec } from '../domain/collections';
import { newId } from '../domain/ids';
import { canonicalJson } from '../domain/rules/merge';
import { newSiteReport, periodOf } from '../domain/rules/site-report';
import { toRxJsonSchema } from '../domain/rxdb-schema';
import { sampleDocuments } from '../domain/schemas/fixtures';
import { correctiveActionSchema, inspectionSchema } from '../domain/schemas/inspection';
import { multiKind } from '../domain/schemas/kinds';
import { staffSchema } from '../domain/schemas/staff';
import { openDatabase, type AppDatabase } from './database';
import { migrateDocument } from './migrations';
import history from './schema-history.json';
import { insertDoc } from './write';

/**
 * Version 1 of `staff` (transfer history) and of `inspections` (the kind
 * `site-report`): a device holding version 0 opens the new app with every
 * document, and its unsynced changes, intact.
 */

const author = { userId: 'u1', deviceId: 'd1' };
const open: AppDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.remove()));
});

const hash = (spec: CollectionSpec) => createHash('sha256').update(canonicalJson(toRxJsonSchema(spec))).digest('hex').slice(0, 16);

// Version 0 as it shipped: staff without `transfers`, inspections with two kinds.
const { transfers: _t, ...staffV0Shape } = staffSchema.shape;
void _t;
const staffV0: CollectionSpec = { ...collections.staff, schema: z.object(staffV0Shape).strict(), version: 0 };
const inspectionsV0: CollectionSpec = { ...collections.inspections, ...multiKind([inspectionSchema, correctiveActionSchema]), version: 0 };

describe('schema version 1 of staff and inspections', () => {
  it('the test’s version 0 is the shipped one (same recorded schema hash)', () => {
    expect(hash(staffV0)).toBe(history.staff['0']);
    expect(hash(inspectionsV0)).toBe(history.inspections['0']);
    expect(collections.staff.version).toBe(1);
    expect(collections.inspections.version).toBe(1);
  });

  it('migrates version 0 documents unchanged, and they are valid version 1 documents', () => {
    const samples = sampleDocuments();
    for (const doc of [...samples.staff, ...samples.inspections.filter((d) => d.kind !== 'site-report')]) {
      const name = 'staffNo' in doc ? 'staff' : 'inspections';
      const migrated = migrateDocument(name, doc, 0, 1);
      expect(migrated).toEqual(doc);
      expect(validateDocument(name, migrated).ok).toBe(true);
    }
  });

  it('opens a version 0 database with every document and the outbox, and then takes site reports and transfers', async () => {
    const userId = `mig1-${newId()}`;
    const storage = getRxStorageMemory();
    const v0 = await openDatabase({ userId, storage, collections: { ...collections, staff: staffV0, inspections: inspectionsV0 } as never });
    const samples = sampleDocuments();
    for (const s of samples.staff) await insertDoc(v0, 'staff', s as never, author);
    for (const d of samples.inspections.filter((x) => x.kind !== 'site-report')) await insertDoc(v0, 'inspections', d as never, author);
    const before = {
      staff: (await v0.staff.find().exec()).map((d) => d.toJSON()),
      inspections: (await v0.inspections.find().exec()).map((d) => d.toJSON()),
      outbox: await v0.devicelog.count({ selector: { kind: 'outbox' } }).exec(),
    };
    await v0.close();

    const v1 = await openDatabase({ userId, storage });
    open.push(v1);
    expect((await v1.staff.find().exec()).map((d) => d.toJSON())).toEqual(before.staff);
    expect((await v1.inspections.find().exec()).map((d) => d.toJSON())).toEqual(before.inspections);
    expect(await v1.devicelog.count({ selector: { kind: 'outbox' } }).exec()).toBe(before.outbox);

    const report = { ...newSiteReport('site-hall-1', periodOf('week', '2025-03-05')), rows: [] };
    await insertDoc(v1, 'inspections', report as never, author);
    const moved: Record<string, unknown> = { ...(before.staff[0] as Record<string, unknown>), transfers: [{ day: '2025-03-05', fromSiteId: 'site-hall-1', toSiteId: 'site-hotline-1', recordedAt: '2025-03-05T01:00:00.000Z', recordedBy: 'u1' }], siteId: 'site-hotline-1' };
    delete moved._rev;
    delete moved._meta;
    delete moved._deleted;
    delete moved._attachments;
    await v1.staff.upsert(moved as never);
    expect((await v1.inspections.findOne(report.id).exec())?.kind).toBe('site-report');
    expect((await v1.staff.findOne(String(moved.id)).exec())?.toJSON().transfers).toHaveLength(1);
  });
});
