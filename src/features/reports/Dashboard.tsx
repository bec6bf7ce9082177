import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/useNow';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { monthOf } from '../../domain/calendar/days';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { leaveTypes } from '../../domain/policy';
import { monthDashboard, todayDashboard } from '../../domain/rules/dashboard';
import { useSyncStatus } from '../../sync/status';
import { formatNumber, formatRate, orgPolicy, siteDataFrom } from './site-data';
import { useCatalogNames, useReportData } from './useReportData';
import { Figure, ScopePicker, useScope } from './ui';

const BarChart = lazy(() => import('./BarChart'));

/** Today and this month for a site or the whole organisation, computed on the device (offline). */
export default function Dashboard() {
  const { t } = useTranslation();
  const now = useNow();
  const scope = useScope();
  const tz = scope.chosen[0]?.timeZone ?? 'Asia/Shanghai';
  const today = dayOfInstant(now, tz);
  const month = scope.month ?? monthOf(today);
  const raw = useReportData(scope.chosen, month, today);
  const names = useCatalogNames();
  const sync = useSyncStatus();

  const { dash, todayFigures } = useMemo(() => {
    const sites = siteDataFrom(raw);
    const policy = orgPolicy(raw.organisation);
    return { dash: monthDashboard(sites, month, now, policy), todayFigures: todayDashboard(sites, now) };
  }, [raw, month, now]);

  const firstSync = raw.staff.length === 0 && sync.lastSyncedAt === null;
  const a = dash.attendance;
  const leave = leaveTypes.filter((lt) => dash.leaveDaysByType[lt]);
  const dims = dash.inspections.byDimension;

  return (
    <section aria-labelledby="dash-title" className="reports-dashboard">
      <h1 id="dash-title">{t('reports.dashboard.title')}</h1>
      <ScopePicker scope={scope} month={month} />
      {firstSync && <ProgressBar label={t('reports.firstSync')} value={0} max={0} />}

      {month === monthOf(today) && (
        <section aria-labelledby="today-title" className="dash-block">
          <h2 id="today-title">{t('reports.today.title', { day: todayFigures.day })}</h2>
          <dl className="figures" data-testid="today-figures">
            <Figure id="today-rostered" label={t('reports.today.rostered')} value={formatNumber(todayFigures.rostered)} />
            <Figure id="today-in" label={t('reports.today.in')} value={formatNumber(todayFigures.in)} />
            <Figure id="today-late" label={t('reports.today.late')} value={formatNumber(todayFigures.late)} tone={todayFigures.late ? 'warn' : undefined} />
            <Figure id="today-missing" label={t('reports.today.missing')} value={formatNumber(todayFigures.missing)} tone={todayFigures.missing ? 'bad' : undefined} />
            <Figure id="today-leave" label={t('reports.today.onLeave')} value={formatNumber(todayFigures.onLeave)} />
            <Figure id="today-uncovered" label={t('reports.today.uncovered')} value={formatNumber(todayFigures.uncoveredPosts)} tone={todayFigures.uncoveredPosts ? 'bad' : undefined} />
          </dl>
        </section>
      )}

      <section aria-labelledby="month-title" className="dash-block">
        <h2 id="month-title">{t('reports.month.title', { month })}</h2>
        <dl className="figures" data-testid="month-figures">
          <Figure id="attendance-rate" label={t('reports.month.attendanceRate')} value={formatRate(a.attendanceRate)} hint={`${a.attendedDays} / ${a.attendanceBase}`} />
          <Figure id="on-time-rate" label={t('reports.month.onTimeRate')} value={formatRate(a.onTimeRate)} hint={`${a.onTimeDays} / ${a.onTimeBase}`} />
          <Figure id="late" label={t('reports.month.late')} value={formatNumber(a.lateCount)} />
          <Figure id="early" label={t('reports.month.early')} value={formatNumber(a.earlyCount)} />
          <Figure id="absence" label={t('reports.month.absenceDays')} value={formatNumber(a.absenceHalfDays / 2)} />
          <Figure id="training-completion" label={t('reports.month.trainingCompletion')} value={formatRate(dash.training.completionRate)} hint={`${dash.training.attended} / ${dash.training.seats}`} />
          <Figure id="exam-pass" label={t('reports.month.examPassRate')} value={formatRate(dash.training.examPassRate)} hint={`${dash.training.examsPassed} / ${dash.training.examsFinal}`} />
          <Figure id="inspection-average" label={t('reports.month.inspectionAverage')} value={formatNumber(dash.inspections.averageScore)} hint={t('reports.month.inspectionCount', { count: dash.inspections.count })} />
          <Figure id="actions-open" label={t('reports.month.actionsOpen')} value={formatNumber(dash.actions.open)} />
          <Figure id="actions-overdue" label={t('reports.month.actionsOverdue')} value={formatNumber(dash.actions.overdue)} tone={dash.actions.overdue ? 'bad' : undefined} />
        </dl>
      </section>

      <div className="dash-columns">
        <section aria-labelledby="dims-title" className="dash-block">
          <h2 id="dims-title">{t('reports.month.byDimension')}</h2>
          {dims.length === 0 ? (
            <p className="hint">{t('reports.noData')}</p>
          ) : (
            <>
              <Suspense fallback={<p className="hint">{t('common.loading')}</p>}>
                <BarChart label={t('reports.month.byDimension')} labels={dims.map((d) => names.section(d.sectionId))} values={dims.map((d) => d.average)} max={100} />
              </Suspense>
              <table className="data compact" data-testid="dimension-table">
                <caption className="sr-only">{t('reports.month.byDimension')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.month.dimension')}</th>
                    <th scope="col">{t('reports.month.average')}</th>
                    <th scope="col">{t('reports.month.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {dims.map((d) => (
                    <tr key={d.sectionId} data-section={d.sectionId}>
                      <th scope="row">{names.section(d.sectionId)}</th>
                      <td data-col="average">{d.average}</td>
                      <td>{d.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>

        <section aria-labelledby="leave-title" className="dash-block">
          <h2 id="leave-title">{t('reports.month.leaveByType')}</h2>
          {leave.length === 0 ? (
            <p className="hint">{t('reports.noData')}</p>
          ) : (
            <table className="data compact" data-testid="leave-table">
              <caption className="sr-only">{t('reports.month.leaveByType')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.month.leaveType')}</th>
                  <th scope="col">{t('reports.month.days')}</th>
                </tr>
              </thead>
              <tbody>
                {leave.map((lt) => (
                  <tr key={lt} data-leave-type={lt}>
                    <th scope="row">{t(`reports.leaveType.${lt}`)}</th>
                    <td data-col="days">{dash.leaveDaysByType[lt]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h2 id="targets-title">{t('reports.targets.title')}</h2>
          <table className="data compact" aria-labelledby="targets-title" data-testid="targets-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.targets.measure')}</th>
                <th scope="col">{t('reports.targets.target')}</th>
                <th scope="col">{t('reports.targets.actual')}</th>
                <th scope="col">{t('reports.targets.status')}</th>
              </tr>
            </thead>
            <tbody>
              {(['satisfaction', 'complaintReplyRate', 'staffStability', 'qualityPassRate', 'staffingDays'] as const).map((key) => {
                const s = dash.targets.find((x) => x.key === key);
                const fmt = (v: number) => (key === 'staffingDays' ? t('reports.targets.days', { count: v }) : formatRate(v));
                const policy = orgPolicy(raw.organisation).serviceTargets;
                const target = key === 'staffingDays' ? policy.staffingWithinDays : policy[key];
                return (
                  <tr key={key} data-target={key}>
                    <th scope="row">{t(`reports.targets.${key}`)}</th>
                    <td>{key === 'staffingDays' ? `≤ ${fmt(target)}` : `≥ ${fmt(target)}`}</td>
                    <td data-col="actual">{s ? fmt(s.value) : t('reports.targets.notMeasured')}</td>
                    <td>{s ? <span className={`badge ${s.met ? 'ok' : 'bad'}`}>{t(s.met ? 'reports.targets.met' : 'reports.targets.missed')}</span> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </section>
  );
}
