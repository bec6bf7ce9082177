import { describe, expect, it } from 'vitest';
import { collections, type CollectionSpec } from '../../src/domain/collections';
import type { SessionUser } from '../../src/domain/roles';
import type { StoredDoc } from '../store/store';
import { attendanceDoc, staffDoc } from '../test-support/docs';
import { planPush, type PushRow } from './push-plan';

const now = new Date('2026-03-02T01:00:00.000Z');
const manager: SessionUser = { id: 'u-m', username: 'm', displayName: 'M', role: 'manager', siteIds: ['site-hall-1'] };
const guide: SessionUser = { ...manager, id: 'u-g', role: 'guide' };

function stored(collection: string, data: Record<string, unknown>, seq = 1, deleted = false): StoredDoc {
  return { collection, id: data.id as string, seq, siteId: data.siteId as string, deleted, data };
}

const plan = (rows: PushRow[], masters: StoredDoc[], user = manager, spec: CollectionSpec = collections.staff) =>
  planPush(rows, new Map(masters.map((m) => [m.id, m])), { spec, user, now });

describe('planPush', () => {
  it('writes a new document with updatedAt stamped by the server', () => {
    const doc = staffDoc();
    const result = plan([{ newDocumentState: { ...doc, _meta: { lwt: 1 }, _rev: '1-a' } }], []);
    expect(result).toMatchObject({ kind: 'apply', conflicts: [] });
    if (result.kind !== 'apply') return;
    expect(result.writes).toHaveLength(1);
    expect(result.writes[0].data.updatedAt).toBe(now.toISOString());
    expect(result.writes[0].data).not.toHaveProperty('_meta');
    expect(result.writes[0].data).not.toHaveProperty('_rev');
  });

  it('treats a row equal to its master (ignoring updatedAt) as a no-op that answers the stamped master', () => {
    const doc = staffDoc();
    const master = stored('staff', { ...doc, updatedAt: '2026-02-01T00:00:00.000Z' });
    expect(plan([{ newDocumentState: doc, assumedMasterState: null }], [master])).toEqual({ kind: 'apply', writes: [], conflicts: [master] });
  });

  it('answers the master as a conflict when the assumed master is missing or stale', () => {
    const doc = staffDoc();
    const master = stored('staff', { ...doc, name: '新名字' });
    for (const assumed of [null, undefined, { ...doc, _deleted: false }]) {
      const result = plan([{ newDocumentState: { ...doc, name: '我的名字' }, assumedMasterState: assumed }], [master]);
      expect(result).toEqual({ kind: 'apply', writes: [], conflicts: [master] });
    }
  });

  it('writes when the assumed master matches, whatever updatedAt the client remembers', () => {
    const doc = staffDoc();
    const master = stored('staff', { ...doc, updatedAt: '2026-02-01T00:00:00.000Z' });
    const result = plan([{ newDocumentState: { ...doc, name: '改名' }, assumedMasterState: { ...doc, _deleted: false } }], [master]);
    expect(result.kind === 'apply' && result.writes.map((w) => w.data.name)).toEqual(['改名']);
  });

  it('sees a deleted flag that differs from the master as a conflict', () => {
    const doc = staffDoc();
    const master = stored('staff', doc, 1, true);
    const result = plan([{ newDocumentState: { ...doc, name: 'x' }, assumedMasterState: { ...doc, _deleted: false } }], [master]);
    expect(result).toEqual({ kind: 'apply', writes: [], conflicts: [master] });
  });

  it('never changes an append-only document, even with the right assumed master', () => {
    const doc = attendanceDoc();
    const master = stored('attendance', { ...doc, receivedAt: '2026-03-02T00:30:00.000Z' });
    const result = plan([{ newDocumentState: { ...doc, note: '改' }, assumedMasterState: doc }], [master], manager, collections.attendance);
    expect(result).toEqual({ kind: 'apply', writes: [], conflicts: [master] });
  });

  it('stamps receivedAt on the first write of an attendance event, ignoring the client value', () => {
    const doc = attendanceDoc({ receivedAt: '2000-01-01T00:00:00.000Z' });
    const result = planPush([{ newDocumentState: doc }], new Map(), {
      spec: collections.attendance,
      user: guide,
      now,
      staffSites: new Map([[doc.staffId as string, 'site-hall-1']]),
    });
    expect(result.kind === 'apply' && result.writes[0].data.receivedAt).toBe(now.toISOString());
  });

  it('rejects the whole push, listing every failing row, when any row fails', () => {
    const good = staffDoc();
    const bad = staffDoc({ gender: 'robot' });
    const outside = staffDoc({ siteId: 'site-other' });
    const result = plan([good, bad, outside].map((d) => ({ newDocumentState: d })), []);
    expect(result.kind).toBe('reject');
    if (result.kind !== 'reject') return;
    expect(result.rejections.map((r) => r.docId)).toEqual([bad.id, outside.id]);
    expect(result.rejections[0].reason).toContain('gender');
    expect(result.rejections[1].reason).toBe('Site site-other is outside your scope.');
  });

  it('rejects writes by a role that may not change the collection', () => {
    const result = plan([{ newDocumentState: staffDoc() }], [], guide);
    expect(result).toMatchObject({ kind: 'reject', rejections: [{ reason: 'The role guide may not change staff.' }] });
  });

  it('rejects moving a document out of a site the user cannot write', () => {
    const doc = staffDoc();
    const master = stored('staff', { ...doc, siteId: 'site-other' });
    const result = plan([{ newDocumentState: doc, assumedMasterState: { ...master.data, _deleted: false } }], [master]);
    expect(result).toMatchObject({ kind: 'reject', rejections: [{ reason: 'Site site-other is outside your scope.' }] });
  });

  it('lets a later row in the same push build on an earlier one', () => {
    const doc = staffDoc();
    const second = { ...doc, name: '第二' };
    const result = plan([{ newDocumentState: doc }, { newDocumentState: second, assumedMasterState: doc }], []);
    expect(result.kind === 'apply' && result.writes.map((w) => w.data.name)).toEqual([doc.name, '第二']);
  });
});
