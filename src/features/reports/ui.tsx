import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DocOf } from '../../domain/collections';
import { useScopedSites } from './useReportData';

export { Figure } from './figure';

export const ALL_SITES = 'all';

export interface Scope {
  sites: DocOf<'sites'>[];
  /** The sites reported on: one, or every site in scope for the organisation view. */
  chosen: DocOf<'sites'>[];
  siteParam: string;
  /** The month chosen in the URL (?month=), if valid. */
  month: string | undefined;
  set(name: 'site' | 'month', value: string): void;
}

/** The site (or all sites) and month in the URL, so a report can be bookmarked and reloaded offline. */
export function useScope(): Scope {
  const [params, setParams] = useSearchParams();
  const { sites } = useScopedSites();
  const siteParam = params.get('site') ?? (sites.length > 1 ? ALL_SITES : (sites[0]?.id ?? ''));
  const chosen = useMemo(() => (siteParam === ALL_SITES ? sites : sites.filter((s) => s.id === siteParam)), [sites, siteParam]);
  const m = params.get('month');
  return {
    sites,
    chosen,
    siteParam,
    month: m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : undefined,
    set: (name, value) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set(name, value);
        return next;
      }),
  };
}

export function ScopePicker({ scope, month }: { scope: Scope; month: string }) {
  const { t } = useTranslation();
  return (
    <div className="toolbar no-print">
      <label className="field inline">
        {t('reports.site')}
        <select value={scope.siteParam} onChange={(e) => scope.set('site', e.target.value)} data-testid="scope-site">
          {scope.sites.length > 1 && <option value={ALL_SITES}>{t('reports.allSites')}</option>}
          {scope.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field inline">
        {t('reports.monthLabel')}
        <input type="month" value={month} onChange={(e) => e.target.value && scope.set('month', e.target.value)} data-testid="scope-month" />
      </label>
    </div>
  );
}
