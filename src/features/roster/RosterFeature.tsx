import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import type { Role } from '../../domain/roles';
import { useSession } from '../../sync/session';
import { canEditRoster } from './data';
import { Handovers } from './Handovers';
import { MyShifts } from './MyShifts';
import { RosterGrid } from './RosterGrid';
import { SwapQueue } from './SwapQueue';
import './roster.css';

/** Roles that work shifts themselves (the demo guide and team leader have a staff record). */
const SHIFT_WORKERS: readonly Role[] = ['guide', 'team-leader'];

/** Rosters (排班): the grid, my shifts, swap and cover requests, handovers. Mounted at /roster/*. */
export default function RosterFeature() {
  const { t } = useTranslation();
  const role = useSession()?.user.role;
  const editor = canEditRoster(role);
  const worker = role !== undefined && SHIFT_WORKERS.includes(role);
  const tabs = [
    { to: 'grid', label: t('roster.tabs.grid'), show: true },
    { to: 'mine', label: t('roster.tabs.mine'), show: worker },
    { to: 'swaps', label: t('roster.tabs.swaps'), show: editor },
    { to: 'handovers', label: t('roster.tabs.handovers'), show: true },
  ].filter((tab) => tab.show);

  return (
    <section className="roster" aria-labelledby="roster-title">
      <h1 id="roster-title">{t('roster.title')}</h1>
      <nav className="roster-tabs" aria-label={t('roster.tabsLabel')}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={`/roster/${tab.to}`}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        {/* Absolute paths: relative ones resolve against the splat (/roster/grid/…). */}
        <Route index element={<Navigate to={worker && !editor ? '/roster/mine' : '/roster/grid'} replace />} />
        <Route path="grid" element={<RosterGrid />} />
        {worker && <Route path="mine" element={<MyShifts />} />}
        {editor && <Route path="swaps" element={<SwapQueue />} />}
        <Route path="handovers" element={<Handovers />} />
        <Route path="*" element={<Navigate to="/roster/grid" replace />} />
      </Routes>
    </section>
  );
}
