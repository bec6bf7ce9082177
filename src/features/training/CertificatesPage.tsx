import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { useAuthor } from '../../app/useAuthor';
import { certificateReminders } from '../../domain/rules/training';
import type { Certificate } from '../../domain/schemas/training';
import { matchesPerson, useCertificates, useCourses, useOrganisation, usePolicy, useStaff, useToday } from './data';
import { encodeId, ExportButtons } from './ui';
import { revokeCertificate } from './writes';

type Filter = 'all' | 'valid' | 'expiring' | 'expired' | 'revoked';

/** Certificates with reminders: expiring soon and expired ones first, then the full list. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const today = useToday();
  const policy = usePolicy();
  const { certificates, loading } = useCertificates();
  const { byId: courses } = useCourses();
  const { byId: staff } = useStaff();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [revoking, setRevoking] = useState<Certificate | null>(null);

  const reminders = useMemo(() => certificateReminders(certificates, today, policy), [certificates, today, policy]);
  const reminderOf = useMemo(() => new Map(reminders.map((r) => [r.certificate.id, r])), [reminders]);
  const statusOf = (c: Certificate): Exclude<Filter, 'all'> => {
    if (c.revoked) return 'revoked';
    const r = reminderOf.get(c.id);
    return r?.kind === 'certificate-expired' ? 'expired' : r ? 'expiring' : 'valid';
  };
  const name = (id: string) => staff.get(id)?.name ?? id;
  const courseName = (id: string) => courses.get(id)?.name ?? id;
  const rows = certificates
    .filter((c) => filter === 'all' || statusOf(c) === filter)
    .filter((c) => {
      const p = staff.get(c.staffId);
      return !search.trim() || (p ? matchesPerson(p, search) : c.staffId.includes(search)) || c.number.includes(search.trim());
    })
    .sort((a, b) => (a.expiresOn ?? '9999').localeCompare(b.expiresOn ?? '9999') || b.issuedOn.localeCompare(a.issuedOn));

  return (
    <section aria-labelledby="certs-title">
      <h1 id="certs-title">{t('training.cert.title')}</h1>
      <section aria-labelledby="reminders-title" className="reminders">
        <h2 id="reminders-title">{t('training.cert.reminders')}</h2>
        {reminders.length === 0 ? (
          <p>{t('training.cert.noReminders')}</p>
        ) : (
          <ul className="plain-list">
            {reminders
              .slice()
              .sort((a, b) => a.daysLeft - b.daysLeft)
              .map((r) => (
                <li key={r.certificate.id} data-testid="cert-reminder" className={r.kind === 'certificate-expired' ? 'bad-text' : 'warn-text'}>
                  {r.kind === 'certificate-expired'
                    ? t('training.cert.expiredOn', { name: name(r.certificate.staffId), course: courseName(r.certificate.courseId), day: r.expiresOn, days: -r.daysLeft })
                    : t('training.cert.expiresIn', { name: name(r.certificate.staffId), course: courseName(r.certificate.courseId), day: r.expiresOn, count: r.daysLeft })}
                </li>
              ))}
          </ul>
        )}
      </section>
      <div className="toolbar">
        <label className="inline-field">
          {t('training.cert.show')}
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            {(['all', 'valid', 'expiring', 'expired', 'revoked'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`training.cert.filter.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('common.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('training.cert.searchHint')} />
        </label>
        <ExportButtons
          name={t('training.cert.title')}
          rows={rows}
          columns={[
            { header: t('training.cert.number'), value: (c) => c.number },
            { header: t('training.field.staffNo'), value: (c) => staff.get(c.staffId)?.staffNo ?? '' },
            { header: t('training.field.trainee'), value: (c) => name(c.staffId) },
            { header: t('training.field.course'), value: (c) => courseName(c.courseId) },
            { header: t('training.cert.issuedOn'), value: (c) => c.issuedOn },
            { header: t('training.cert.expiresOn'), value: (c) => c.expiresOn ?? t('training.course.neverExpires') },
            { header: t('training.field.status'), value: (c) => t(`training.cert.filter.${statusOf(c)}`) },
          ]}
        />
      </div>
      {loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('training.cert.number')}</th>
              <th scope="col">{t('training.field.trainee')}</th>
              <th scope="col">{t('training.field.course')}</th>
              <th scope="col">{t('training.cert.issuedOn')}</th>
              <th scope="col">{t('training.cert.expiresOn')}</th>
              <th scope="col">{t('training.field.status')}</th>
              <th scope="col">{t('training.field.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const status = statusOf(c);
              return (
                <tr key={c.id} data-testid="cert-row" data-staff-id={c.staffId} data-status={status}>
                  <td>{c.number}</td>
                  <td>{name(c.staffId)}</td>
                  <td>{courseName(c.courseId)}</td>
                  <td>{c.issuedOn}</td>
                  <td>{c.expiresOn ?? t('training.course.neverExpires')}</td>
                  <td>
                    <span className={`badge ${status === 'valid' ? 'ok' : status === 'expiring' ? 'warn' : 'bad'}`}>{t(`training.cert.filter.${status}`)}</span>
                  </td>
                  <td>
                    <span className="actions">
                      <Link to={`/training/certificates/${encodeId(c.id)}`}>{t('common.print')}</Link>
                    {!c.revoked && (
                      <button type="button" className="link" onClick={() => setRevoking(c)}>
                        {t('training.cert.revoke')}
                      </button>
                    )}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        danger
        title={t('training.cert.revokeTitle')}
        confirmLabel={t('training.cert.revoke')}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) void revokeCertificate(db, author, revoking.id);
          setRevoking(null);
        }}
      >
        <p>{revoking && t('training.cert.revokeBody', { name: name(revoking.staffId), course: courseName(revoking.courseId), number: revoking.number })}</p>
      </ConfirmDialog>
    </section>
  );
}

/** A printable certificate. */
export function CertificatePrintPage() {
  const { certificateId = '' } = useParams();
  const { t } = useTranslation();
  const { certificates, loading } = useCertificates();
  const { byId: courses } = useCourses();
  const { byId: staff } = useStaff();
  const org = useOrganisation();
  const cert = certificates.find((c) => c.id === certificateId);
  if (!cert) return <p role="status">{loading ? t('common.loading') : t('training.cert.notFound')}</p>;
  const person = staff.get(cert.staffId);
  return (
    <section aria-labelledby="cert-print-title">
      <div className="toolbar no-print">
        <button type="button" onClick={() => window.print()}>
          {t('common.print')}
        </button>
        <Link to="/training/certificates">{t('training.cert.back')}</Link>
      </div>
      <article className="certificate" data-testid="certificate">
        <h1 id="cert-print-title">{t('training.cert.heading')}</h1>
        {cert.revoked && <p className="bad-text">{t('training.cert.revokedNote')}</p>}
        <p className="certificate-body">
          {t('training.cert.body', { name: person?.name ?? cert.staffId, no: person?.staffNo ?? '', course: courses.get(cert.courseId)?.name ?? cert.courseId })}
        </p>
        <dl className="facts">
          <dt>{t('training.cert.number')}</dt>
          <dd>{cert.number}</dd>
          <dt>{t('training.cert.issuedOn')}</dt>
          <dd>{cert.issuedOn}</dd>
          <dt>{t('training.cert.expiresOn')}</dt>
          <dd>{cert.expiresOn ?? t('training.course.neverExpires')}</dd>
        </dl>
        <p className="certificate-issuer">{org?.fullName ?? org?.name ?? ''}</p>
      </article>
    </section>
  );
}
