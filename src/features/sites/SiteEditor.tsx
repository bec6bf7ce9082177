import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLiveDocs } from '../../app/hooks';
import { InvalidDocumentError } from '../../db/write';
import type { Site } from '../../domain/schemas/site';
import { useSession } from '../../sync/session';
import { canEditSite } from '../staff/access';
import { useOrgPolicy } from '../staff/hooks';
import { PolicyEditor } from './PolicyEditor';
import { PostsEditor } from './PostsEditor';
import { ShiftsEditor } from './ShiftsEditor';
import { useSiteWriter } from './shared';

/** One site's set-up: posts with A/B holders, shift templates, the site's rules. Each section saves on its own. */
export function SiteEditor() {
  const { siteId = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const { docs: sites, loading } = useLiveDocs('sites', { selector: { id: siteId } });
  const site = sites[0];
  const { docs: staff } = useLiveDocs('staff', { selector: { siteId } });
  const orgPolicy = useOrgPolicy();
  const writeSite = useSiteWriter();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const canEdit = canEditSite(session?.user, siteId);
  // Each editor restarts from the stored section when that section changes (after a save or a sync).
  const keys = useMemo(
    () => (site ? { posts: JSON.stringify(site.posts), shifts: JSON.stringify(site.shiftTemplates), policy: JSON.stringify(site.policyOverrides ?? {}) } : null),
    [site],
  );

  if (!site || !keys) {
    return (
      <section className="staff sites">
        <p role="status">{loading ? t('common.loading') : t('sites.notFound')}</p>
        <Link to="/sites">{t('sites.backToList')}</Link>
      </section>
    );
  }

  const save = async (change: Partial<Pick<Site, 'posts' | 'shiftTemplates' | 'policyOverrides'>>) => {
    setNotice(null);
    try {
      await writeSite(site, change);
      setNotice({ ok: true, text: t('sites.saved') });
    } catch (err) {
      const message = err instanceof InvalidDocumentError ? err.reason : err instanceof Error ? err.message : String(err);
      setNotice({ ok: false, text: t('sites.saveFailed', { message }) });
    }
  };

  return (
    <section className="staff sites site-editor">
      <p>
        <Link to="/sites">{t('sites.backToList')}</Link>
      </p>
      <h1>
        {site.name} <span className="muted">{t(`sites.kind.${site.kind}`)}</span>
      </h1>
      {!canEdit && <p className="hint">{t('sites.readOnly')}</p>}
      <p role={notice?.ok === false ? 'alert' : 'status'} className={notice ? (notice.ok ? 'saved-note' : 'error') : 'notice-empty'} data-testid="site-notice">
        {notice?.text}
      </p>
      <PostsEditor key={`posts-${keys.posts}`} site={site} staff={staff} canEdit={canEdit} onSave={(posts) => save({ posts })} />
      <ShiftsEditor key={`shifts-${keys.shifts}`} site={site} canEdit={canEdit} onSave={(shiftTemplates) => save({ shiftTemplates })} />
      <PolicyEditor
        key={`policy-${keys.policy}`}
        site={site}
        orgPolicy={orgPolicy}
        canEdit={canEdit}
        onSave={(policyOverrides) => save({ policyOverrides })}
      />
    </section>
  );
}
