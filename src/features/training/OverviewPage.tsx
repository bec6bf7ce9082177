import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { certificateReminders } from '../../domain/rules/training';
import { useCertificates, useCourses, useExams, usePolicy, useResults, useSessions, useToday } from './data';
import { encodeId } from './ui';

/** The trainer's start page: today's and coming sessions, attempts to mark, certificate reminders. */
export function OverviewPage() {
  const { t } = useTranslation();
  const today = useToday();
  const policy = usePolicy();
  const { sessions } = useSessions();
  const { exams } = useExams();
  const { results } = useResults();
  const { certificates } = useCertificates();
  const { byId: courses } = useCourses();

  const coming = useMemo(
    () => sessions.filter((s) => s.day >= today && s.status !== 'cancelled').sort((a, b) => (a.day + a.start).localeCompare(b.day + b.start)).slice(0, 8),
    [sessions, today],
  );
  const toMark = results.filter((r) => r.status === 'pending-marking');
  const reminders = useMemo(() => certificateReminders(certificates, today, policy), [certificates, today, policy]);
  const expired = reminders.filter((r) => r.kind === 'certificate-expired').length;
  const openExams = exams.filter((e) => e.status === 'open' && e.mode === 'question-bank');

  return (
    <section aria-labelledby="training-overview-title">
      <h1 id="training-overview-title">{t('training.title')}</h1>
      <div className="toolbar">
        <Link className="button-link" to="/training/sessions/new">
          {t('training.session.new')}
        </Link>
        <Link className="button-link secondary" to="/training/exams/new">
          {t('training.exam.new')}
        </Link>
        <Link className="button-link secondary" to="/training/banks/import">
          {t('training.import.title')}
        </Link>
      </div>
      <div className="training-cards">
        <section className="training-card" aria-labelledby="ov-sessions">
          <h2 id="ov-sessions">{t('training.overview.coming')}</h2>
          {coming.length === 0 ? (
            <p>{t('training.overview.noSessions')}</p>
          ) : (
            <ul className="plain-list">
              {coming.map((s) => (
                <li key={s.id}>
                  <Link to={`/training/sessions/${encodeId(s.id)}`}>
                    {s.day} {s.start} · {s.title ?? courses.get(s.courseId)?.name ?? s.courseId}
                  </Link>{' '}
                  <span className="muted">{t('training.session.count', { count: s.attendees.length })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="training-card" aria-labelledby="ov-marking">
          <h2 id="ov-marking">{t('training.overview.toMark')}</h2>
          <p>
            <strong>{toMark.length}</strong> {t('training.overview.toMarkHint')}
          </p>
          <ul className="plain-list">
            {toMark.slice(0, 8).map((r) => (
              <li key={r.id}>
                <Link to={`/training/results/${encodeId(r.id)}/mark`}>{t('training.marking.open', { attempt: r.attempt, day: r.day })}</Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="training-card" aria-labelledby="ov-certs">
          <h2 id="ov-certs">{t('training.overview.reminders')}</h2>
          <p>{t('training.overview.reminderCounts', { expiring: reminders.length - expired, expired })}</p>
          <Link to="/training/certificates">{t('training.tabs.certificates')}</Link>
        </section>
        <section className="training-card" aria-labelledby="ov-exams">
          <h2 id="ov-exams">{t('training.overview.openExams')}</h2>
          <ul className="plain-list">
            {openExams.slice(0, 8).map((e) => (
              <li key={e.id}>
                <Link to={`/training/exams/${encodeId(e.id)}`}>
                  {e.day} · {e.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
