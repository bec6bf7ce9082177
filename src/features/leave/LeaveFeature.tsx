import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useNavigate } from 'react-router';
import type { Role } from '../../domain/roles';
import { approverLevels } from '../../domain/rules/leave-request';
import { useSession } from '../../sync/session';
import { canEditRoster } from '../roster/data';
import { LeaveForm } from './LeaveForm';
import { AllLeave, LeaveApprovals, MyLeave } from './LeaveLists';
import '../roster/roster.css';
import './leave.css';

/** Roles that request leave for themselves (the demo guide and team leader have a staff record). */
const REQUESTERS: readonly Role[] = ['guide', 'team-leader'];

/** Leave (请假): request, approve (manager ≤ 3 days, then the superior), see every request. Mounted at /leave/*. */
export default function LeaveFeature() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const role = useSession()?.user.role;
  const [sent, setSent] = useState(false);
  const requester = role !== undefined && REQUESTERS.includes(role);
  const approver = role !== undefined && approverLevels(role).length > 0;
  const overseer = approver || canEditRoster(role);
  const tabs = [
    { to: 'mine', label: t('leave.tabs.mine'), show: requester },
    { to: 'new', label: t('leave.tabs.new'), show: requester || role === 'manager' || role === 'admin' },
    { to: 'approvals', label: t('leave.tabs.approvals'), show: approver },
    { to: 'all', label: t('leave.tabs.all'), show: overseer },
  ].filter((tab) => tab.show);
  const home = tabs[0]?.to ?? 'mine';

  return (
    <section className="leave" aria-labelledby="leave-title">
      <h1 id="leave-title">{t('leave.title')}</h1>
      <nav className="roster-tabs" aria-label={t('leave.tabsLabel')}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={`/leave/${tab.to}`}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <p role="status" className="roster-message" data-testid="leave-message">
        {sent ? t('leave.sent') : ''}
      </p>
      <Routes>
        {/* Absolute paths: relative ones resolve against the splat (/leave/new/…). */}
        <Route index element={<Navigate to={`/leave/${home}`} replace />} />
        <Route path="mine" element={<MyLeave />} />
        <Route
          path="new"
          element={
            <LeaveForm
              onSent={() => {
                setSent(true);
                navigate(requester ? '/leave/mine' : '/leave/all');
              }}
            />
          }
        />
        {approver && <Route path="approvals" element={<LeaveApprovals />} />}
        {overseer && <Route path="all" element={<AllLeave />} />}
        <Route path="*" element={<Navigate to={`/leave/${home}`} replace />} />
      </Routes>
    </section>
  );
}
