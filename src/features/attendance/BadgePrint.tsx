import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useLiveDocs } from '../../app/hooks';
import { badgeQrSvgDataUrl } from '../kiosk/badge';
import { searchStaff } from '../kiosk/search';
import { SitePicker } from './SitePicker';
import { useSiteChoice } from './useSiteChoice';

/** Printable QR badges (ID-card size) for the site's staff, or those matching ?q=. */
export function BadgePrint() {
  const { t } = useTranslation();
  const { sites, siteId, setSiteId } = useSiteChoice();
  const [params] = useSearchParams();
  const query = params.get('q') ?? '';
  const site = sites.find((s) => s.id === siteId);
  const { docs: staff } = useLiveDocs('staff', { selector: { siteId } });
  const people = useMemo(() => searchStaff(staff, query, 1000).shown.filter((s) => s.badgeCode), [staff, query]);
  const [qr, setQr] = useState<Record<string, string>>({});

  useEffect(() => {
    let cancelled = false;
    void Promise.all(people.map(async (p) => [p.id, await badgeQrSvgDataUrl(p.badgeCode!)] as const)).then((pairs) => {
      if (!cancelled) setQr(Object.fromEntries(pairs));
    });
    return () => {
      cancelled = true;
    };
  }, [people]);

  return (
    <section aria-labelledby="badges-title">
      <h1 id="badges-title" className="no-print">
        {t('attendance.badges.title')}
      </h1>
      <div className="toolbar no-print">
        <SitePicker sites={sites} siteId={siteId} onChange={setSiteId} />
        <span>{t('attendance.badges.count', { count: people.length })}</span>
        <button type="button" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      <ul className="badge-sheet">
        {people.map((p) => (
          <li key={p.id} className="staff-badge" data-testid="staff-badge">
            <div className="staff-badge-text">
              <span className="staff-badge-site">{site?.name}</span>
              <strong className="staff-badge-name">{p.name}</strong>
              <span>{t('kiosk.staffNo', { no: p.staffNo })}</span>
            </div>
            {qr[p.id] && <img className="staff-badge-qr" src={qr[p.id]} alt={t('attendance.badges.qrAlt', { name: p.name })} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
