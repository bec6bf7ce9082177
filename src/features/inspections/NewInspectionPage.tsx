import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { newId } from '../../domain/ids';
import { startableTemplates } from '../../domain/rules/inspection-template-versions';
import type { Inspection } from '../../domain/schemas/inspection';
import { insertDoc } from '../../db/write';
import { nowMs } from '../../sync/clock';
import { useSession } from '../../sync/session';
import { abilitiesOf, sitesInScope, useSites, useStaff, useTemplates } from './data';
import { PostQrScanner } from './PostQrScanner';

const MODES: Inspection['mode'][] = ['patrol', 'scheduled', 'spot-check', 'mystery-shopper'];

/** Starts an inspection: site, template (its newest published version), post and person — or the post's QR code. */
export function NewInspectionPage() {
  const { t } = useTranslation();
  const session = useSession();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sites = sitesInScope(useSites(), session);
  const { templates } = useTemplates();
  const [siteId, setSiteId] = useState(params.get('site') ?? '');
  const [templateKey, setTemplateKey] = useState(params.get('template') ?? '');
  const [mode, setMode] = useState<Inspection['mode']>((params.get('mode') as Inspection['mode'] | null) ?? 'patrol');
  const [postId, setPostId] = useState('');
  const [staffId, setStaffId] = useState('');
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const site = sites.find((s) => s.id === siteId);
  const staff = useStaff(siteId || undefined);
  const people = useMemo(() => staff.filter((s) => s.status !== 'left').sort((a, b) => a.staffNo.localeCompare(b.staffNo)), [staff]);
  const choices = useMemo(() => startableTemplates(templates).filter((tp) => !site || tp.appliesTo.includes(site.kind)), [templates, site]);
  const template = choices.find((tp) => tp.templateKey === templateKey);

  if (!abilitiesOf(session).inspect) return <p>{t('inspections.notAllowed')}</p>;

  const choosePost = (id: string) => {
    setPostId(id);
    const post = site?.posts.find((p) => p.id === id);
    if (post?.holderA) setStaffId(post.holderA);
  };

  const start = async () => {
    if (!session) return;
    if (!site || !template) return setError(t('inspections.new.chooseFirst'));
    setBusy(true);
    setError(null);
    try {
      const now = nowMs();
      const id = newId();
      await insertDoc(
        db,
        'inspections',
        {
          id,
          siteId: site.id,
          kind: 'inspection',
          templateId: template.id,
          templateKey: template.templateKey,
          templateVersion: template.version,
          day: dayOfInstant(now, site.timeZone),
          mode,
          inspectorId: session.user.id,
          ...(postId ? { postId } : {}),
          ...(staffId ? { staffId } : {}),
          startedAt: new Date(now).toISOString(),
          answers: [],
          instanceLabels: [],
          photos: [],
          signatures: [],
          status: 'draft',
        },
        author,
      );
      navigate(`/inspections/run/${id}`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <section className="insp-new">
      <h1>{t('inspections.new.title')}</h1>
      <div className="toolbar">
        <button type="button" className="secondary" onClick={() => setScanning(true)}>
          {t('inspections.qr.scan')}
        </button>
      </div>
      {scanning && (
        <PostQrScanner
          onClose={() => setScanning(false)}
          onPost={(p) => {
            setScanning(false);
            if (!sites.some((s) => s.id === p.siteId)) return setError(t('inspections.qr.outOfScope'));
            setSiteId(p.siteId);
            const post = sites.find((s) => s.id === p.siteId)?.posts.find((x) => x.id === p.postId);
            setPostId(p.postId);
            setStaffId(post?.holderA ?? '');
          }}
        />
      )}
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <div className="field">
          <label htmlFor="new-site">{t('inspections.fields.site')}</label>
          <select
            id="new-site"
            value={siteId}
            required
            onChange={(e) => {
              setSiteId(e.target.value);
              setPostId('');
              setStaffId('');
            }}
          >
            <option value="">{t('inspections.new.choose')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-template">{t('inspections.fields.template')}</label>
          <select id="new-template" value={templateKey} required onChange={(e) => setTemplateKey(e.target.value)}>
            <option value="">{t('inspections.new.choose')}</option>
            {choices.map((tp) => (
              <option key={tp.templateKey} value={tp.templateKey}>
                {tp.name} (v{tp.version})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-mode">{t('inspections.fields.mode')}</label>
          <select id="new-mode" value={mode} onChange={(e) => setMode(e.target.value as Inspection['mode'])}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`inspections.mode.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-post">{t('inspections.fields.post')}</label>
          <select id="new-post" value={postId} onChange={(e) => choosePost(e.target.value)} disabled={!site}>
            <option value="">{t('inspections.new.noPost')}</option>
            {site?.posts.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-person">{t('inspections.fields.person')}</label>
          <select id="new-person" value={staffId} onChange={(e) => setStaffId(e.target.value)} disabled={!site}>
            <option value="">{t('inspections.new.noPerson')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.staffNo})
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="toolbar">
          <button type="submit" disabled={busy}>
            {t('inspections.new.start')}
          </button>
        </div>
      </form>
    </section>
  );
}
