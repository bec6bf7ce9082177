import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import * as Y from 'yjs';
import { deterministicId } from '../ids';
import type { Role, SessionUser } from '../roles';
import { ORG_WIDE } from '../schemas/common';
import {
  periodEnd,
  periodStart,
  siteReportColumns,
  siteReportId,
  type SiteReport,
  type SiteReportColumn,
  type SiteReportPeriod,
  type SiteReportRow,
} from '../schemas/site-report';
import { base64FromBytes, bytesFromBase64, canonicalJson, mergeYjs } from './merge';

/**
 * The weekly and monthly site reports (周报 / 月报): periods, the rows a
 * report shows and exports, prefilled "project" rows, row edits and the merge
 * of two devices' versions. The document's shape is in
 * src/domain/schemas/site-report.ts.
 */

export { periodEnd, periodStart, siteReportColumns, siteReportId };

/** The name of a cell's Y.Text in the report's Yjs document. */
export const cellField = (rowId: string, column: string): string => `${rowId}.${column}`;

export interface Period {
  period: SiteReportPeriod;
  /** First day. */
  day: string;
  endDay: string;
}

/** The period holding `day`. */
export function periodOf(period: SiteReportPeriod, day: string): Period {
  const start = periodStart(period, day);
  return { period, day: start, endDay: periodEnd(period, start) };
}

/** The period before the one starting at `start` (last week, last month). */
export function previousPeriod(period: SiteReportPeriod, start: string): Period {
  const before = new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10)) - 1));
  return periodOf(period, before.toISOString().slice(0, 10));
}

// ---------------------------------------------------------------- cells

/** Every non-empty cell's text by field name, from the stored Yjs state. */
export function cellTexts(cells: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!cells) return out;
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, bytesFromBase64(cells));
    for (const name of doc.share.keys()) {
      const text = doc.getText(name).toString();
      if (text) out.set(name, text);
    }
  } finally {
    doc.destroy();
  }
  return out;
}

