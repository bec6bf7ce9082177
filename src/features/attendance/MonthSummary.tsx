import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_TYPE, saveFile, toCsv, toXlsx, XLSX_TYPE } from '../../app/export';
import { useLiveDocs } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { addDays, daysOfMonth, monthOf } from '../../domain/calendar/days';
import { dayOfInstant, instantOf } from '../../domain/calendar/time-zone';
import type { KindOf } from '../../domain/collections';
import type { LeaveType } from '../../domain/policy';
import { buildMonthRows, monthColumns, type MonthRow } from './month-rows';
import { SitePicker } from './SitePicker';
import { useSiteContext } from './useSiteContext';
import { useAttendanceEvents } from './useAttendanceEvents';
import { useParam, useSiteChoice } from './useSiteChoice';

type Slot = KindOf<'rosters', 'slot'>;
type Session = KindOf<'training', 'session'>;

/** 出勤率 and 准时出勤率 per person and for the site, month to date; exported to CSV and xlsx, printable. */
export function MonthSummary() {
  const { t } = useTranslation();
  const { sites, siteId, setSiteId } = useSiteChoice();
  const ctx = useSiteContext(siteId);
  const { site, timeZone, policy, calendar } = ctx;
  const now = useNow();
  const thisMonth = monthOf(dayOfInstant(now, timeZone));
  const [month, setMonth] = useParam('month', thisMonth);
  const days = daysOfMonth(/^\d{4}-\d{2}$/.test(month) ? month : thisMonth);
  const first = days[0]!;
  const last = days.at(-1)!;
  const [exporting, setExporting] = useState<string | null>(null);

  const { docs: staff } = useLiveDocs('staff', { selector: { siteId } });
  const { docs: rosterDocs } = useLiveDocs('rosters', { selector: { siteId, kind: 'slot', day: { $gte: addDays(first, -1), $lte: last } } });
  const events = useAttendanceEvents(siteId, instantOf(addDays(first, -1), '00:00', timeZone), instantOf(addDays(last, 2), '00:00', timeZone));
  const { docs: leave } = useLiveDocs('leave', { selector: { siteId, status: 'approved' } });
  const { docs: sessionDocs } = useLiveDocs('training', { selector: { siteId, kind: 'session', day: { $gte: first, $lte: last } } });

  const summary = useMemo(
    () =>
      site
        ? buildMonthRows({
            month,
            nowMs: now,
            site,
            staff,
            slots: rosterDocs.filter((d): d is Slot => d.kind === 'slot'),
            events,
            leave: leave.filter((l) => l.startDay <= last && l.endDay >= first),
            sessions: sessionDocs.filter((d): d is Session => d.kind === 'session'),
            policy,
            isWorkingDay: (d) => calendar.isWorkingDay(d),
          })
        : null,
    [site, month, now, staff, rosterDocs, events, leave, sessionDocs, policy, calendar, first, last],
  );
  const leaveLabel = (type: LeaveType) => t(`attendance.leaveType.${type}`);
  const columns = monthColumns(t, leaveLabel);
  const totalRow: MonthRow | null = summary ? { staffId: '*', name: t('attendance.month.total'), staffNo: '', figures: summary.total } : null;
  const allRows = summary && totalRow ? [...summary.rows, totalRow] : [];
  const fileBase = `${t('attendance.month.fileName')}-${site?.name ?? siteId}-${month}`;

  const exportCsv = () => saveFile(`${fileBase}.csv`, toCsv(columns, allRows), CSV_TYPE);
  const exportXlsx = async () => {
    setExporting(t('attendance.month.exporting'));
    try {
      const data = await toXlsx([{ name: month, columns, rows: allRows } as never]);
      saveFile(`${fileBase}.xlsx`, data as BlobPart, XLSX_TYPE);
    } finally {
      setExporting(null);
    }
  };

  return (
    <section aria-labelledby="month-title" className="month-summary">
      <h1 id="month-title">{t('attendance.month.title', { site: site?.name ?? '', month })}</h1>
      <div className="toolbar no-print">
        <SitePicker sites={sites} siteId={siteId} onChange={setSiteId} />
        <label className="field inline">
          {t('attendance.month.month')}
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
        <button type="button" className="secondary" onClick={exportCsv} disabled={!summary}>
          {t('common.exportCsv')}
        </button>
        <button type="button" className="secondary" onClick={() => void exportXlsx()} disabled={!summary || exporting !== null}>
          {t('common.exportXlsx')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      {exporting && <ProgressBar label={exporting} value={0} max={0} />}
      {month === thisMonth && <p className="hint">{t('attendance.month.toDate', { day: dayOfInstant(now, timeZone) })}</p>}
      <p className="hint">{t('attendance.month.explain')}</p>
      {summary && (
        <div className="table-scroll">
          <table className="data month-table">
            <caption className="sr-only">{t('attendance.month.title', { site: site?.name ?? '', month })}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {allRows.map((r) => (
                <tr key={r.staffId} data-testid={r.staffId === '*' ? 'month-total' : 'month-row'} data-staff-id={r.staffId} className={r.staffId === '*' ? 'total' : undefined}>
                  {columns.map((c, i) => {
                    const Cell = i === 1 ? 'th' : 'td';
                    return (
                      <Cell key={c.key} data-col={c.key} {...(i === 1 ? { scope: 'row' } : {})}>
                        {c.value(r)}
                      </Cell>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
