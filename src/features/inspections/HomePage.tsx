import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isOverdue } from '../../domain/rules/corrective-action';
import { scheduleView } from '../../domain/rules/inspection-schedule';
import { useSession } from '../../sync/session';
import { abilitiesOf, ownsAction, sitesInScope, useActions, useCalendars, useInspections, usePlans, useSites, useTemplates, useToday } from './data';
import { formatScore, scoreTone } from './format';
import { MediaStatus } from './MediaParts';

/** The inspector's day: what is due, drafts to finish, open corrective actions, the latest results. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const can = abilitiesOf(session);
  const today = useToday();
  const sites = useSites();
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites]);
  const { templates } = useTemplates();
  const templateName = useMemo(() => new Map(templates.map((tp) => [tp.templateKey, tp.name])), [templates]);
  const { inspections } = useInspections();
  const actions = useActions();
  const plans = usePlans();
  const isWorkingDay = useCalendars(sites);
  const scoped = sitesInScope(sites, session).map((s) => s.id);

  const view = useMemo(() => scheduleView(plans, inspections, today, isWorkingDay), [plans, inspections, today, isWorkingDay]);
  const drafts = inspections.filter((i) => i.status === 'draft' && (i.inspectorId === session?.user.id || can.lock)).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const recent = inspections
    .filter((i) => i.status !== 'draft')
    .sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''))
    .slice(0, 10);
  const mine = actions.filter((a) => ownsAction(session, a) && a.status !== 'closed');
  const toVerify = actions.filter((a) => a.status === 'evidence-submitted' && scoped.includes(a.siteId));
  const overdue = actions.filter((a) => isOverdue(a, today));

  return (
    <section className="insp-home">
      <h1>{t('inspections.title')}</h1>
      <MediaStatus />
      <div className="home-grid">
        {can.plan && (
          <section className="panel" aria-labelledby="due-today">
            <h2 id="due-today">{t('inspections.home.dueToday')}</h2>
            {view.today.length === 0 && <p>{t('inspections.home.nothingPlanned')}</p>}
            <ul className="plain-list">
              {view.today.map((s) => (
                <li key={s.plan.id} data-testid="due-item" data-state={s.state}>
                  <span className={`badge ${s.state === 'done' ? 'ok' : 'warn'}`}>{t(`inspections.schedule.state.${s.state}`)}</span>{' '}
                  {siteName.get(s.plan.siteId) ?? s.plan.siteId} · {templateName.get(s.plan.templateKey) ?? s.plan.templateKey} ·{' '}
                  {t('inspections.schedule.progress', { done: s.done, wanted: s.wanted })}
                  {s.state === 'due' && can.inspect && (
                    <>
                      {' '}
                      <Link to={`/inspections/new?site=${encodeURIComponent(s.plan.siteId)}&template=${encodeURIComponent(s.plan.templateKey)}&mode=${s.plan.mode}`}>
                        {t('inspections.home.start')}
                      </Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
            {view.missed.length > 0 && (
              <p>
                <Link to="/inspections/schedule">{t('inspections.home.missed', { n: view.missed.length })}</Link>
              </p>
            )}
          </section>
        )}
        {can.inspect && (
          <section className="panel" aria-labelledby="drafts">
            <h2 id="drafts">{t('inspections.home.drafts')}</h2>
            {drafts.length === 0 && <p>{t('inspections.home.noDrafts')}</p>}
            <ul className="plain-list">
              {drafts.map((i) => (
                <li key={i.id} data-testid="draft-item">
                  <Link to={`/inspections/run/${i.id}`}>
                    {i.day} · {siteName.get(i.siteId) ?? i.siteId} · {templateName.get(i.templateKey) ?? i.templateKey}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section className="panel" aria-labelledby="my-actions">
          <h2 id="my-actions">{t('inspections.home.actions')}</h2>
          <ul className="plain-list">
            <li>
              <Link to="/inspections/actions?filter=mine">{t('inspections.home.mine', { n: mine.length })}</Link>
            </li>
            {can.inspect && (
              <li>
                <Link to="/inspections/actions?filter=verify">{t('inspections.home.toVerify', { n: toVerify.length })}</Link>
              </li>
            )}
            <li>
              <Link to="/inspections/actions?filter=overdue">
                <span className={overdue.length ? 'badge bad' : 'badge'}>{t('inspections.home.overdue', { n: overdue.length })}</span>
              </Link>
            </li>
          </ul>
        </section>
        <section className="panel wide" aria-labelledby="recent">
          <h2 id="recent">{t('inspections.home.recent')}</h2>
          {recent.length === 0 ? (
            <p>{t('inspections.home.noRecent')}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('inspections.fields.day')}</th>
                  <th scope="col">{t('inspections.fields.site')}</th>
                  <th scope="col">{t('inspections.fields.template')}</th>
                  <th scope="col">{t('inspections.fields.score')}</th>
                  <th scope="col">{t('inspections.fields.report')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((i) => (
                  <tr key={i.id} data-testid="recent-row">
                    <td>{i.day}</td>
                    <td>{siteName.get(i.siteId) ?? i.siteId}</td>
                    <td>{templateName.get(i.templateKey) ?? i.templateKey}</td>
                    <td>
                      <span className={`badge ${scoreTone(i.score)}`}>{formatScore(i.score)}</span>
                    </td>
                    <td>
                      <Link to={`/inspections/report/${i.id}`}>{t('inspections.home.open')}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </section>
  );
}
