import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Site } from '../../domain/schemas/site';
import { useScopeSites } from './data';

/** The site a roster screen shows: `?site=` in the address (so a view can be linked and reloaded), else the first in scope. */
export function useSiteParam(): { site: Site | undefined; sites: Site[]; loading: boolean; setSite(id: string): void } {
  const { sites, loading } = useScopeSites();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('site');
  const site = sites.find((s) => s.id === wanted) ?? sites[0];
  const setSite = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('site', id);
      return next;
    });
  return { site, sites, loading, setSite };
}

export function SitePicker({ site, sites, onChange }: { site: Site | undefined; sites: Site[]; onChange(id: string): void }) {
  const { t } = useTranslation();
  if (sites.length <= 1) return site ? <strong className="roster-site-name">{site.name}</strong> : null;
  return (
    <label className="field roster-inline-field">
      <span>{t('roster.site')}</span>
      <select value={site?.id ?? ''} onChange={(e) => onChange(e.target.value)}>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
