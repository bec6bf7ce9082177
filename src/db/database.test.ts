import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { newId } from '../domain/ids';
import { sampleDocuments } from '../domain/schemas/fixtures';
import { ConflictEntryNotFoundError, restoreConflict } from './conflict-log';
import { conflictLogEntry, type StoredDoc } from './conflicts';
import { openDatabase, type AppDatabase } from './database';
import { insertDoc } from './write';

let db: AppDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const author = { userId: 'u1', deviceId: 'd1' };
const event = () => ({
  id: newId(),
  siteId: 'site-hall-1',
  staffId: 's1',
  kind: 'check-in' as const,
  method: 'manual' as const,
  deviceTime: new Date().toISOString(),
  hlc: '0000000000001:0000:d1',
});

describe('local database', () => {
  it('records a local write in the outbox', async () => {
    db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
    const doc = await insertDoc(db, 'attendance', event(), author);
    const outbox = await db.devicelog.find({ selector: { kind: 'outbox' } }).exec();
    expect(outbox.map((e) => e.docId)).toEqual([doc.id]);
  });

  it('refuses a document that fails the shared schema, and writes nothing', async () => {
    db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
    await expect(insertDoc(db, 'attendance', { ...event(), kind: 'nap' as never }, author)).rejects.toThrow();
    expect(await db.attendance.count().exec()).toBe(0);
    expect(await db.devicelog.count().exec()).toBe(0);
  });
});

describe('conflict log', () => {
  const samples = sampleDocuments();

  it('restores a lost last-write-wins version as a new local write and removes the entry', async () => {
    db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
    const slot = await insertDoc(db, 'rosters', samples.rosters[0] as never, author);
    const lost = { ...slot, note: '被覆盖的版本', _deleted: false } as unknown as StoredDoc;
    const entry = conflictLogEntry('rosters', { doc: lost, reason: 'overwritten-by-server' }, new Date().toISOString());
    await db.devicelog.insert(entry);
    await db.devicelog.find({ selector: { kind: 'outbox' } }).remove();

    const restored = await restoreConflict(db, entry.id, { userId: 'u2', deviceId: 'd2' });
    const now = (await db.rosters.findOne(slot.id).exec())!.toJSON() as Record<string, unknown>;
    expect(now.note).toBe('被覆盖的版本');
    expect(now.updatedBy).toBe('u2');
    expect(restored?.note).toBe('被覆盖的版本');
    expect(await db.devicelog.findOne(entry.id).exec()).toBeNull();
    expect((await db.devicelog.find({ selector: { kind: 'outbox' } }).exec()).map((e) => e.docId)).toEqual([slot.id]);
  });

  it('restores lost inspection answers without dropping what others answered since', async () => {
    db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
    const base = { ...samples.inspections[0]!, status: 'draft', submittedAt: undefined, score: undefined, grade: undefined };
    const theirs = { itemId: 'uniform', instance: 0, choice: 'fail', photos: [], answeredAt: '2026-03-02T03:10:00.000Z', answeredBy: 'b' };
    const mine = { itemId: 'uniform', instance: 0, choice: 'pass', photos: [], answeredAt: '2026-03-02T03:00:00.000Z', answeredBy: 'a' };
    const other = { itemId: 'desk-tidy', instance: 0, choice: 'pass', photos: [], answeredAt: '2026-03-02T03:11:00.000Z', answeredBy: 'b' };
    const current = await insertDoc(db, 'inspections', { ...base, answers: [theirs, other] } as never, author);
    const lost = { ...current, answers: [mine], _deleted: false } as unknown as StoredDoc;
    const entry = conflictLogEntry('inspections', { doc: lost, reason: 'merged' }, new Date().toISOString());
    await db.devicelog.insert(entry);

    await restoreConflict(db, entry.id, author);
    const now = (await db.inspections.findOne(current.id).exec())!.toJSON() as unknown as { answers: { itemId: string; choice: string }[] };
    expect(Object.fromEntries(now.answers.map((a) => [a.itemId, a.choice]))).toEqual({ uniform: 'pass', 'desk-tidy': 'pass' });
  });

  it('restores a lost deletion by deleting again, and refuses an unknown entry', async () => {
    db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
    const slot = await insertDoc(db, 'rosters', samples.rosters[0] as never, author);
    const entry = conflictLogEntry('rosters', { doc: { ...slot, _deleted: true } as unknown as StoredDoc, reason: 'overwritten-by-server' }, new Date().toISOString());
    await db.devicelog.insert(entry);
    expect(await restoreConflict(db, entry.id)).toBeNull();
    expect(await db.rosters.findOne(slot.id).exec()).toBeNull();
    await expect(restoreConflict(db, 'conflict:nope')).rejects.toThrow(ConflictEntryNotFoundError);
  });
});

describe('outbox', () => {
  it('holds the entry before the write is stored, and takes it back when the write fails', async () => {
    db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
    const seen: string[] = [];
    // A write is in the outbox by the time storage (and so replication) sees it.
    db.attendance.$.subscribe((change) => {
      void db!.devicelog.findOne(`outbox:attendance:${change.documentId}`).exec().then((e) => seen.push(e ? 'entry' : 'none'));
    });
    const doc = await insertDoc(db, 'attendance', event(), author);
    await expect.poll(() => seen).toEqual(['entry']);
    await db.devicelog.find({ selector: { kind: 'outbox' } }).remove();
    // Inserting the same id again fails: no stale "change waiting" is left behind.
    await expect(insertDoc(db, 'attendance', { ...event(), id: doc.id }, author)).rejects.toThrow();
    expect(await db.devicelog.count({ selector: { kind: 'outbox' } }).exec()).toBe(0);
  });
});
