import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateDocument } from '../collections';
import type { SiteReport } from '../schemas/site-report';
import { base64FromBytes, bytesFromBase64 } from './merge';
import {
  canWriteSiteReport,
  addRow,
  cellField,
  cellTexts,
  mergeSiteReports,
  newSiteReport,
  periodOf,
  prefilledReport,
  prefillFromPosts,
  prefillFromReport,
  previousPeriod,
  removeRow,
  rowsLost,
  siteReportLines,
  statusMayMove,
  submitReport,
} from './site-report';

const SITE = 'site-hall-1';
const stamp = { updatedAt: '2026-06-15T02:00:00.000Z', updatedBy: 'u-manager', deviceId: 'dev-a' };

/** Types into a stored cells state on a fresh Yjs client (a device), returns the new state. */
function typed(cells: string | undefined, edits: Record<string, string>): string {
  const doc = new Y.Doc();
  if (cells) Y.applyUpdate(doc, bytesFromBase64(cells));
  for (const [field, text] of Object.entries(edits)) {
    const y = doc.getText(field);
    y.delete(0, y.length);
    y.insert(0, text);
  }
  const out = base64FromBytes(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return out;
}

function report(period: 'week' | 'month', day: string, extra: Partial<SiteReport> = {}): SiteReport {
  return { ...newSiteReport(SITE, periodOf(period, day)), ...stamp, ...extra } as SiteReport;
}

describe('periods', () => {
  it.each([
    ['week', '2026-06-17', '2026-06-15', '2026-06-21'], // a Wednesday
    ['week', '2026-06-15', '2026-06-15', '2026-06-21'], // the Monday itself
    ['week', '2026-06-21', '2026-06-15', '2026-06-21'], // Sunday belongs to the week before
    ['week', '2026-01-01', '2025-12-29', '2026-01-04'], // across a year
    ['month', '2026-06-17', '2026-06-01', '2026-06-30'],
    ['month', '2024-02-10', '2024-02-01', '2024-02-29'], // leap year
    ['month', '2026-12-31', '2026-12-01', '2026-12-31'],
  ] as const)('%s of %s runs %s – %s', (period, day, start, end) => {
    expect(periodOf(period, day)).toEqual({ period, day: start, endDay: end });
  });

  it.each([
    ['week', '2026-06-15', '2026-06-08'],
    ['week', '2026-01-05', '2025-12-29'],
    ['month', '2026-06-01', '2026-05-01'],
    ['month', '2026-01-01', '2025-12-01'],
  ] as const)('the %s before %s starts %s', (period, start, before) => {
    expect(previousPeriod(period, start).day).toBe(before);
  });
});

describe('the schema', () => {
  it.each([
    ['a weekly draft', report('week', '2026-06-17'), null],
    ['a monthly draft', report('month', '2026-06-17'), null],
    ['a week not starting on Monday', { ...report('week', '2026-06-17'), day: '2026-06-16' }, /field "day": A weekly report starts on 2026-06-15/],
    ['a wrong end day', { ...report('month', '2026-06-17'), endDay: '2026-06-31' }, /field "endDay"/],
    ['a random id', { ...report('week', '2026-06-17'), id: 'r1' }, /field "id": id must be site-report:site-hall-1:week:2026-06-15/],
    ['two rows with one id', report('week', '2026-06-17', { rows: [{ id: 'a', position: 0, removed: false }, { id: 'a', position: 1, removed: false }] }), /Two rows have the same id/],
    ['submitted without who', report('week', '2026-06-17', { status: 'submitted' }), /field "submittedBy"/],
    ['cells not base64', report('week', '2026-06-17', { cells: 'not base64!' }), /field "cells": base64/],
  ] as const)('%s', (_title, doc, reason) => {
    const result = validateDocument('inspections', doc);
    if (reason === null) expect(result.ok ? 'ok' : result.reason).toBe('ok');
    else expect(result.ok ? 'ok' : result.reason).toMatch(reason);
  });
});

describe('siteReportLines builds the rows a report shows and exports', () => {
  const rows = [
    { id: 'b', position: 1, removed: false },
    { id: 'gone', position: 0, removed: true },
    { id: 'a', position: 1, removed: false },
    { id: 'z', position: 0, removed: false },
  ];
  const cells = typed(undefined, {
    [cellField('z', 'project')]: '综合受理',
    [cellField('z', 'work')]: '受理 312 件',
    [cellField('a', 'problems')]: '叫号机故障',
    [cellField('gone', 'project')]: '已删除',
    [cellField('b', 'summary')]: 'month column in a weekly report',
  });

  it.each([
    [
      'weekly: removed rows left out, ordered by position then id, numbered from 1',
      { period: 'week' as const, rows, cells },
      [
        { no: 1, rowId: 'z', cells: { project: '综合受理', work: '受理 312 件', status: '', problems: '', coordination: '', notes: '' } },
        { no: 2, rowId: 'a', cells: { project: '', work: '', status: '', problems: '叫号机故障', coordination: '', notes: '' } },
        { no: 3, rowId: 'b', cells: { project: '', work: '', status: '', problems: '', coordination: '', notes: '' } },
      ],
    ],
    [
      'monthly: the monthly columns',
      { period: 'month' as const, rows: [rows[0]!], cells },
      [{ no: 1, rowId: 'b', cells: { project: '', summary: 'month column in a weekly report', problems: '', improvements: '', plan: '', notes: '' } }],
    ],
    ['no rows', { period: 'week' as const, rows: [], cells: undefined }, []],
  ])('%s', (_title, input, expected) => {
    expect(siteReportLines(input)).toEqual(expected);
  });
});

describe('prefill', () => {
  const posts = [
    { id: 'post-w1', name: '综合受理窗口1' },
    { id: 'post-desk', name: '咨询引导台' },
  ];
  const id = report('week', '2026-06-17').id;

  it('writes one row per post with the post as project', () => {
    const filled = prefilledReport(id, prefillFromPosts(posts));
    expect(siteReportLines({ period: 'week', ...filled }).map((l) => [l.no, l.cells.project])).toEqual([
      [1, '综合受理窗口1'],
      [2, '咨询引导台'],
    ]);
  });

  it('gives the same state on two devices, so their merge keeps each project once', () => {
    const a = report('week', '2026-06-17', prefilledReport(id, prefillFromPosts(posts)));
    const b = report('week', '2026-06-17', { ...prefilledReport(id, prefillFromPosts(posts)), deviceId: 'dev-b' });
    expect(b.cells).toBe(a.cells);
    const merged = mergeSiteReports(a, { ...b, cells: typed(b.cells, { [cellField(b.rows[0]!.id, 'work')]: '受理 300 件' }) });
    expect(siteReportLines(merged).map((l) => [l.cells.project, l.cells.work])).toEqual([
      ['综合受理窗口1', '受理 300 件'],
      ['咨询引导台', ''],
    ]);
  });

  it('takes last period’s non-empty projects in its order', () => {
    const last = report('week', '2026-06-08', { rows: [{ id: 'x', position: 0, removed: false }, { id: 'y', position: 1, removed: false }, { id: 'w', position: 2, removed: false }] });
    last.cells = typed(undefined, { [cellField('x', 'project')]: '窗口服务', [cellField('w', 'project')]: '12345 热线' });
    const rows = prefillFromReport(last);
    expect(rows.map((r) => r.project)).toEqual(['窗口服务', '12345 热线']);
    expect(new Set(rows.map((r) => r.rowId)).size).toBe(2);
  });

  it('without rows writes no cells', () => {
    expect(prefilledReport(id, [])).toEqual({ rows: [] });
  });
});

describe('row edits and status', () => {
  it.each([
    ['add to empty', [], (r: SiteReport['rows']) => addRow(r, 'a'), [{ id: 'a', position: 0, removed: false }]],
    ['add after a removed row', [{ id: 'a', position: 3, removed: true }], (r: SiteReport['rows']) => addRow(r, 'b'), [{ id: 'a', position: 3, removed: true }, { id: 'b', position: 4, removed: false }]],
    ['add an existing id changes nothing', [{ id: 'a', position: 0, removed: false }], (r: SiteReport['rows']) => addRow(r, 'a'), [{ id: 'a', position: 0, removed: false }]],
    ['remove keeps a tombstone', [{ id: 'a', position: 0, removed: false }], (r: SiteReport['rows']) => removeRow(r, 'a'), [{ id: 'a', position: 0, removed: true }]],
  ])('%s', (_title, rows, edit, expected) => {
    expect(edit(rows)).toEqual(expected);
  });

  it.each([
    [[{ id: 'a', position: 0, removed: false }], [], ['a']],
    [[{ id: 'a', position: 0, removed: true }], [{ id: 'a', position: 0, removed: false }], ['a']],
    [[{ id: 'a', position: 0, removed: false }], [{ id: 'a', position: 0, removed: true }, { id: 'b', position: 1, removed: false }], []],
  ])('rowsLost(%j → %j) = %j', (before, after, lost) => {
    expect(rowsLost(before, after)).toEqual(lost);
  });

  it.each([
    ['draft', 'draft', true],
    ['draft', 'submitted', true],
    ['submitted', 'submitted', true],
    ['submitted', 'draft', false],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(statusMayMove(from, to)).toBe(ok);
  });

  it('submits a report with text, records who and when; refuses an empty one or a second submit', () => {
    const empty = report('week', '2026-06-17', { rows: [{ id: 'a', position: 0, removed: false }] });
    expect(submitReport(empty, '2026-06-19T09:00:00.000Z', 'u-manager')).toEqual({ ok: false, problem: 'empty' });
    const filled = { ...empty, cells: typed(undefined, { [cellField('a', 'work')]: '完成' }) };
    const done = submitReport(filled, '2026-06-19T09:00:00.000Z', 'u-manager');
    expect(done.ok && done.report).toMatchObject({ status: 'submitted', submittedAt: '2026-06-19T09:00:00.000Z', submittedBy: 'u-manager' });
    expect(done.ok && validateDocument('inspections', done.report).ok).toBe(true);
    expect(done.ok && submitReport(done.report, '2026-06-20T09:00:00.000Z', 'u-x')).toEqual({ ok: false, problem: 'already-submitted' });
  });
});

describe('mergeSiteReports', () => {
  const base = report('week', '2026-06-17', { rows: [{ id: 'a', position: 0, removed: false }] });
  base.cells = typed(undefined, { [cellField('a', 'project')]: '窗口' });
  // Device A types the work cell and adds a row; device B removes row a's notes, adds its own row and submits.
  const a: SiteReport = {
    ...base,
    updatedAt: '2026-06-16T01:00:00.000Z',
    rows: addRow(base.rows, 'from-a'),
    cells: typed(base.cells, { [cellField('a', 'work')]: 'A 写的工作', [cellField('from-a', 'project')]: 'A 的项目' }),
  };
  const b: SiteReport = {
    ...base,
    updatedAt: '2026-06-16T02:00:00.000Z',
    deviceId: 'dev-b',
    rows: removeRow(addRow(base.rows, 'from-b'), 'a'),
    cells: typed(base.cells, { [cellField('from-b', 'problems')]: 'B 的问题' }),
    status: 'submitted',
    submittedAt: '2026-06-16T02:00:00.000Z',
    submittedBy: 'u-tl',
  };
  const c: SiteReport = { ...base, updatedAt: '2026-06-16T03:00:00.000Z', cells: typed(base.cells, { [cellField('a', 'notes')]: 'C 的备注' }) };

  it('keeps both devices’ rows and text, the removal and the submission', () => {
    const m = mergeSiteReports(a, b);
    expect(m.status).toBe('submitted');
    expect(m.submittedBy).toBe('u-tl');
    expect(m.rows.find((r) => r.id === 'a')!.removed).toBe(true);
    expect(siteReportLines(m).map((l) => l.rowId).sort()).toEqual(['from-a', 'from-b']);
    const texts = cellTexts(m.cells);
    expect(texts.get(cellField('a', 'work'))).toBe('A 写的工作');
    expect(texts.get(cellField('from-b', 'problems'))).toBe('B 的问题');
    expect(validateDocument('inspections', m).ok).toBe(true);
  });

  it('is commutative, associative and idempotent', () => {
    const norm = (r: SiteReport) => ({ ...r, cells: Object.fromEntries(cellTexts(r.cells)) });
    expect(norm(mergeSiteReports(a, b))).toEqual(norm(mergeSiteReports(b, a)));
    expect(norm(mergeSiteReports(mergeSiteReports(a, b), c))).toEqual(norm(mergeSiteReports(a, mergeSiteReports(b, c))));
    expect(mergeSiteReports(a, a)).toEqual(a);
  });

  it('keeps the first submission when both submitted', () => {
    const early = { ...a, status: 'submitted' as const, submittedAt: '2026-06-16T00:30:00.000Z', submittedBy: 'u-manager' };
    expect(mergeSiteReports(early, b)).toMatchObject({ submittedAt: '2026-06-16T00:30:00.000Z', submittedBy: 'u-manager' });
    expect(mergeSiteReports(b, early)).toMatchObject({ submittedAt: '2026-06-16T00:30:00.000Z', submittedBy: 'u-manager' });
  });
});

describe('canWriteSiteReport', () => {
  it.each([
    ['team leader of the site', { role: 'team-leader', siteIds: ['site-a'] }, true],
    ['manager of the site', { role: 'manager', siteIds: ['site-a'] }, true],
    ['superior, organisation-wide', { role: 'superior', siteIds: ['*'] }, true],
    ['administrator', { role: 'admin', siteIds: ['*'] }, true],
    ['manager of another site', { role: 'manager', siteIds: ['site-b'] }, false],
    ['client reviewer reads only', { role: 'client-reviewer', siteIds: ['site-a'] }, false],
    ['trainer reads only', { role: 'trainer', siteIds: ['site-a'] }, false],
    ['guide', { role: 'guide', siteIds: ['site-a'] }, false],
    ['nobody signed in', undefined, false],
  ] as const)('%s', (_name, user, expected) => {
    expect(canWriteSiteReport(user as Parameters<typeof canWriteSiteReport>[0], 'site-a')).toBe(expected);
  });
});
