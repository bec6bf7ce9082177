import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toCsv, toXlsx } from '../../app/export';
import { base64FromBytes } from '../../domain/rules/merge';
import { cellField, newSiteReport, periodOf, prefilledReport } from '../../domain/rules/site-report';
import type { SiteReport } from '../../domain/schemas/site-report';
import { messages } from './messages';
import { siteReportFileBase, siteReportSheet } from './site-report-sheet';

/** zh-CN as the screen shows it, from the feature's catalog. */
const zh = messages['zh-CN'] as unknown as Record<string, unknown>;
const t = (key: string) => String(key.split('.').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], zh));

function weekly(): SiteReport {
  const base = newSiteReport('site-hall-1', periodOf('week', '2026-06-17'));
  const filled = prefilledReport(base.id, [
    { rowId: 'r1', project: '综合受理窗口' },
    { rowId: 'r2', project: '咨询引导台' },
  ]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Uint8Array.from(atob(filled.cells!), (c) => c.charCodeAt(0)));
  doc.getText(cellField('r1', 'work')).insert(0, '受理 312 件，办结率 100%');
  doc.getText(cellField('r2', 'coordination')).insert(0, '需增派 1 名引导员, "周五"高峰');
  return { ...base, ...filled, cells: base64FromBytes(Y.encodeStateAsUpdate(doc)), updatedAt: '2026-06-17T01:00:00.000Z', updatedBy: 'u', deviceId: 'd' };
}

describe('site report exports', () => {
  it('the weekly sheet has 序号 and the weekly columns, a line per row', () => {
    const sheet = siteReportSheet(weekly(), t);
    expect(sheet.name).toBe('周报 2026-06-15');
    expect(sheet.columns.map((c) => c.header)).toEqual(['序号', '项目', '工作内容', '完成情况', '存在问题', '需协调事项', '备注']);
    expect(sheet.rows.map((r) => sheet.columns.map((c) => c.value(r)))).toEqual([
      [1, '综合受理窗口', '受理 312 件，办结率 100%', '', '', '', ''],
      [2, '咨询引导台', '', '', '', '需增派 1 名引导员, "周五"高峰', ''],
    ]);
    const monthly = siteReportSheet({ ...weekly(), period: 'month', day: '2026-06-01' }, t);
    expect(monthly.columns.map((c) => c.header)).toEqual(['序号', '项目', '工作总结', '存在问题', '改进措施', '下月计划', '备注']);
  });

  it('the xlsx reads back with the same sheet, headers and rows', async () => {
    const sheet = siteReportSheet(weekly(), t);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([sheet as never])).buffer as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['周报 2026-06-15']);
    const ws = wb.worksheets[0]!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1).map((v) => v ?? '');
    expect(values(1)).toEqual(sheet.columns.map((c) => c.header));
    expect(ws.rowCount).toBe(3);
    expect(values(3)).toEqual([2, '咨询引导台', '', '', '', '需增派 1 名引导员, "周五"高峰', '']);
  });

  it('the CSV starts with a BOM and quotes what needs quoting', () => {
    const sheet = siteReportSheet(weekly(), t);
    const csv = toCsv(sheet.columns, sheet.rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '序号,项目,工作内容,完成情况,存在问题,需协调事项,备注',
      '1,综合受理窗口,受理 312 件，办结率 100%,,,,',
      '2,咨询引导台,,,,"需增派 1 名引导员, ""周五""高峰",',
      '',
    ]);
  });

  it('names files without characters a file system refuses', () => {
    expect(siteReportFileBase(weekly(), '市民中心/政务大厅', t)).toBe('周报-市民中心_政务大厅-2026-06-15_2026-06-21');
  });
});
