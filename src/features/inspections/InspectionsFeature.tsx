import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { useSession } from '../../sync/session';
import { ActionPage, ActionsPage } from './ActionsPage';
import { abilitiesOf } from './data';
import { HomePage } from './HomePage';
import { NewInspectionPage } from './NewInspectionPage';
import { ReportPage } from './ReportPage';
import { RunPage } from './RunPage';
import { SchedulePage } from './SchedulePage';
import { TemplateEditorPage } from './TemplateEditorPage';
import { TemplatesPage } from './TemplatesPage';
import { TrendsPage } from './TrendsPage';
import './inspections.css';

/** 督导检查: inspections, corrective actions, schedules, templates and reports (mounted at /inspections/*). */
export default function InspectionsFeature() {
  const { t } = useTranslation();
  const can = abilitiesOf(useSession());
  const tabs = [
    { to: '', label: t('inspections.tabs.home'), end: true, show: true },
    { to: 'new', label: t('inspections.tabs.new'), show: can.inspect },
    { to: 'actions', label: t('inspections.tabs.actions'), show: true },
    { to: 'schedule', label: t('inspections.tabs.schedule'), show: can.plan },
    { to: 'reports', label: t('inspections.tabs.reports'), show: true },
    { to: 'templates', label: t('inspections.tabs.templates'), show: can.inspect },
  ];
  return (
    <div className="inspections">
      <nav className="sub-nav no-print" aria-label={t('inspections.tabs.label')}>
        {tabs
          .filter((tab) => tab.show)
          .map((tab) => (
            <NavLink key={tab.to} to={tab.to === '' ? '/inspections' : `/inspections/${tab.to}`} end={tab.end}>
              {tab.label}
            </NavLink>
          ))}
      </nav>
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="new" element={<NewInspectionPage />} />
        <Route path="run/:id" element={<RunPage />} />
        <Route path="report/:id" element={<ReportPage />} />
        <Route path="actions" element={<ActionsPage />} />
        <Route path="actions/:id" element={<ActionPage />} />
        <Route path="schedule" element={<SchedulePage />} />
        <Route path="reports" element={<TrendsPage />} />
        <Route path="templates" element={<TemplatesPage />} />
        <Route path="templates/edit/:key" element={<TemplateEditorPage />} />
      </Routes>
    </div>
  );
}
