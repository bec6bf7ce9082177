import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { newId } from '../domain/ids';
import { sampleDocuments } from '../domain/schemas/fixtures';
import {
  buildPendingFile,
  collectPendingChanges,
  exportCovers,
  importPendingChanges,
  parsePendingFile,
  pendingFileName,
  type PendingChange,
} from './backup';
import { openDatabase, type AppDatabase } from './database';
import { insertDoc } from './write';

const opened: AppDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.remove()));
});
async function freshDb(): Promise<AppDatabase> {
  const db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory() });
  opened.push(db);
  return db;
}

const guide = { userId: 'user-guide', deviceId: 'device-a' };
const ctx = { user: { id: 'user-guide', username: 'guide' }, deviceId: 'device-a', exportedAt: '2025-03-01T09:30:05.000Z' };
const event = (over: Record<string, unknown> = {}) => ({
  id: newId(),
  siteId: 'site-hall-1',
  staffId: 's1',
  kind: 'check-in' as const,
  method: 'manual' as const,
  deviceTime: '2025-03-01T00:29:00.000Z',
  hlc: '0000000000001:0000:device-a',
  ...over,
});

describe('the pending-changes file', () => {
  const changes: PendingChange[] = [{ collection: 'attendance', id: 'e1', deleted: false, doc: { id: 'e1', b: 2, a: 1 } }];

  it('reads back what it wrote', () => {
    const file = buildPendingFile(changes, ctx);
    expect(parsePendingFile(JSON.stringify(file, null, 2))).toEqual({ ok: true, file });
  });

  it('keeps its checksum when a tool reorders keys, and fails it when a value is altered', () => {
    const file = buildPendingFile(changes, ctx);
    const reordered = { checksum: file.checksum, changes: file.changes, deviceId: file.deviceId, user: file.user, exportedAt: file.exportedAt, version: file.version, format: file.format };
    expect(parsePendingFile(JSON.stringify(reordered)).ok).toBe(true);
    const altered = { ...file, changes: [{ ...changes[0]!, doc: { ...changes[0]!.doc, b: 3 } }] };
    expect(parsePendingFile(JSON.stringify(altered))).toEqual({ ok: false, failure: 'checksum' });
  });

  it.each([
    { text: 'not json {', failure: 'not-json' },
    { text: '{"hello":1}', failure: 'not-a-pending-file' },
    { text: '{"format":"hallops.pending-changes","version":2}', failure: 'newer-version' },
    { text: '{"format":"hallops.pending-changes","version":1,"changes":"x"}', failure: 'not-a-pending-file' },
  ])('refuses $failure', ({ text, failure }) => {
    const result = parsePendingFile(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure).toBe(failure);
  });

  it('is named after its user and time', () => {
    expect(pendingFileName({ user: { id: 'u', username: 'guide' }, exportedAt: ctx.exportedAt })).toBe(
      'hallops-pending-guide-20250301-0930.json',
    );
    expect(pendingFileName({ user: { id: 'u', username: '../王 x' }, exportedAt: ctx.exportedAt })).toMatch(/^hallops-pending-[\w-]+-20250301-0930\.json$/);
  });
});

describe('exportCovers', () => {
  const a = { id: 'outbox:attendance:1', updatedAt: '2025-03-01T00:00:00.000Z' };
  const b = { id: 'outbox:staff:2', updatedAt: '2025-03-01T00:00:00.000Z' };
  it.each([
    { label: 'same outbox', exported: [a, b], now: [b, a], covers: true },
    { label: 'part of it synced since', exported: [a, b], now: [a], covers: true },
    { label: 'a new change since', exported: [a], now: [a, b], covers: false },
    { label: 'a document changed again since', exported: [a], now: [{ ...a, updatedAt: '2025-03-01T00:00:01.000Z' }], covers: false },
    { label: 'nothing exported, nothing pending', exported: [], now: [], covers: true },
  ])('$label → $covers', ({ exported, now, covers }) => {
    expect(exportCovers(exported.map((e) => `${e.id}@${e.updatedAt}`), now)).toBe(covers);
  });
});

