import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useScopeSites } from '../staff/hooks';

export function sitePath(id: string): string {
  return `/sites/${encodeURIComponent(id)}`;
}

const countOverrides = (o: Record<string, object | undefined> | undefined) =>
  Object.values(o ?? {}).reduce((n, g) => n + Object.keys(g ?? {}).length, 0);

/** The sites in scope, each with its posts, shifts and own rules at a glance. */
export function SiteList() {
  const { t } = useTranslation();
  const { sites, loading } = useScopeSites();
  return (
    <section className="staff sites">
      <h1>{t('sites.title')}</h1>
      <p>{t('sites.intro')}</p>
      {sites.length === 0 && <p role="status">{loading ? t('sites.waiting') : t('sites.none')}</p>}
      <ul className="site-cards">
        {sites.map((s) => (
          <li key={s.id} className="site-card" data-testid="site-card">
            <h2>
              <Link to={sitePath(s.id)} aria-label={t('sites.open', { name: s.name })}>
                {s.name}
              </Link>
            </h2>
            <p className="muted">{t(`sites.kind.${s.kind}`)}</p>
            <p>
              {t('sites.postsCount', { count: s.posts.length })} · {t('sites.shiftsCount', { count: s.shiftTemplates.length })} ·{' '}
              {t('sites.overridesCount', { count: countOverrides(s.policyOverrides) })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
