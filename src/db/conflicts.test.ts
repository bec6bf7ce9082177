import { describe, expect, it } from 'vitest';
import { validateDocument, type CollectionName } from '../domain/collections';
import { sampleDocuments } from '../domain/schemas/fixtures';
import { base64FromBytes, yjsTextOf } from '../domain/rules/merge';
import * as Y from 'yjs';
import { conflictEntryId, conflictHandlerFor, conflictLogEntry, resolveConflict, type StoredDoc } from './conflicts';
import type { DeviceLogEntry } from './device-log';

const samples = sampleDocuments();
const T0 = '2026-03-02T03:00:00.000Z';
const T1 = '2026-03-02T03:05:00.000Z';
const T2 = '2026-03-02T03:10:00.000Z';

/** A document as replication holds it: parsed by the shared schema (defaults filled in), with `_deleted`. */
function stored(name: CollectionName, doc: Record<string, unknown>, over: Record<string, unknown> = {}): StoredDoc {
  const parsed = validateDocument(name, Object.fromEntries(Object.entries({ ...doc, ...over }).filter(([, v]) => v !== undefined)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return { ...(parsed.doc as object), _deleted: false } as StoredDoc;
}

const slot = stored('rosters', samples.rosters[0]!, { updatedAt: T0 });
const attendance = stored('attendance', samples.attendance[0]!, { updatedAt: T0 });
const insp = stored('inspections', samples.inspections[0]!, { status: 'draft', submittedAt: undefined, score: undefined, grade: undefined, updatedAt: T0 });
const act = stored('inspections', samples.inspections[1]!, { updatedAt: T0 });

function text(client: number, value: string): string {
  const doc = new Y.Doc({ guid: 'note' });
  doc.clientID = client;
  doc.getText('text').insert(0, value);
  return base64FromBytes(Y.encodeStateAsUpdate(doc));
}

describe('resolveConflict', () => {
  it('takes the master silently when it is our write with the server stamps', () => {
    const master = { ...slot, updatedAt: T1, receivedAt: T1 };
    expect(resolveConflict('rosters', { local: slot, master })).toEqual({ doc: master });
    expect(resolveConflict('attendance', { local: attendance, master: { ...attendance, updatedAt: T1, receivedAt: T1 } }).lost).toBeUndefined();
  });

  it.each([
    ['the later local write wins and keeps the master in the log', { local: T2, master: T1 }, 'local', 'overwrote-server'],
    ['the later master wins and keeps the local version in the log', { local: T0, master: T1 }, 'master', 'overwritten-by-server'],
  ] as const)('last write wins: %s', (_, times, winner, reason) => {
    const local = { ...slot, updatedAt: times.local, note: '本机' };
    const master = { ...slot, updatedAt: times.master, note: '服务器', updatedBy: 'other', deviceId: 'other-device' };
    const r = resolveConflict('rosters', { local, master, base: slot });
    expect(r.doc).toBe(winner === 'local' ? local : master);
    expect(r.lost).toEqual({ doc: winner === 'local' ? master : local, reason });
  });

  it('judges "later" in server time using the device clock offset', () => {
    const local = { ...slot, updatedAt: T2, note: '本机' };
    const master = { ...slot, updatedAt: T1, note: '服务器', deviceId: 'other-device' };
    // The device runs 10 minutes fast: its 03:10 is the server's 03:00, before the master.
    expect(resolveConflict('rosters', { local, master }, 10 * 60_000).doc).toBe(master);
  });

  it('keeps attendance immutable: the stored event stands, ours is kept in the log', () => {
    const local = { ...attendance, kind: 'check-out' };
    const r = resolveConflict('attendance', { local, master: { ...attendance, updatedAt: T1 } });
    expect(r.doc.kind).toBe(attendance.kind);
    expect(r.lost?.reason).toBe('immutable');
  });

  it('merges an inspection: both devices’ answers and notes survive, and the merge is pushed as ours', () => {
    const mine = {
      ...insp,
      updatedAt: T1,
      deviceId: 'dev-a',
      answers: [{ itemId: 'uniform', instance: 0, choice: 'pass', photos: [], answeredAt: T1, answeredBy: 'a' }],
      notes: text(10, '本机备注'),
    };
    const theirs = {
      ...insp,
      updatedAt: T2,
      deviceId: 'dev-b',
      answers: [{ itemId: 'desk-tidy', instance: 0, choice: 'fail', photos: [], answeredAt: T2, answeredBy: 'b' }],
      notes: text(11, '对方备注'),
    };
    const r = resolveConflict('inspections', { local: mine, master: theirs, base: insp });
    expect((r.doc.answers as { itemId: string }[]).map((a) => a.itemId).sort()).toEqual(['desk-tidy', 'uniform']);
    expect(yjsTextOf(r.doc.notes as string)).toContain('本机备注');
    expect(yjsTextOf(r.doc.notes as string)).toContain('对方备注');
    expect(r.doc.deviceId).toBe('dev-a');
    expect(r.lost).toBeUndefined();
  });

  it('logs our inspection when a later answer superseded ours, and holds the master when it already has everything', () => {
    const ours = { ...insp, answers: [{ itemId: 'uniform', instance: 0, choice: 'pass', photos: [], answeredAt: T0, answeredBy: 'a' }] };
    const master = { ...insp, updatedAt: T2, answers: [{ itemId: 'uniform', instance: 0, choice: 'fail', photos: [], answeredAt: T1, answeredBy: 'b' }] };
    const r = resolveConflict('inspections', { local: ours, master, base: insp });
    expect(r.doc).toBe(master);
    expect(r.lost?.reason).toBe('merged');
  });

  it('moves a corrective action only forward and merges its comments', () => {
    const local = { ...act, status: 'in-progress', comments: text(10, '已安排'), updatedAt: T1 };
    const master = { ...act, status: 'evidence-submitted', evidence: ['b'.repeat(64)], comments: text(11, '已上传照片'), updatedAt: T2 };
    const r = resolveConflict('inspections', { local, master, base: act });
    expect(r.doc.status).toBe('evidence-submitted');
    expect(yjsTextOf(r.doc.comments as string)).toMatch(/已安排/);
    expect(r.doc.evidence).toEqual(['b'.repeat(64)]);
  });

  it('logs a header edit that lost to a later one in a merged kind', () => {
    const local = { ...act, title: '本机改的标题', updatedAt: T0 };
    const master = { ...act, dueDay: '2025-03-20', updatedAt: T2 };
    const r = resolveConflict('inspections', { local, master, base: act });
    expect(r.doc.title).toBe(act.title);
    expect(r.lost?.reason).toBe('merged');
  });

  it('falls back to last write wins when one side deleted the document', () => {
    const local = { ...insp, _deleted: true, updatedAt: T2 };
    const master = { ...insp, updatedAt: T1, mode: 'spot-check' };
    expect(resolveConflict('inspections', { local, master }).doc._deleted).toBe(true);
  });
});

describe('conflict log entries', () => {
  it('get a stable id per lost version, so a conflict resolved twice is logged once', () => {
    const lost = { ...slot, note: 'x', _meta: { lwt: 1 } } as StoredDoc;
    const a = conflictLogEntry('rosters', { doc: lost, reason: 'overwritten-by-server' }, T0);
    const b = conflictLogEntry('rosters', { doc: { ...lost, _meta: { lwt: 2 } } as StoredDoc, reason: 'overwritten-by-server' }, T1);
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(conflictEntryId('rosters', { ...slot, note: 'x' } as StoredDoc));
    expect(a.doc).not.toHaveProperty('_meta');
    expect(a).toMatchObject({ kind: 'conflict', collectionName: 'rosters', docId: slot.id, reason: 'overwritten-by-server' });
  });

  it('the RxDB handler logs the loser and marks a winning local version as owed to the server', async () => {
    const logged: DeviceLogEntry[] = [];
    const owed: StoredDoc[] = [];
    const handler = conflictHandlerFor('rosters', {
      clockOffsetMs: () => 0,
      log: async (e) => logged.push(e),
      owe: async (d) => owed.push(d),
      now: () => T2,
    });
    const local = { ...slot, updatedAt: T2, note: '本机' };
    const master = { ...slot, updatedAt: T1, note: '服务器', deviceId: 'other-device' };
    expect(await handler.resolve({ newDocumentState: local, realMasterState: master, assumedMasterState: slot }, 'test')).toBe(local);
    expect(logged.map((e) => e.doc?.note)).toEqual(['服务器']);
    expect(owed).toEqual([local]);
    expect(handler.isEqual(master, { ...master }, 'test')).toBe(true);
    expect(handler.isEqual(master, { ...master, updatedAt: T2 }, 'test')).toBe(false);
  });
});

describe('the RxDB handler and the outbox', () => {
  it('owes nothing when the merge comes out equal to the master (RxDB will not push it, so an owed entry would never clear)', async () => {
    const owed: StoredDoc[] = [];
    const handler = conflictHandlerFor('inspections', { clockOffsetMs: () => 0, log: async () => undefined, owe: async (d) => owed.push(d), now: () => T2 });
    const master = { ...act, status: 'in-progress', updatedAt: T1 } as StoredDoc;
    const local = { ...act, status: 'open', updatedAt: T0 } as StoredDoc;
    const merged = await handler.resolve({ newDocumentState: local, realMasterState: master, assumedMasterState: act }, 'test');
    expect(handler.isEqual(merged, master, 'test')).toBe(true);
    expect(owed).toEqual([]);
  });
});

describe('a device against its own earlier write', () => {
  it('keeps the later edit of the same device even though the server stamped the earlier one later', () => {
    // Offline edits at 03:00 and 03:10; the first reaches the server at 04:00 and is stamped then.
    const first = { ...slot, note: '第一次', updatedAt: '2025-03-01T04:00:00.000Z', deviceId: 'dev-a' };
    const later = { ...slot, note: '第二次', updatedAt: '2025-03-01T03:10:00.000Z', deviceId: 'dev-a' };
    const r = resolveConflict('rosters', { local: later, master: first });
    expect(r.doc).toBe(later);
    expect(r.lost).toBeUndefined();
  });
});

describe('a version the device only holds, not wrote', () => {
  it('never overwrites the newer master, even one from the same other device', () => {
    // This device took B's version and hands it back once more (RxDB re-pushes a resolved conflict);
    // meanwhile B wrote again. B's later write must stand, and nothing is logged.
    const fromB = { ...slot, note: 'B 第一次', updatedAt: T1, deviceId: 'dev-b' };
    const laterFromB = { ...slot, note: 'B 第二次', updatedAt: T2, deviceId: 'dev-b' };
    const r = resolveConflict('rosters', { local: fromB, master: laterFromB, base: fromB });
    expect(r.doc).toBe(laterFromB);
    expect(r.lost).toBeUndefined();
  });
});
