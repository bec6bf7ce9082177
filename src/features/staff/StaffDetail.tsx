import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useLiveDocs } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { lifecycleReminders } from '../../domain/rules/lifecycle';
import { canSeeSensitive, displaySensitive, type SensitiveField } from '../../domain/rules/sensitive';
import { certificateStates, onboardingStatus } from '../../domain/rules/staff-record';
import type { Staff } from '../../domain/schemas/staff';
import { useSession } from '../../sync/session';
import { canEditStaff } from './access';
import { fetchAudit, type AuditResult } from './history';
import { useSitePolicy } from './hooks';
import { staffPath } from './StaffList';
import { TransferHistory } from './StaffTransfer';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** One staff record: facts (sensitive ones masked by role), certificates, onboarding checklist, deadlines, history. */
export function StaffDetail() {
  const { staffId = '' } = useParams();
  const location = useLocation();
  const justSaved = (location.state as { saved?: boolean } | null)?.saved === true;
  const justTransferred = (location.state as { transferred?: boolean } | null)?.transferred === true;
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { docs, loading } = useLiveDocs('staff', { selector: { id: staffId } });
  const staff = docs[0];
  const { docs: sites } = useLiveDocs('sites', { selector: { id: staff?.siteId ?? '' } });
  const site = sites[0];
  const { docs: allSites } = useLiveDocs('sites', { selector: {} });
  const policy = useSitePolicy(site);
  const today = dayOfInstant(useNow(60_000), site?.timeZone ?? policy.time.timeZone);

  if (!staff) {
    return (
      <section className="staff">
        <p role="status">{loading ? t('common.loading') : t('staff.notFound')}</p>
        <Link to="/staff">{t('staff.backToList')}</Link>
      </section>
    );
  }

  const role = session?.user.role ?? 'guide';
  const sensitive = (field: SensitiveField, value: string | number | undefined) => {
    // Pay is not sent at all to roles that may not see it: absent is not "not set" for them.
    const shown = field === 'monthlyWage' && !canSeeSensitive(role, field) ? { text: '****', masked: true } : displaySensitive(role, field, value);
    if (!shown.text) return <span className="muted">{t('staff.notSet')}</span>;
    return (
      <span className="mono" data-testid={`staff-${field}`} data-masked={shown.masked}>
        {shown.text}
        {shown.masked && <span className="visually-hidden"> ({t('staff.masked')})</span>}
      </span>
    );
  };
  const opt = (v: string | undefined, group?: string) =>
    v ? (group ? t(`staff.${group}.${v}`) : v) : <span className="muted">{t('staff.notSet')}</span>;
  const post = site?.posts.find((p) => p.id === staff.postId);
  const certs = certificateStates(staff.certificates, today, policy);
  const onboarding = onboardingStatus(staff, today, policy);
  const reminders = lifecycleReminders(staff, today, policy);
  const canEdit = canEditStaff(session?.user, staff.siteId);
  const anyMasked = (['idNumber', 'phone', 'monthlyWage'] as const).some((f) => !canSeeSensitive(role, f));

  return (
    <section className="staff staff-detail" aria-labelledby="staff-detail-title">
      <p>
        <Link to="/staff">{t('staff.backToList')}</Link>
      </p>
      {justSaved && (
        <p role="status" className="saved-note">
          {t('staff.edit.saved')}
        </p>
      )}
      {justTransferred && (
        <p role="status" className="saved-note">
          {t('staff.transfer.done')}
        </p>
      )}
      <div className="detail-head">
        <h1 id="staff-detail-title">
          {staff.name} <span className="muted">{staff.staffNo}</span>
        </h1>
        <span className={`badge ${staff.status === 'on-post' ? 'ok' : staff.status === 'left' ? '' : 'warn'}`}>
          {t(`staff.status.${staff.status}`)}
        </span>
        {canEdit && (
          <Link className="button-link" to={`${staffPath(staff.id)}/edit`}>
            {t('common.edit')}
          </Link>
        )}
        {canEdit && staff.status !== 'left' && (
          <Link className="button-link secondary" to={`${staffPath(staff.id)}/transfer`}>
            {t('staff.transfer.action')}
          </Link>
        )}
      </div>

      <div className="detail-grid">
        <section aria-labelledby="facts-basic">
          <h2 id="facts-basic">{t('staff.edit.basic')}</h2>
          <dl className="facts">
            <Fact label={t('staff.fields.pinyinInitials')}>{staff.pinyinInitials || '—'}</Fact>
            <Fact label={t('staff.fields.gender')}>{t(`staff.gender.${staff.gender}`)}</Fact>
            <Fact label={t('staff.fields.site')}>{site?.name ?? staff.siteId}</Fact>
            <Fact label={t('staff.fields.post')}>{post?.name ?? staff.postId ?? t('staff.noPost')}</Fact>
            <Fact label={t('staff.fields.idNumber')}>{sensitive('idNumber', staff.idNumber)}</Fact>
            <Fact label={t('staff.fields.phone')}>{sensitive('phone', staff.phone)}</Fact>
            <Fact label={t('staff.fields.monthlyWage')}>{sensitive('monthlyWage', staff.monthlyWage)}</Fact>
            <Fact label={t('staff.fields.badgeCode')}>{opt(staff.badgeCode)}</Fact>
          </dl>
          {anyMasked && <p className="hint">{t('staff.maskedHint')}</p>}
        </section>

        <section aria-labelledby="facts-employment">
          <h2 id="facts-employment">{t('staff.edit.employment')}</h2>
          <dl className="facts">
            <Fact label={t('staff.fields.employmentForm')}>{opt(staff.employmentForm, 'employmentForm')}</Fact>
            <Fact label={t('staff.fields.agreementType')}>{opt(staff.agreementType, 'agreementType')}</Fact>
            <Fact label={t('staff.fields.intern')}>{staff.intern ? t('staff.yes') : t('staff.no')}</Fact>
            <Fact label={t('staff.fields.hiredOn')}>{opt(staff.hiredOn)}</Fact>
            <Fact label={t('staff.fields.contractStart')}>{opt(staff.contractStart)}</Fact>
            <Fact label={t('staff.fields.contractEnd')}>{opt(staff.contractEnd)}</Fact>
            <Fact label={t('staff.fields.probationEnd')}>{opt(staff.probationEnd)}</Fact>
            <Fact label={t('staff.fields.socialInsurance')}>{opt(staff.socialInsurance, 'socialInsurance')}</Fact>
            {staff.leftOn && <Fact label={t('staff.fields.leftOn')}>{staff.leftOn}</Fact>}
          </dl>
        </section>
      </div>

      <section aria-labelledby="certs-title">
        <h2 id="certs-title">{t('staff.certificates.title')}</h2>
        {certs.length === 0 ? (
          <p>{t('staff.certificates.none')}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('staff.certificates.kind')}</th>
                <th scope="col">{t('staff.certificates.number')}</th>
                <th scope="col">{t('staff.certificates.issuedOn')}</th>
                <th scope="col">{t('staff.certificates.expiresOn')}</th>
                <th scope="col">{t('staff.certificates.state')}</th>
              </tr>
            </thead>
            <tbody>
              {certs.map(({ certificate: c, state, daysLeft }, i) => (
                <tr key={`${c.kind}-${i}`} data-testid="certificate-row" data-state={state}>
                  <td>{c.kind}</td>
                  <td>{c.number ?? ''}</td>
                  <td>{c.issuedOn}</td>
                  <td>{c.expiresOn ?? ''}</td>
                  <td>
                    <span className={`badge ${state === 'expired' ? 'bad' : state === 'expiring' ? 'warn' : 'ok'}`}>
                      {t(`staff.certState.${state}`, { days: daysLeft })}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="detail-grid">
        <section aria-labelledby="onboarding-title">
          <h2 id="onboarding-title">
            {t('staff.onboarding.title')}{' '}
            <span className={`badge ${onboarding.complete ? 'ok' : 'warn'}`}>
              {onboarding.complete ? t('staff.onboarding.complete') : t('staff.onboarding.missing', { count: onboarding.missing.length })}
            </span>
          </h2>
          <ul className="checklist">
            {onboarding.items.map(({ item, done }) => (
              <li key={item} data-done={done}>
                <span aria-hidden="true">{done ? '✓' : '✗'}</span> {t(`staff.onboarding.${item}`, { months: policy.lifecycle.medicalReportMaxAgeMonths })}
                {' — '}
                <span className={done ? 'ok-text' : 'bad-text'}>{done ? t('staff.onboarding.done') : t('staff.onboarding.notDone')}</span>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="reminders-title">
          <h2 id="reminders-title">{t('staff.reminders.title')}</h2>
          {reminders.length === 0 ? (
            <p>{t('staff.reminders.none')}</p>
          ) : (
            <ul className="checklist">
              {reminders.map((r) => (
                <li key={`${r.kind}-${r.dueOn}-${r.subject ?? ''}`}>
                  {t(`staff.reminders.kind.${r.kind}`, { subject: r.subject })} · {t('staff.reminders.due', { day: r.dueOn })}{' '}
                  {r.overdue && <span className="badge bad">{t('staff.reminders.overdue')}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <TransferHistory transfers={staff.transfers} sites={allSites} />

      <History staff={staff} locale={i18n.language} timeZone={site?.timeZone ?? policy.time.timeZone} />
    </section>
  );
}

/** Bookkeeping every write changes: not worth listing as a change. */
const STAMP_FIELDS = new Set(['id', 'updatedAt', 'updatedBy', 'deviceId']);
const FIELD_KEYS: Record<string, string> = {
  siteId: 'fields.site',
  postId: 'fields.post',
  certificates: 'certificates.title',
  onboardingDocuments: 'onboarding.title',
  pin: 'history.pin',
  transfers: 'transfer.history',
};

function auditFieldLabels(fields: readonly string[], t: (key: string, opts?: Record<string, unknown>) => string): string[] {
  return fields.filter((f) => !STAMP_FIELDS.has(f)).map((f) => t(`staff.${FIELD_KEYS[f] ?? `fields.${f}`}`, { defaultValue: f }));
}

function formatInstant(at: string, locale: string, timeZone: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
}

/** The server's audit log of the record when it answers; otherwise the record's own last-change stamp. */
function History({ staff, locale, timeZone: tz }: { staff: Staff; locale: string; timeZone: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const token = session?.token;
  const [audit, setAudit] = useState<{ key: string; result: AuditResult } | null>(null);
  const key = `${staff.id}@${staff.updatedAt}`;

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    fetchAudit(token, 'staff', staff.id, controller.signal)
      .then((result) => setAudit({ key, result }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [token, staff.id, key]);

  const result = audit?.key === key ? audit.result : null;
  return (
    <section aria-labelledby="history-title" data-testid="staff-history">
      <h2 id="history-title">{t('staff.history.title')}</h2>
      <dl className="facts">
        <Fact label={t('staff.history.lastChange')}>
          <time dateTime={staff.updatedAt}>{formatInstant(staff.updatedAt, locale, tz)}</time>
        </Fact>
        <Fact label={t('staff.history.by')}>{staff.updatedBy}</Fact>
        <Fact label={t('staff.history.device')}>
          <code>{staff.deviceId}</code>
        </Fact>
      </dl>
      {!result && <p role="status">{t('staff.history.loading')}</p>}
      {result?.state === 'offline' && <p className="hint" data-testid="history-fallback">{t('staff.history.offline')}</p>}
      {result?.state === 'unavailable' && (
        <p className="hint" data-testid="history-fallback">
          {result.status === 403 ? t('staff.history.forbidden') : t('staff.history.unavailable')}
        </p>
      )}
      {result?.state === 'ok' && result.entries.length === 0 && <p>{t('staff.history.empty')}</p>}
      {result?.state === 'ok' && result.entries.length > 0 && (
        <table className="data" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('staff.history.at')}</th>
              <th scope="col">{t('staff.history.by')}</th>
              <th scope="col">{t('staff.history.device')}</th>
              <th scope="col">{t('staff.history.action')}</th>
              <th scope="col">{t('staff.history.fields')}</th>
            </tr>
          </thead>
          <tbody>
            {result.entries.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>
                  <time dateTime={e.at}>{formatInstant(e.at, locale, tz)}</time>
                </td>
                <td>{e.userId ?? ''}</td>
                <td>
                  <code>{e.deviceId ?? ''}</code>
                </td>
                <td>{e.action ? t(`staff.history.actions.${e.action}`, { defaultValue: e.action }) : ''}</td>
                <td>{auditFieldLabels(e.fields ?? [], t).join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
