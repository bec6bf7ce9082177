import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { ORG_WIDE } from '../domain/schemas/common';
import { useSession } from '../sync/session';
import { useLiveDocs } from './hooks';

/** Chooses the site to work on; with a single site in scope, goes straight to its kiosk. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const { docs: sites, loading } = useLiveDocs('sites', { selector: {} });
  const scope = session?.user.siteIds ?? [];
  const inScope = sites.filter((s) => scope.includes(ORG_WIDE) || scope.includes(s.id));

  if (inScope.length === 1) return <Navigate to={`/kiosk/${inScope[0]!.id}`} replace />;
  return (
    <section>
      <h1>{t('home.choose')}</h1>
      {inScope.length === 0 && <p role="status">{loading || scope.length > 0 ? t('home.waiting') : t('home.none')}</p>}
      <ul className="site-list">
        {inScope.map((s) => (
          <li key={s.id}>
            <Link className="tile" to={`/kiosk/${s.id}`}>
              {s.name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
