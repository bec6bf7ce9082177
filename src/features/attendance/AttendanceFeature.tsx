import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { BadgePrint } from './BadgePrint';
import { DayView } from './DayView';
import { MonthSummary } from './MonthSummary';
import { StaffPins } from './StaffPins';
import './attendance.css';

/** Attendance (考勤): the day view, the monthly summary, PINs and badges. Mounted at /attendance/*. */
export default function AttendanceFeature() {
  const { t } = useTranslation();
  // Keep the chosen site when moving between the sub-pages.
  const site = new URLSearchParams(useLocation().search).get('site');
  const q = site ? `?site=${encodeURIComponent(site)}` : '';
  return (
    <div className="attendance">
      <nav className="subnav no-print" aria-label={t('attendance.subnav')}>
        <NavLink to={`/attendance${q}`} end>
          {t('attendance.day.nav')}
        </NavLink>
        <NavLink to={`/attendance/month${q}`}>{t('attendance.month.nav')}</NavLink>
        <NavLink to={`/attendance/staff${q}`}>{t('attendance.pins.nav')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<DayView />} />
        <Route path="month" element={<MonthSummary />} />
        <Route path="staff" element={<StaffPins />} />
        <Route path="badges" element={<BadgePrint />} />
      </Routes>
    </div>
  );
}
