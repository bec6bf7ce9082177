import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { useAuthor } from '../../app/useAuthor';
import type { SessionAttendee } from '../../domain/schemas/training';
import { useCourses, useExams, useSessions, useSites, useStaff, useToday } from './data';
import { encodeId } from './ui';
import { setAttendance, setSessionStatus } from './writes';

const ATTENDANCE: SessionAttendee['status'][] = ['present', 'late', 'absent', 'excused'];

/** Every session, coming ones first. */
export function SessionsPage() {
  const { t } = useTranslation();
  const today = useToday();
  const { sessions, loading } = useSessions();
  const { byId: courses } = useCourses();
  const sites = useSites();
  const [when, setWhen] = useState<'coming' | 'past' | 'all'>('coming');
  const [siteId, setSiteId] = useState('');
  const shown = useMemo(
    () =>
      sessions
        .filter((s) => (when === 'all' ? true : when === 'coming' ? s.day >= today : s.day < today))
        .filter((s) => !siteId || s.siteId === siteId)
        .sort((a, b) => (when === 'past' ? -1 : 1) * (a.day + a.start).localeCompare(b.day + b.start)),
    [sessions, when, siteId, today],
  );
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title">{t('training.session.listTitle')}</h1>
      <div className="toolbar">
        <Link className="button-link" to="/training/sessions/new">
          {t('training.session.new')}
        </Link>
        <label className="inline-field">
          {t('training.session.when')}
          <select value={when} onChange={(e) => setWhen(e.target.value as typeof when)}>
            <option value="coming">{t('training.session.coming')}</option>
            <option value="past">{t('training.session.past')}</option>
            <option value="all">{t('training.session.all')}</option>
          </select>
        </label>
        <label className="inline-field">
          {t('training.field.site')}
          <select value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value="">{t('training.allSites')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p>{t('training.session.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('training.field.day')}</th>
              <th scope="col">{t('training.field.time')}</th>
              <th scope="col">{t('training.field.course')}</th>
              <th scope="col">{t('training.field.site')}</th>
              <th scope="col">{t('training.field.place')}</th>
              <th scope="col">{t('training.session.trainees')}</th>
              <th scope="col">{t('training.field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id} data-testid="session-row">
                <td>{s.day}</td>
                <td>
                  {s.start}–{s.end}
                </td>
                <td>
                  <Link to={`/training/sessions/${encodeId(s.id)}`}>{s.title ?? courses.get(s.courseId)?.name ?? s.courseId}</Link>
                </td>
                <td>{siteName.get(s.siteId) ?? s.siteId}</td>
                <td>{s.place ?? ''}</td>
                <td>{s.attendees.length}</td>
                <td>{t(`training.session.status.${s.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One session: its details, its exams, and the register taken in the room with one tap per person. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const { sessions, loading } = useSessions();
  const { exams } = useExams();
  const { byId: courses } = useCourses();
  const { byId: staff } = useStaff();
  const sites = useSites();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) return <p role="status">{loading ? t('common.loading') : t('training.session.notFound')}</p>;

  const course = courses.get(session.courseId);
  const site = sites.find((s) => s.id === session.siteId);
  const sessionExams = exams.filter((e) => e.sessionId === session.id);
  const counts = Object.fromEntries(ATTENDANCE.map((s) => [s, session.attendees.filter((a) => a.status === s).length]));
  const unmarked = session.attendees.filter((a) => a.status === 'expected');

  const mark = (staffId: string, status: SessionAttendee['status']) => {
    setError(null);
    setAttendance(db, author, session.id, staffId, status).catch((e: unknown) => setError(String(e)));
  };

  return (
    <section aria-labelledby="session-title">
      <h1 id="session-title">{session.title ?? course?.name ?? session.courseId}</h1>
      <dl className="facts">
        <dt>{t('training.field.course')}</dt>
        <dd>{course?.name ?? session.courseId}</dd>
        <dt>{t('training.field.time')}</dt>
        <dd>
          {session.day} {session.start}–{session.end}
        </dd>
        <dt>{t('training.field.site')}</dt>
        <dd>{site?.name ?? session.siteId}</dd>
        <dt>{t('training.field.place')}</dt>
        <dd>{session.place || t('common.none')}</dd>
        <dt>{t('training.field.status')}</dt>
        <dd>{t(`training.session.status.${session.status}`)}</dd>
      </dl>
      <div className="toolbar">
        <Link className="button-link" to={`/training/sessions/${encodeId(session.id)}/scores`}>
          {t('training.grid.open')}
        </Link>
        <Link className="button-link secondary" to={`/training/exams/new?sessionId=${encodeId(session.id)}`}>
          {t('training.exam.newForSession')}
        </Link>
        <Link className="button-link secondary" to={`/training/sessions/${encodeId(session.id)}/edit`}>
          {t('common.edit')}
        </Link>
        {session.status !== 'cancelled' && (
          <button type="button" className="danger" onClick={() => setConfirmCancel(true)}>
            {t('training.session.cancel')}
          </button>
        )}
      </div>
      {sessionExams.length > 0 && (
        <section aria-labelledby="session-exams">
          <h2 id="session-exams">{t('training.tabs.exams')}</h2>
          <ul className="plain-list">
            {sessionExams.map((e) => (
              <li key={e.id}>
                <Link to={`/training/exams/${encodeId(e.id)}`}>{e.title}</Link> · {t(`training.exam.mode.${e.mode}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="register-title">
        <h2 id="register-title">{t('training.register.title')}</h2>
        <p role="status" data-testid="register-summary">
          {t('training.register.summary', { ...counts, expected: unmarked.length, total: session.attendees.length })}
        </p>
        {unmarked.length > 0 && (
          <button type="button" className="secondary" onClick={() => unmarked.forEach((a) => mark(a.staffId, 'present'))}>
            {t('training.register.allPresent', { count: unmarked.length })}
          </button>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <ul className="register">
          {session.attendees.map((a) => {
            const person = staff.get(a.staffId);
            const name = person?.name ?? a.staffId;
            return (
              <li key={a.staffId} className="register-row" data-testid="attendee-row" data-status={a.status} data-staff-id={a.staffId}>
                <span className="register-name">
                  {name} <span className="muted">{person?.staffNo}</span>
                </span>
                <span role="group" aria-label={t('training.register.for', { name })} className="segmented">
                  {ATTENDANCE.map((status) => (
                    <button
                      key={status}
                      type="button"
                      className={a.status === status ? `on ${status}` : 'secondary'}
                      aria-pressed={a.status === status}
                      onClick={() => mark(a.staffId, status)}
                    >
                      {t(`training.attendance.${status}`)}
                    </button>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
      <ConfirmDialog
        open={confirmCancel}
        danger
        title={t('training.session.cancelTitle')}
        confirmLabel={t('training.session.cancel')}
        onCancel={() => setConfirmCancel(false)}
        onConfirm={() => {
          setConfirmCancel(false);
          void setSessionStatus(db, author, session.id, 'cancelled');
        }}
      >
        <p>{t('training.session.cancelBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