/** The rows in report order: by position, then id (two rows added at once on two devices). */
export function orderedRows(rows: readonly SiteReportRow[]): SiteReportRow[] {
  return [...rows].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface SiteReportLine {
  /** 序号: the row's place among the rows shown, from 1. */
  no: number;
  rowId: string;
  cells: Record<SiteReportColumn, string>;
}

/**
 * The rows a report shows, prints and exports: removed rows left out,
 * numbered from 1 in order, each column's text (empty when never typed).
 */
export function siteReportLines(report: Pick<SiteReport, 'period' | 'rows' | 'cells'>): SiteReportLine[] {
  const texts = cellTexts(report.cells);
  const columns = siteReportColumns[report.period];
  return orderedRows(report.rows)
    .filter((r) => !r.removed)
    .map((row, i) => ({
      no: i + 1,
      rowId: row.id,
      cells: Object.fromEntries(columns.map((c) => [c, texts.get(cellField(row.id, c)) ?? ''])) as Record<SiteReportColumn, string>,
    }));
}

// ---------------------------------------------------------------- prefill

export interface PrefillRow {
  rowId: string;
  project: string;
}

/** One row per post of the site, "project" = the post's name; row ids follow the post, so two devices prefill the same rows. */
export function prefillFromPosts(posts: readonly { id: string; name: string }[]): PrefillRow[] {
  return posts.map((p) => ({ rowId: deterministicId('post', [p.id]), project: p.name }));
}

/** The projects of last period's report (non-empty ones, in its order). */
export function prefillFromReport(previous: Pick<SiteReport, 'id' | 'period' | 'rows' | 'cells'>): PrefillRow[] {
  return siteReportLines(previous)
    .filter((l) => l.cells.project.trim() !== '')
    .map((l) => ({ rowId: deterministicId('prev', [previous.id, l.rowId]), project: l.cells.project }));
}

/** A Yjs client id (uint32) from content: the same row and text always gives the same id. */
function contentClientId(parts: readonly string[]): number {
  const h = sha256(utf8ToBytes(canonicalJson(parts)));
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

/**
 * The rows and cells of a new report prefilled with `prefill`. Each row's
 * project text is written by a Yjs client whose id derives from the report,
 * the row and the text, so two devices that prefill the same row with the
 * same text offline write the very same Yjs item and the merge keeps it once
 * (independent inserts of equal text would otherwise both survive).
 */
export function prefilledReport(reportId: string, prefill: readonly PrefillRow[]): Pick<SiteReport, 'rows' | 'cells'> {
  const rows: SiteReportRow[] = [];
  const updates: Uint8Array[] = [];
  const seen = new Set<string>();
  for (const p of prefill) {
    if (seen.has(p.rowId)) continue;
    seen.add(p.rowId);
    rows.push({ id: p.rowId, position: rows.length, removed: false });
    if (!p.project) continue;
    const doc = new Y.Doc({ gc: true });
    doc.clientID = contentClientId([reportId, p.rowId, p.project]);
    doc.getText(cellField(p.rowId, 'project')).insert(0, p.project);
    updates.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return updates.length === 0 ? { rows } : { rows, cells: base64FromBytes(Y.mergeUpdates(updates)) };
}

// ---------------------------------------------------------------- row edits

/** Adds an empty row at the end (after removed rows too, so positions only grow). */
export function addRow(rows: readonly SiteReportRow[], rowId: string): SiteReportRow[] {
  if (rows.some((r) => r.id === rowId)) return [...rows];
  const position = rows.reduce((max, r) => Math.max(max, r.position + 1), 0);
  return [...rows, { id: rowId, position, removed: false }];
}

/** Marks a row removed; it stays in the list so a merge cannot bring it back. */
export function removeRow(rows: readonly SiteReportRow[], rowId: string): SiteReportRow[] {
  return rows.map((r) => (r.id === rowId ? { ...r, removed: true } : r));
}

// ---------------------------------------------------------------- status

const STATUS_RANK: Record<SiteReport['status'], number> = { draft: 0, submitted: 1 };

/** Whether a report may go from `from` to `to`: the status only moves forward. */
export function statusMayMove(from: SiteReport['status'], to: SiteReport['status']): boolean {
  return STATUS_RANK[to] >= STATUS_RANK[from];
}

export type SubmitProblem = 'already-submitted' | 'empty';

/** Submits a draft: it needs at least one row with some text. */
export function submitReport(report: SiteReport, at: string, by: string): { ok: true; report: SiteReport } | { ok: false; problem: SubmitProblem } {
  if (report.status !== 'draft') return { ok: false, problem: 'already-submitted' };
  const anyText = siteReportLines(report).some((l) => Object.values(l.cells).some((v) => v.trim() !== ''));
  if (!anyText) return { ok: false, problem: 'empty' };
  return { ok: true, report: { ...report, status: 'submitted', submittedAt: at, submittedBy: by } };
}

/**
 * Rows of `before` that `after` dropped or revived: a write that does this
 * would undo another device's removal (the server refuses it).
 */
export function rowsLost(before: readonly SiteReportRow[], after: readonly SiteReportRow[]): string[] {
  const now = new Map(after.map((r) => [r.id, r]));
  return before.filter((r) => !now.has(r.id) || (r.removed && !now.get(r.id)!.removed)).map((r) => r.id);
}

// ---------------------------------------------------------------- merge

function mergeRow(a: SiteReportRow, b: SiteReportRow): SiteReportRow {
  return { id: a.id, position: Math.min(a.position, b.position), removed: a.removed || b.removed };
}

function compareInstants(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return Date.parse(a) - Date.parse(b) || (a < b ? -1 : 1);
}

/**
 * Merges two versions of a site report (a join: commutative, associative,
 * idempotent): rows united by id (a removal wins, the earlier position
 * stays), cells merged as Yjs text, and the status only moves forward, with
 * the first submission's time and author. The other fields are equal in both
 * (the id fixes site and period) but for the author stamps, which come from
 * the later write.
 */
export function mergeSiteReports(a: SiteReport, b: SiteReport): SiteReport {
  const lead = compareInstants(a.updatedAt, b.updatedAt) > 0 || (a.updatedAt === b.updatedAt && canonicalJson(a) >= canonicalJson(b)) ? a : b;
  const rows = new Map<string, SiteReportRow>();
  for (const r of [...a.rows, ...b.rows]) rows.set(r.id, rows.has(r.id) ? mergeRow(rows.get(r.id)!, r) : { ...r, removed: r.removed ?? false });
  const submitted = [a, b].filter((r) => r.status === 'submitted');
  const first = submitted.sort((x, y) => compareInstants(x.submittedAt, y.submittedAt) || (canonicalJson(x) < canonicalJson(y) ? -1 : 1))[0];
  const merged: SiteReport = {
    ...lead,
    rows: orderedRows([...rows.values()]),
    status: first ? 'submitted' : 'draft',
  };
  const cells = mergeYjs(a.cells, b.cells);
  if (cells === undefined) delete merged.cells;
  else merged.cells = cells;
  if (first) {
    merged.submittedAt = first.submittedAt;
    merged.submittedBy = first.submittedBy;
  } else {
    delete merged.submittedAt;
    delete merged.submittedBy;
  }
  return merged;
}

/** A new, empty draft of the period for a site (prefill with `prefilledReport`). */
export function newSiteReport(siteId: string, p: Period): Pick<SiteReport, 'id' | 'siteId' | 'kind' | 'period' | 'day' | 'endDay' | 'status' | 'rows'> {
  return { id: siteReportId(siteId, p.period, p.day), siteId, kind: 'site-report', period: p.period, day: p.day, endDay: p.endDay, status: 'draft', rows: [] };
}

/**
 * Who writes the weekly and monthly site reports: the site's team leader, project
 * manager, the manager's superior and administrators. Everyone else who may open
 * them reads. The app hides the editing controls with this; the sync server checks
 * the same list on every push (sync-server/auth/policy.ts).
 */
export const SITE_REPORT_WRITERS: readonly Role[] = ['team-leader', 'manager', 'superior', 'admin'];

export function canWriteSiteReport(user: Pick<SessionUser, 'role' | 'siteIds'> | undefined, siteId: string): boolean {
  return !!user && SITE_REPORT_WRITERS.includes(user.role) && (user.siteIds.includes(ORG_WIDE) || user.siteIds.includes(siteId));
}
