import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveDocs } from '../../app/hooks';
import { CSV_TYPE, saveFile, toCsv } from '../../app/export';
import { useNow } from '../../app/useNow';
import { addDays } from '../../domain/calendar/days';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { approverLevels, pendingLevel } from '../../domain/rules/leave-request';
import type { LeaveRequest } from '../../domain/schemas/leave';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { useSession } from '../../sync/session';
import { useMe, useScopeSites, useScopeStaff } from '../roster/data';
import { SitePicker, useSiteParam } from '../roster/SitePicker';
import { WhoAmI } from '../roster/WhoAmI';
import { LeaveCard } from './LeaveCard';

function useToday(sites: Site[]): string {
  return dayOfInstant(useNow(), sites[0]?.timeZone);
}

const newestFirst = (a: LeaveRequest, b: LeaveRequest) => b.requestedAt.localeCompare(a.requestedAt);

function Cards({ leave, staff, sites, today, ownId, empty }: { leave: LeaveRequest[]; staff: Map<string, Staff>; sites: Site[]; today: string; ownId?: string; empty: string }) {
  if (leave.length === 0) return <p>{empty}</p>;
  return (
    <ul className="leave-cards">
      {leave.map((l) => (
        <LeaveCard key={l.id} leave={l} person={staff.get(l.staffId)} site={sites.find((s) => s.id === l.siteId)} today={today} own={l.staffId === ownId} />
      ))}
    </ul>
  );
}

/** The signed-in person's own requests, newest first. */
export function MyLeave() {
  const { t } = useTranslation();
  const me = useMe();
  const { sites } = useScopeSites();
  const today = useToday(sites);
  const { docs } = useLiveDocs('leave', { selector: { staffId: me.staffId ?? '' } });
  const staff = useMemo(() => new Map(me.candidates.map((s) => [s.id, s])), [me.candidates]);
  if (!me.staffId) return <WhoAmI me={me} />;
  return (
    <section aria-labelledby="leave-mine-title">
      <h2 id="leave-mine-title">{t('leave.tabs.mine')}</h2>
      <WhoAmI me={me} />
      <Cards leave={[...docs].sort(newestFirst)} staff={staff} sites={sites} today={today} ownId={me.staffId} empty={t('leave.none')} />
    </section>
  );
}

/**
 * Requests waiting for the signed-in approver: the project manager sees the
 * first step, the superior the second (only after the manager approved).
 */
export function LeaveApprovals() {
  const { t } = useTranslation();
  const role = useSession()?.user.role;
  const { sites } = useScopeSites();
  const today = useToday(sites);
  const staffList = useScopeStaff();
  const staff = useMemo(() => new Map(staffList.map((s) => [s.id, s])), [staffList]);
  const { docs } = useLiveDocs('leave', { selector: { status: 'pending' } });
  const levels = role ? approverLevels(role) : [];
  const waiting = docs.filter((l) => {
    const level = pendingLevel(l);
    return level !== undefined && levels.includes(level);
  });
  const evidence = docs.filter((l) => l.evidenceVerdict === 'pending' && !waiting.includes(l) && levels.includes('manager'));
  return (
    <section aria-labelledby="leave-approvals-title">
      <h2 id="leave-approvals-title">{t('leave.tabs.approvals')}</h2>
      <p className="leave-muted">{t('leave.approvalsHint', { levels: levels.map((l) => t(`leave.level.${l}`)).join('、') })}</p>
      <div data-testid="leave-waiting">
        <Cards leave={[...waiting].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))} staff={staff} sites={sites} today={today} empty={t('leave.noneWaiting')} />
      </div>
      {evidence.length > 0 && (
        <>
          <h3>{t('leave.evidenceWaiting')}</h3>
          <Cards leave={evidence} staff={staff} sites={sites} today={today} empty="" />
        </>
      )}
    </section>
  );
}

const STATUSES = ['all', 'pending', 'approved', 'rejected', 'cancelled'] as const;

/** Every request of a site over the last months, with a status filter and CSV export. */
export function AllLeave() {
  const { t } = useTranslation();
  const { site, sites, setSite } = useSiteParam();
  const today = useToday(sites);
  const staffList = useScopeStaff();
  const staff = useMemo(() => new Map(staffList.map((s) => [s.id, s])), [staffList]);
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('all');
  const { docs } = useLiveDocs('leave', { selector: { siteId: site?.id ?? '', startDay: { $gte: addDays(today, -120) } } });
  const shown = docs.filter((l) => status === 'all' || l.status === status).sort(newestFirst);

  const exportCsv = () => {
    const csv = toCsv(
      [
        { header: t('leave.csv.staffNo'), value: (l: LeaveRequest) => staff.get(l.staffId)?.staffNo ?? '' },
        { header: t('leave.csv.name'), value: (l: LeaveRequest) => staff.get(l.staffId)?.name ?? l.staffId },
        { header: t('leave.csv.type'), value: (l: LeaveRequest) => t(`leave.type.${l.type}`) },
        { header: t('leave.csv.countsAs'), value: (l: LeaveRequest) => t(`leave.type.${l.effectiveType ?? l.type}`) },
        { header: t('leave.csv.start'), value: (l: LeaveRequest) => l.startDay },
        { header: t('leave.csv.end'), value: (l: LeaveRequest) => l.endDay },
        { header: t('leave.csv.days'), value: (l: LeaveRequest) => l.days ?? '' },
        { header: t('leave.csv.status'), value: (l: LeaveRequest) => t(`leave.status.${l.status}`) },
        { header: t('leave.csv.reason'), value: (l: LeaveRequest) => l.reason ?? '' },
      ],
      shown,
    );
    saveFile(`leave-${site?.id ?? ''}-${today}.csv`, csv, CSV_TYPE);
  };

  return (
    <section aria-labelledby="leave-all-title">
      <h2 id="leave-all-title">{t('leave.tabs.all')}</h2>
      <div className="toolbar">
        <SitePicker site={site} sites={sites} onChange={setSite} />
        <label className="field roster-inline-field">
          <span>{t('leave.filterStatus')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? t('leave.allStatuses') : t(`leave.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={exportCsv}>
          {t('common.exportCsv')}
        </button>
      </div>
      <Cards leave={shown} staff={staff} sites={sites} today={today} empty={t('leave.none')} />
    </section>
  );
}