describe('export and import of pending changes', () => {
  it('exports the outbox, removals included, and imports it on another device so it replicates from there', async () => {
    const a = await freshDb();
    const kept = await insertDoc(a, 'attendance', event(), guide);
    const slot = await insertDoc(a, 'rosters', sampleDocuments().rosters[0] as never, guide);
    const removed = await insertDoc(a, 'attendance', event({ kind: 'check-out' }), guide);
    await (await a.attendance.findOne(removed.id).exec())!.remove();

    const changes = await collectPendingChanges(a);
    expect(changes.find((c) => c.id === kept.id)).toMatchObject({ collection: 'attendance', deleted: false, doc: kept });
    expect(changes.find((c) => c.id === removed.id)).toMatchObject({ deleted: true });
    expect(changes.every((c) => !('_rev' in c.doc) && !('_meta' in c.doc))).toBe(true);
    expect(changes.find((c) => c.collection === 'rosters')).toMatchObject({ id: slot.id, deleted: false });

    const file = parsePendingFile(JSON.stringify(buildPendingFile(changes, ctx)));
    if (!file.ok) throw new Error('unreadable');
    // The free RxDB build opens at most 13 collections per process: one device at a time.
    await opened.pop()!.remove();
    const b = await freshDb();
    const progress: number[] = [];
    const outcomes = await importPendingChanges(b, file.file, {
      author: { userId: 'user-guide', deviceId: 'device-b' },
      siteIds: ['site-hall-1'],
      onProgress: (done) => progress.push(done),
    });
    expect(outcomes.every((o) => o.status === 'imported')).toBe(true);
    expect(progress).toEqual(changes.map((_, i) => i + 1));

    const copy = (await b.attendance.findOne(kept.id).exec())!.toJSON();
    expect(copy).toMatchObject({ staffId: kept.staffId, deviceTime: kept.deviceTime, deviceId: 'device-b' });
    expect(await b.attendance.findOne(removed.id).exec()).toBeNull();
    const outbox = await b.devicelog.find({ selector: { kind: 'outbox' } }).exec();
    expect(outbox.map((e) => e.docId).sort()).toEqual(changes.map((c) => c.id).sort());
  });

  it('says what it refused and why, and leaves this device unchanged for those', async () => {
    const b = await freshDb();
    const newer = await insertDoc(b, 'staff', { ...sampleDocuments().staff[0], name: '王芳' } as never, guide);
    const older = { ...newer, name: '王芳芳', updatedAt: '2020-01-01T00:00:00.000Z' };
    const sameEvent = await insertDoc(b, 'attendance', event(), guide);
    const outOfScope = event({ siteId: 'site-hotline-1' });
    const changes: PendingChange[] = [
      { collection: 'attendance', id: 'bad', deleted: false, doc: { ...event(), id: 'bad', kind: 'nap' } },
      { collection: 'nope', id: 'x', deleted: false, doc: {} },
      { collection: 'attendance', id: outOfScope.id, deleted: false, doc: stamped(outOfScope) },
      { collection: 'staff', id: newer.id, deleted: false, doc: older },
      { collection: 'attendance', id: sameEvent.id, deleted: false, doc: { ...sameEvent, kind: 'check-out' } },
      { collection: 'attendance', id: sameEvent.id, deleted: false, doc: { ...sameEvent, deviceId: 'device-a' } },
    ];
    const outcomes = await importPendingChanges(b, buildPendingFile(changes, ctx), {
      author: { userId: 'user-guide', deviceId: 'device-b' },
      siteIds: ['site-hall-1'],
    });
    expect(outcomes.map((o) => o.code ?? o.status)).toEqual(['invalid', 'unknown-collection', 'out-of-scope', 'newer-here', 'append-only', 'unchanged']);
    expect(outcomes[0]!.detail).toMatch(/kind/);
    expect((await b.staff.findOne(newer.id).exec())!.name).toBe('王芳');
    expect(await b.attendance.findOne(outOfScope.id).exec()).toBeNull();
  });

  it('lets an organisation-wide user import changes of any site', async () => {
    const b = await freshDb();
    const doc = stamped(event({ siteId: 'site-hotline-1' }));
    const [outcome] = await importPendingChanges(
      b,
      buildPendingFile([{ collection: 'attendance', id: doc.id, deleted: false, doc }], ctx),
      { author: { userId: 'admin', deviceId: 'device-c' }, siteIds: ['*'] },
    );
    expect(outcome!.status).toBe('imported');
  });
});

function stamped<T extends object>(doc: T) {
  return { ...doc, updatedAt: '2025-03-01T00:29:01.000Z', updatedBy: 'user-guide', deviceId: 'device-a' };
}

