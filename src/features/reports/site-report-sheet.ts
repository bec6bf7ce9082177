import type { Column, Sheet } from '../../app/export';
import { siteReportColumns, siteReportLines, type SiteReportLine } from '../../domain/rules/site-report';
import type { SiteReport } from '../../domain/schemas/site-report';
import type { T } from './report-rows';

/**
 * A weekly or monthly site report as a sheet: 序号 and the period's columns,
 * one line per row shown. The same columns on screen, in print, in the CSV
 * and in the spreadsheet.
 */
export function siteReportSheet(report: Pick<SiteReport, 'period' | 'day' | 'rows' | 'cells'>, t: T): Sheet<SiteReportLine> {
  const columns: Column<SiteReportLine>[] = [
    { header: t('reports.siteReports.col.no'), value: (l) => l.no },
    ...siteReportColumns[report.period].map((c) => ({ header: t(`reports.siteReports.col.${c}`), value: (l: SiteReportLine) => l.cells[c] })),
  ];
  return { name: `${t(`reports.siteReports.period.${report.period}`)} ${report.day}`, columns, rows: siteReportLines(report) };
}

/** The file name of an export: report kind, site and period, without characters file systems refuse. */
export function siteReportFileBase(report: Pick<SiteReport, 'period' | 'day' | 'endDay'>, siteName: string, t: T): string {
  return `${t(`reports.siteReports.period.${report.period}`)}-${siteName}-${report.day}_${report.endDay}`.replace(/[\\/:*?"<>|]/g, '_');
}
