import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateDocument } from '../domain/collections';
import { base64FromBytes, bytesFromBase64 } from '../domain/rules/merge';
import { addRow, cellField, newSiteReport, periodOf, prefilledReport, siteReportLines } from '../domain/rules/site-report';
import type { SiteReport } from '../domain/schemas/site-report';
import { restoredVersion } from './conflict-log';
import { resolveConflict, type StoredDoc } from './conflicts';

/** Two devices writing the same weekly report offline: the conflict handler merges them, nothing typed is lost. */

const T0 = '2026-06-15T01:00:00.000Z';
const T1 = '2026-06-15T02:00:00.000Z';
const T2 = '2026-06-15T03:00:00.000Z';

function typed(cells: string | undefined, field: string, text: string): string {
  const doc = new Y.Doc();
  if (cells) Y.applyUpdate(doc, bytesFromBase64(cells));
  doc.getText(field).insert(0, text);
  return base64FromBytes(Y.encodeStateAsUpdate(doc));
}

const base = newSiteReport('site-hall-1', periodOf('week', '2026-06-17'));
const created: SiteReport = { ...base, ...prefilledReport(base.id, [{ rowId: 'r1', project: '综合受理' }]), updatedAt: T0, updatedBy: 'u-manager', deviceId: 'dev-a' };
const stored = (r: SiteReport): StoredDoc => {
  const v = validateDocument('inspections', r);
  if (!v.ok) throw new Error(v.reason);
  return { ...(v.doc as object), _deleted: false } as StoredDoc;
};

describe('resolveConflict for site reports', () => {
  it('merges the two versions and pushes the merge as the device’s own write', () => {
    // The manager typed the work cell; meanwhile the team leader's version reached the server with a new row.
    const local = stored({ ...created, updatedAt: T2, cells: typed(created.cells, cellField('r1', 'work'), '受理 312 件') });
    const master = stored({ ...created, updatedAt: T1, updatedBy: 'u-tl', deviceId: 'dev-b', rows: addRow(created.rows, 'r2'), cells: typed(created.cells, cellField('r2', 'problems'), '叫号机故障') });
    const r = resolveConflict('inspections', { local, master, base: stored(created) });
    expect(r.lost).toBeUndefined();
    expect(r.doc).not.toBe(master);
    expect(r.doc).toMatchObject({ updatedBy: 'u-manager', deviceId: 'dev-a' });
    const lines = siteReportLines(r.doc as unknown as SiteReport);
    expect(lines.map((l) => [l.no, l.cells.project, l.cells.work, l.cells.problems])).toEqual([
      [1, '综合受理', '受理 312 件', ''],
      [2, '', '', '叫号机故障'],
    ]);
    expect(validateDocument('inspections', { ...r.doc, _deleted: undefined }).ok).toBe(true);
  });

  it('takes the master without a push when it already holds everything of ours', () => {
    const local = stored({ ...created, updatedAt: T1 });
    const master = stored({ ...created, updatedAt: T2, deviceId: 'dev-b', rows: addRow(created.rows, 'r2') });
    expect(resolveConflict('inspections', { local, master, base: stored(created) })).toEqual({ doc: master });
  });
});

describe('restoring a lost site report from the conflict log', () => {
  it('merges it in: what others added since stays, nothing is revived', () => {
    const current = { ...created, rows: addRow(created.rows, 'r2') };
    const lost = { ...created, cells: typed(created.cells, cellField('r1', 'notes'), '丢失的备注') };
    const restored = restoredVersion('inspections', lost as never, current as never, T2) as unknown as SiteReport;
    expect(restored.rows.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(siteReportLines(restored)[0]!.cells.notes).toBe('丢失的备注');
    expect(validateDocument('inspections', restored).ok).toBe(true);
  });
});
