import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { reportIds } from './report-rows';
import './reports.css';

const Dashboard = lazy(() => import('./Dashboard'));
const ReportsPage = lazy(() => import('./ReportsPage'));
const SiteReportsPage = lazy(() => import('./SiteReportsPage'));
const SiteReportEditor = lazy(() => import('./SiteReportEditor'));

/** Dashboards and the documents' reports (mounted at /reports/*). */
export default function ReportsFeature() {
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <div className="reports">
      <nav aria-label={t('reports.subnav')} className="subnav no-print">
        <NavLink to={{ pathname: '/reports', search }} end>
          {t('reports.dashboard.nav')}
        </NavLink>
        {reportIds.map((id) => (
          <NavLink key={id} to={{ pathname: `/reports/${id}`, search }}>
            {t(`reports.report.${id}`)}
          </NavLink>
        ))}
        <NavLink to={{ pathname: '/reports/site-reports', search }}>{t('reports.siteReports.nav')}</NavLink>
      </nav>
      <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        <Routes>
          <Route index element={<Dashboard />} />
          <Route path="site-reports" element={<SiteReportsPage />} />
          <Route path="site-reports/:id" element={<SiteReportEditor />} />
          <Route path=":report" element={<ReportsPage />} />
        </Routes>
      </Suspense>
    </div>
  );
}
