import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { InvalidDocumentError, upsertDoc } from '../../db/write';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { transferStaff, type TransferProblem } from '../../domain/rules/staff-changes';
import type { Site } from '../../domain/schemas/site';
import type { Staff, StaffTransfer as Transfer } from '../../domain/schemas/staff';
import { nowMs } from '../../sync/clock';
import { useSession } from '../../sync/session';
import { canEditStaff } from './access';
import { useScopeSites } from './hooks';
import { staffPath } from './StaffList';

/** Moves a person to another site or post from a day, keeping the move on the record (mounted at /staff/:staffId/transfer). */
export function StaffTransfer() {
  const { staffId = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const { docs, loading } = useLiveDocs('staff', { selector: { id: staffId } });
  const { sites, loading: sitesLoading } = useScopeSites();
  const staff = docs[0];
  if ((loading && !staff) || sitesLoading) return <p role="status">{t('common.loading')}</p>;
  if (!staff) return <p role="status">{t('staff.notFound')}</p>;
  const targets = sites.filter((s) => canEditStaff(session?.user, s.id));
  if (!canEditStaff(session?.user, staff.siteId)) return <p role="alert">{t('staff.noAccess')}</p>;
  if (targets.length === 0) return <p role="alert">{t('staff.transfer.noSites')}</p>;
  return <TransferForm key={staff.id} staff={staff} sites={targets} allSites={sites} />;
}

function TransferForm({ staff, sites, allSites }: { staff: Staff; sites: Site[]; allSites: Site[] }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const id = useId();
  const home = allSites.find((s) => s.id === staff.siteId);
  const today = dayOfInstant(useNow(60_000), home?.timeZone ?? 'Asia/Shanghai');
  const [day, setDay] = useState(today);
  const [toSiteId, setToSiteId] = useState(sites.find((s) => s.id !== staff.siteId)?.id ?? staff.siteId);
  const [toPostId, setToPostId] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<TransferProblem | 'day-required' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const target = sites.find((s) => s.id === toSiteId);
  const place = (siteId: string, postId: string | undefined) => {
    const site = allSites.find((s) => s.id === siteId);
    const post = site?.posts.find((p) => p.id === postId);
    return [site?.name ?? siteId, post?.name ?? postId].filter(Boolean).join(' · ');
  };

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    if (!day) return setProblem('day-required');
    const result = transferStaff(
      staff,
      { day, toSiteId, toPostId, note },
      { today, postIdsAtTarget: new Set(target?.posts.map((p) => p.id) ?? []), recordedAt: new Date(nowMs()).toISOString(), recordedBy: author.userId },
    );
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setSaving(true);
    try {
      const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...doc } = result.staff;
      await upsertDoc(db, 'staff', doc, author);
      navigate(staffPath(staff.id), { state: { transferred: true } });
    } catch (err) {
      setFailure(err instanceof InvalidDocumentError ? err.reason : err instanceof Error ? err.message : String(err));
      setSaving(false);
    }
  };

  return (
    <section className="staff staff-edit" aria-labelledby={`${id}-title`}>
      <p>
        <Link to={staffPath(staff.id)}>{staff.name}</Link>
      </p>
      <h1 id={`${id}-title`}>{t('staff.transfer.title', { name: staff.name })}</h1>
      <p className="hint">{t('staff.transfer.intro')}</p>
      <p>{t('staff.transfer.current', { place: place(staff.siteId, staff.postId) })}</p>
      {problem && (
        <p role="alert" className="error" data-testid="transfer-problem">
          {t(`staff.transfer.problem.${problem}`)}
        </p>
      )}
      {failure && (
        <p role="alert" className="error">
          {t('staff.transfer.failed', { message: failure })}
        </p>
      )}
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset>
          <legend>{t('staff.transfer.action')}</legend>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-day`}>{t('staff.transfer.day')}</label>
              <input id={`${id}-day`} type="date" value={day} max={today} onChange={(e) => setDay(e.target.value)} aria-invalid={problem === 'future' || problem === 'day-required' || problem === 'before-hire' || problem === 'before-last-transfer'} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-site`}>{t('staff.transfer.toSite')}</label>
              <select
                id={`${id}-site`}
                value={toSiteId}
                onChange={(e) => {
                  setToSiteId(e.target.value);
                  setToPostId('');
                }}
              >
                {sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-post`}>{t('staff.transfer.toPost')}</label>
              <select id={`${id}-post`} value={toPostId} onChange={(e) => setToPostId(e.target.value)}>
                <option value="">{t('staff.noPost')}</option>
                {target?.posts.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-note`}>{t('staff.transfer.note')}</label>
              <input id={`${id}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </div>
          </div>
        </fieldset>
        <div className="toolbar">
          <button type="submit" disabled={saving}>
            {saving ? t('staff.transfer.saving') : t('staff.transfer.save')}
          </button>
          <Link className="button-link secondary" to={staffPath(staff.id)}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

/** The record's transfers, newest first (shown on the staff detail page). */
export function TransferHistory({ transfers, sites }: { transfers: readonly Transfer[] | undefined; sites: readonly Site[] }) {
  const { t } = useTranslation();
  const place = (siteId: string, postId: string | undefined) => {
    const site = sites.find((s) => s.id === siteId);
    const post = site?.posts.find((p) => p.id === postId);
    return [site?.name ?? siteId, post?.name ?? postId].filter(Boolean).join(' · ');
  };
  const list = [...(transfers ?? [])].reverse();
  return (
    <section aria-labelledby="transfers-title" data-testid="transfer-history">
      <h2 id="transfers-title">{t('staff.transfer.history')}</h2>
      {list.length === 0 ? (
        <p>{t('staff.transfer.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('staff.transfer.day')}</th>
              <th scope="col">{t('staff.transfer.from')}</th>
              <th scope="col">{t('staff.transfer.to')}</th>
              <th scope="col">{t('staff.transfer.note')}</th>
              <th scope="col">{t('staff.transfer.by')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((x, i) => (
              <tr key={`${x.day}-${i}`} data-testid="transfer-row">
                <td>{x.day}</td>
                <td>{place(x.fromSiteId, x.fromPostId)}</td>
                <td>{place(x.toSiteId, x.toPostId)}</td>
                <td>{x.note ?? ''}</td>
                <td>{x.recordedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
