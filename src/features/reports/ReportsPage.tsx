import { useMemo, useState } from 'react';
import { ExportBar } from '../../app/ui/ExportBar';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CSV_TYPE, saveFile, toCsv, toXlsx, XLSX_TYPE } from '../../app/export';
import { useNow } from '../../app/useNow';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { useLiveDocs } from '../../app/hooks';
import { daysOfMonth, monthOf } from '../../domain/calendar/days';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { siteAttendance } from '../../domain/rules/dashboard';
import { staffChanges } from '../../domain/rules/staff-changes';
import { reportIds, reportSheet, type ReportId, type ReportInput } from './report-rows';
import { siteDataFrom } from './site-data';
import { useCatalogNames, useReportData } from './useReportData';
import { ScopePicker, useScope } from './ui';

/** One of the documents' reports as a table: exports to CSV (with BOM) and xlsx, prints. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const { report: param } = useParams();
  const report: ReportId = reportIds.includes(param as ReportId) ? (param as ReportId) : 'attendance';
  const now = useNow();
  const scope = useScope();
  const tz = scope.chosen[0]?.timeZone ?? 'Asia/Shanghai';
  const today = dayOfInstant(now, tz);
  const month = scope.month ?? monthOf(today);
  const raw = useReportData(scope.chosen, month, today);
  const names = useCatalogNames();
  const [exporting, setExporting] = useState(false);
  // Staff changes look at every record on the device: a person transferred away now belongs to another site.
  const { docs: everyone } = useLiveDocs('staff', { selector: report === 'staff-changes' ? {} : { id: '-' } });
  const { docs: allSites } = useLiveDocs('sites', { selector: {} });

  const sheet = useMemo(() => {
    const staffName = new Map(raw.staff.map((s) => [s.id, s.name]));
    const siteName = new Map(allSites.map((s) => [s.id, s.name]));
    const posts = new Map(allSites.flatMap((s) => s.posts.map((p) => [`${s.id}/${p.id}`, p.name])));
    const chosen = new Set(raw.sites.map((s) => s.id));
    const days = daysOfMonth(month);
    const input: ReportInput = {
      month,
      today,
      siteName: (id) => siteName.get(id) ?? id,
      staff: raw.staff,
      attendance: report === 'attendance' ? siteDataFrom(raw).flatMap((s) => siteAttendance(s, month, now)) : [],
      staffChanges: report === 'staff-changes' ? staffChanges(everyone, days[0]!, days.at(-1)!, (id) => chosen.has(id)) : [],
      postName: (siteId, postId) => (postId ? (posts.get(`${siteId}/${postId}`) ?? postId) : ''),
      leave: raw.leave,
      results: raw.results.filter((r) => r.kind === 'exam-result'),
      courseName: names.course,
      inspections: raw.inspections.filter((r) => r.kind === 'inspection').map((i) => ({ ...i, templateKey: names.template(i.templateKey) })),
      actions: raw.inspections.filter((r) => r.kind === 'action'),
      personName: (id) => (id ? (staffName.get(id) ?? id) : ''),
    };
    return reportSheet(report, input, t);
  }, [raw, month, today, now, report, names, t, everyone, allSites]);

  const scopeName = scope.chosen.length === 1 ? scope.chosen[0]!.name : t('reports.allSites');
  const fileBase = `${sheet.name}-${scopeName}-${month}`;
  const exportCsv = () => saveFile(`${fileBase}.csv`, toCsv(sheet.columns, sheet.rows), CSV_TYPE);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      saveFile(`${fileBase}.xlsx`, (await toXlsx([sheet])) as BlobPart, XLSX_TYPE);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-labelledby="report-title" className="report-page">
      <h1 id="report-title">
        {sheet.name} · {scopeName} · {month}
      </h1>
      <ScopePicker scope={scope} month={month} />
      <ExportBar onCsv={exportCsv} onXlsx={() => void exportXlsx()} exporting={exporting} />
      {exporting && <ProgressBar label={t('reports.exporting')} value={0} max={0} />}
      {sheet.rows.length === 0 ? (
        <p className="hint">{t('reports.noData')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="report-table" data-rows={sheet.rows.length}>
            <caption className="sr-only">{sheet.name}</caption>
            <thead>
              <tr>
                {sheet.columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sheet.rows.map((r, i) => (
                <tr key={i}>
                  {sheet.columns.map((c) => (
                    <td key={c.header}>{c.value(r)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
