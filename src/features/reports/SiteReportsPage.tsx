import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { insertDoc, InvalidDocumentError } from '../../db/write';
import type { KindOf } from '../../domain/collections';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import {
  newSiteReport,
  periodOf,
  prefilledReport,
  prefillFromPosts,
  prefillFromReport,
  previousPeriod,
  siteReportId,
  type PrefillRow,
} from '../../domain/rules/site-report';
import { siteReportPeriods, type SiteReportPeriod } from '../../domain/schemas/site-report';
import { useSession } from '../../sync/session';
import { canWriteSiteReport } from '../../domain/rules/site-report';
import { useScopedSites } from './useReportData';

export type SiteReportDoc = KindOf<'inspections', 'site-report'>;
type Prefill = 'posts' | 'previous' | 'none';

export const siteReportPath = (id: string) => `/reports/site-reports/${encodeURIComponent(id)}`;

/** An instant as the site's local date and time. */
export function formatInstant(at: string, locale: string, timeZone = 'Asia/Shanghai'): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString(locale, { timeZone, dateStyle: 'short', timeStyle: 'short' });
}

/** The weekly and monthly reports of one site: open or create the report of a period (offline too), and the list of existing ones. */
export default function SiteReportsPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { sites } = useScopedSites();
  const siteId = sites.some((s) => s.id === params.get('site')) ? params.get('site')! : (sites[0]?.id ?? '');
  const site = sites.find((s) => s.id === siteId);
  const today = dayOfInstant(useNow(60_000), site?.timeZone ?? 'Asia/Shanghai');
  const [period, setPeriod] = useState<SiteReportPeriod>('week');
  const [day, setDay] = useState('');
  const [prefill, setPrefill] = useState<Prefill>('posts');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { docs, loading } = useLiveDocs('inspections', { selector: { siteId, kind: 'site-report' } });
  const reports = useMemo(
    () => (docs as SiteReportDoc[]).sort((a, b) => b.day.localeCompare(a.day) || a.period.localeCompare(b.period)),
    [docs],
  );
  const canWrite = canWriteSiteReport(session?.user, siteId);

  const openOrCreate = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!site) return;
    setError(null);
    const p = periodOf(period, day || today);
    const id = siteReportId(site.id, period, p.day);
    const open = () => navigate(siteReportPath(id));
    if (await db.inspections.findOne(id).exec()) return open();
    if (!canWrite) return setError(t('reports.siteReports.readOnly'));
    let rows: PrefillRow[] = [];
    if (prefill === 'posts') rows = prefillFromPosts(site.posts);
    if (prefill === 'previous') {
      const before = await db.inspections.findOne(siteReportId(site.id, period, previousPeriod(period, p.day).day)).exec();
      const last = before?.toJSON() as SiteReportDoc | undefined;
      if (!last) return setError(t('reports.siteReports.noPrevious'));
      rows = prefillFromReport(last);
    }
    setBusy(true);
    try {
      await insertDoc(db, 'inspections', { ...newSiteReport(site.id, p), ...prefilledReport(id, rows) }, author);
      open();
    } catch (err) {
      // Synced in from another device meanwhile: open that one.
      if (await db.inspections.findOne(id).exec()) return open();
      setError(t('reports.siteReports.failed', { message: err instanceof InvalidDocumentError ? err.reason : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="site-reports-title" className="site-reports">
      <h1 id="site-reports-title">{t('reports.siteReports.title')}</h1>
      <p className="hint">{t('reports.siteReports.offlineHint')}</p>
      <form className="toolbar" onSubmit={(e) => void openOrCreate(e)} aria-label={t('reports.siteReports.open')} data-testid="site-report-form">
        <label className="field inline">
          {t('reports.siteReports.site')}
          <select
            value={siteId}
            data-testid="site-report-site"
            onChange={(e) =>
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                next.set('site', e.target.value);
                return next;
              })
            }
          >
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          {t('reports.siteReports.periodLabel')}
          <select value={period} onChange={(e) => setPeriod(e.target.value as SiteReportPeriod)} data-testid="site-report-period">
            {siteReportPeriods.map((p) => (
              <option key={p} value={p}>
                {t(`reports.siteReports.period.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          {t('reports.siteReports.day')}
          <input type="date" value={day || today} onChange={(e) => setDay(e.target.value)} data-testid="site-report-day" />
        </label>
        {canWrite && (
          <label className="field inline">
            {t('reports.siteReports.prefill')}
            <select value={prefill} onChange={(e) => setPrefill(e.target.value as Prefill)} data-testid="site-report-prefill">
              {(['posts', 'previous', 'none'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`reports.siteReports.prefillFrom.${p}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" disabled={busy || !site}>
          {t('reports.siteReports.open')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      <h2>{t('reports.siteReports.existing')}</h2>
      {reports.length === 0 ? (
        <p className="hint">{loading ? t('common.loading') : t('reports.siteReports.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="site-report-list">
            <caption className="sr-only">{t('reports.siteReports.existing')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.siteReports.periodLabel')}</th>
                <th scope="col">{t('reports.siteReports.periodCol')}</th>
                <th scope="col">{t('reports.siteReports.statusCol')}</th>
                <th scope="col">{t('reports.siteReports.rows')}</th>
                <th scope="col">{t('reports.siteReports.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-testid="site-report-item" data-id={r.id} data-status={r.status}>
                  <th scope="row">
                    <Link to={siteReportPath(r.id)}>{t(`reports.siteReports.period.${r.period}`)}</Link>
                  </th>
                  <td>{t('reports.siteReports.range', { from: r.day, to: r.endDay })}</td>
                  <td>
                    <span className={`badge ${r.status === 'submitted' ? 'ok' : 'warn'}`}>{t(`reports.siteReports.status.${r.status}`)}</span>
                  </td>
                  <td>{r.rows.filter((x) => !x.removed).length}</td>
                  <td>
                    <time dateTime={r.updatedAt}>{formatInstant(r.updatedAt, i18n.language, site?.timeZone)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
