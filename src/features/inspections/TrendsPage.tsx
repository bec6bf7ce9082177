import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveDocs } from '../../app/hooks';
import { CSV_TYPE, saveFile, toCsv, toXlsx, XLSX_TYPE, type Column } from '../../app/export';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { actionSummary, inspectionTrends, type TrendDimension, type TrendPeriod, type TrendRow } from '../../domain/rules/inspection-trends';
import { latestVersions } from '../../domain/rules/inspection-template-versions';
import { useActions, useInspections, useSitePolicy, useSites, useTemplates, useToday } from './data';
import { formatScore, scoreTone } from './format';

const DIMENSIONS: TrendDimension[] = ['site', 'post', 'person', 'dimension'];

/** Inspection scores by site, post, person and dimension with their trend; open and overdue corrective actions. Exports to CSV and spreadsheet. */
export function TrendsPage() {
  const { t } = useTranslation();
  const today = useToday();
  const sites = useSites();
  const { templates } = useTemplates();
  const latest = latestVersions(templates);
  const { inspections } = useInspections();
  const actions = useActions();
  const { docs: staff } = useLiveDocs('staff', { selector: {} });
  const [by, setBy] = useState<TrendDimension>('site');
  const [period, setPeriod] = useState<TrendPeriod>('month');
  const [templateKey, setTemplateKey] = useState('');
  const [from, setFrom] = useState('');
  const [exporting, setExporting] = useState(false);
  const policy = useSitePolicy(undefined);
  // Sections (dimensions) are per template: that view needs one template.
  const effectiveKey = by === 'dimension' && !templateKey ? (latest[0]?.templateKey ?? '') : templateKey;

  // The pass mark is the lowest grade band that is not a fail (合格, 60 by default).
  const passMark = Math.min(...policy.inspection.gradeBands.filter((g) => g.min > 0).map((g) => g.min));
  const chosen = inspections.filter((i) => (!effectiveKey || i.templateKey === effectiveKey) && (!from || i.day >= from));
  const rows = inspectionTrends(chosen, by, period, Number.isFinite(passMark) ? passMark : 60);

  const names = new Map<string, string>(
    by === 'site'
      ? sites.map((s) => [s.id, s.name])
      : by === 'post'
        ? sites.flatMap((s) => s.posts.map((p) => [`${s.id}/${p.id}`, `${s.name} · ${p.name}`] as const))
        : by === 'person'
          ? staff.map((s) => [s.id, `${s.name} (${s.staffNo})`])
          : templates.filter((tp) => tp.templateKey === effectiveKey).flatMap((tp) => tp.sections.map((s) => [s.id, s.title] as const)),
  );
  const label = (key: string) => names.get(key) ?? key;

  const columns: Column<TrendRow>[] = [
    { header: t(`inspections.trends.by.${by}`), value: (r) => label(r.key) },
    { header: t('inspections.trends.count'), value: (r) => r.count },
    { header: t('inspections.trends.average'), value: (r) => r.average },
    { header: t('inspections.trends.min'), value: (r) => r.min },
    { header: t('inspections.trends.max'), value: (r) => r.max },
    { header: t('inspections.trends.passRate'), value: (r) => `${Math.round(r.passRate * 100)}%` },
    { header: t('inspections.trends.trend'), value: (r) => r.trend.map((p) => `${p.period}: ${p.average}`).join('; ') },
  ];
  const summary = actionSummary(actions, today);
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const data = await toXlsx([{ name: t('inspections.trends.title'), columns, rows } as never]);
      saveFile(`inspections-${by}-${today}.xlsx`, data as BlobPart, XLSX_TYPE);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="insp-trends">
      <h1>{t('inspections.trends.title')}</h1>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="trend-by">{t('inspections.trends.groupBy')}</label>
          <select id="trend-by" value={by} onChange={(e) => setBy(e.target.value as TrendDimension)}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`inspections.trends.by.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="trend-period">{t('inspections.trends.period')}</label>
          <select id="trend-period" value={period} onChange={(e) => setPeriod(e.target.value as TrendPeriod)}>
            <option value="month">{t('inspections.trends.month')}</option>
            <option value="week">{t('inspections.trends.week')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="trend-template">{t('inspections.fields.template')}</label>
          <select id="trend-template" value={effectiveKey} onChange={(e) => setTemplateKey(e.target.value)}>
            {by !== 'dimension' && <option value="">{t('inspections.trends.allTemplates')}</option>}
            {latest.map((tp) => (
              <option key={tp.templateKey} value={tp.templateKey}>
                {tp.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="trend-from">{t('inspections.trends.from')}</label>
          <input id="trend-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <button type="button" className="secondary" onClick={() => saveFile(`inspections-${by}-${today}.csv`, toCsv(columns, rows), CSV_TYPE)}>
          {t('common.exportCsv')}
        </button>
        <button type="button" className="secondary" onClick={() => void exportXlsx()} disabled={exporting}>
          {t('common.exportXlsx')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      {exporting && <ProgressBar label={t('inspections.trends.exporting')} value={0} max={1} />}
      {rows.length === 0 ? (
        <p role="status">{t('inspections.trends.none')}</p>
      ) : (
        <table className="data" data-testid="trend-table">
          <thead>
            <tr>
              {columns.slice(0, 6).map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
              <th scope="col">{t('inspections.trends.trend')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="trend-row">
                <th scope="row">{label(r.key)}</th>
                <td>{r.count}</td>
                <td>
                  <span className={`badge ${scoreTone(r.average)}`}>{formatScore(r.average)}</span>
                </td>
                <td>{formatScore(r.min)}</td>
                <td>{formatScore(r.max)}</td>
                <td>{Math.round(r.passRate * 100)}%</td>
                <td>
                  <Sparkline points={r.trend.map((p) => p.average)} label={r.trend.map((p) => `${p.period} ${p.average}`).join(', ')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="trend-actions">
        <h2 id="trend-actions">{t('inspections.trends.actions')}</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('inspections.fields.site')}</th>
              <th scope="col">{t('inspections.trends.open')}</th>
              <th scope="col">{t('inspections.trends.overdue')}</th>
              <th scope="col">{t('inspections.trends.closed')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.map((s) => (
              <tr key={s.siteId}>
                <th scope="row">{siteName(s.siteId)}</th>
                <td>{s.open}</td>
                <td>{s.overdue > 0 ? <span className="badge bad">{s.overdue}</span> : 0}</td>
                <td>{s.closed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** A small line of averages over time (0–100), with the numbers as its accessible name. */
function Sparkline({ points, label }: { points: number[]; label: string }) {
  const w = 120;
  const h = 28;
  if (points.length === 0) return null;
  const step = points.length > 1 ? w / (points.length - 1) : 0;
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(h - (p / 100) * h).toFixed(1)}`).join(' ');
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} className="sparkline">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="2" />
      {points.length === 1 && <circle cx={0} cy={h - (points[0]! / 100) * h} r={2} fill="currentColor" />}
    </svg>
  );
}
