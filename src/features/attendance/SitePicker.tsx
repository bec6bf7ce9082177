import { useTranslation } from 'react-i18next';
import type { Site } from '../../domain/schemas/site';

/** Chooses one of the sites in scope (hidden when there is only one). */
export function SitePicker({ sites, siteId, onChange }: { sites: readonly Site[]; siteId: string; onChange(id: string): void }) {
  const { t } = useTranslation();
  if (sites.length <= 1) return sites[0] ? <strong className="site-name">{sites[0].name}</strong> : null;
  return (
    <label className="field inline">
      {t('attendance.site')}
      <select value={siteId} onChange={(e) => onChange(e.target.value)}>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
