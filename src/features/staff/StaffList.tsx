import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CSV_TYPE, saveFile, toCsv, toXlsx, XLSX_TYPE } from '../../app/export';
import { useLiveDocs } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import type { Policy } from '../../domain/policy';
import type { Role } from '../../domain/roles';
import { displaySensitive } from '../../domain/rules/sensitive';
import { certificateStates, onboardingStatus, worstCertificateState } from '../../domain/rules/staff-record';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { useSession } from '../../sync/session';
import { matchesStaff } from '../kiosk/search';
import { canEditStaff, inScope, STAFF_EDITORS } from './access';
import { staffExportColumns } from './columns';
import { useOrgPolicy, useScopeSites } from './hooks';

const STATUSES = ['on-post', 'standby', 'left'] as const;
/** Rows per page: a tablet renders a few hundred rows slowly, and nobody reads more at once. */
export const PAGE_SIZE = 100;

export function staffPath(id: string): string {
  return `/staff/${encodeURIComponent(id)}`;
}

function lookupsOf(sites: readonly Site[]) {
  const byId = new Map(sites.map((s) => [s.id, s]));
  return {
    siteName: (id: string) => byId.get(id)?.name ?? id,
    postName: (siteId: string, postId: string | undefined) =>
      postId ? (byId.get(siteId)?.posts.find((p) => p.id === postId)?.name ?? postId) : '',
  };
}

/** The staff list: search by name, pinyin initials or staff number; filter by site and status; export. */
export function StaffList() {
  const { t } = useTranslation();
  const session = useSession();
  const user = session?.user;
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const siteFilter = params.get('site') ?? '';
  const statusFilter = params.get('status') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [exporting, setExporting] = useState(false);
  const ids = { search: useId(), site: useId(), status: useId() };

  const { sites } = useScopeSites();
  const { docs, loading } = useLiveDocs('staff', { selector: {} });
  const policy = useOrgPolicy();
  const today = dayOfInstant(useNow(60_000), policy.time.timeZone);
  const lookups = useMemo(() => lookupsOf(sites), [sites]);

  const inScopeStaff = useMemo(() => (user ? docs.filter((s) => inScope(user, s.siteId)) : []), [docs, user]);
  const shown = useMemo(
    () =>
      inScopeStaff
        .filter((s) => (!siteFilter || s.siteId === siteFilter) && (!statusFilter || s.status === statusFilter) && matchesStaff(s, query))
        .sort((a, b) => a.staffNo.localeCompare(b.staffNo)),
    [inScopeStaff, siteFilter, statusFilter, query],
  );

  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const pageRows = shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    // A new search or filter starts at the first page.
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const exportAs = async (kind: 'csv' | 'xlsx') => {
    if (!user) return;
    setExporting(true);
    try {
      const columns = staffExportColumns((k) => t(`staff.${k}`), user.role, lookups);
      const name = `${t('staff.exportName')}-${today}`;
      if (kind === 'csv') saveFile(`${name}.csv`, toCsv(columns, shown), CSV_TYPE);
      else {
        const bytes = await toXlsx([{ name: t('staff.exportName'), columns, rows: shown }] as never);
        saveFile(`${name}.xlsx`, bytes as Uint8Array<ArrayBuffer>, XLSX_TYPE);
      }
    } finally {
      setExporting(false);
    }
  };

  const mayAdd = !!user && STAFF_EDITORS.includes(user.role) && sites.some((s) => canEditStaff(user, s.id));

  return (
    <section className="staff">
      <h1>{t('staff.title')}</h1>
      <div className="toolbar" role="search">
        <div className="field">
          <label htmlFor={ids.search}>{t('common.search')}</label>
          <input
            id={ids.search}
            type="search"
            placeholder={t('staff.search')}
            value={query}
            onChange={(e) => setParam('q', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.site}>{t('staff.filterSite')}</label>
          <select id={ids.site} value={siteFilter} onChange={(e) => setParam('site', e.target.value)}>
            <option value="">{t('staff.allSites')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('staff.filterStatus')}</label>
          <select id={ids.status} value={statusFilter} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">{t('staff.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`staff.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="toolbar">
        {mayAdd && (
          <>
            <Link className="button-link" to="/staff/new">
              {t('staff.new')}
            </Link>
            <Link className="button-link secondary" to={siteFilter ? `/staff/import?site=${encodeURIComponent(siteFilter)}` : '/staff/import'}>
              {t('staff.import')}
            </Link>
          </>
        )}
        <button type="button" className="secondary" disabled={exporting || shown.length === 0} onClick={() => void exportAs('csv')}>
          {t('common.exportCsv')}
        </button>
        <button type="button" className="secondary" disabled={exporting || shown.length === 0} onClick={() => void exportAs('xlsx')}>
          {exporting ? t('staff.exporting') : t('common.exportXlsx')}
        </button>
        <span className="staff-count" role="status" data-testid="staff-count" data-count={shown.length} data-total={inScopeStaff.length}>
          {t('staff.count', { count: shown.length })}
        </span>
      </div>
      {loading && docs.length === 0 && <p role="status">{t('staff.waiting')}</p>}
      {!loading && shown.length === 0 && <p role="status">{t('staff.noStaff')}</p>}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="data staff-table">
            <thead>
              <tr>
                <th scope="col">{t('staff.fields.staffNo')}</th>
                <th scope="col">{t('staff.fields.name')}</th>
                <th scope="col">{t('staff.fields.gender')}</th>
                <th scope="col">{t('staff.fields.site')}</th>
                <th scope="col">{t('staff.fields.post')}</th>
                <th scope="col">{t('staff.fields.status')}</th>
                <th scope="col">{t('staff.fields.phone')}</th>
                <th scope="col">{t('staff.certColumn')}</th>
                <th scope="col">{t('staff.onboardingColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {pageRows.map((s) => (
                <StaffRow key={s.id} staff={s} today={today} lookups={lookups} policy={policy} role={user?.role} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="toolbar pager" aria-label={t('staff.pages')}>
          <button type="button" className="secondary" disabled={current <= 1} onClick={() => setParam('page', String(current - 1))}>
            {t('staff.previousPage')}
          </button>
          <span role="status">
            {t('staff.pageOf', { from: (current - 1) * PAGE_SIZE + 1, to: (current - 1) * PAGE_SIZE + pageRows.length, total: shown.length })}
          </span>
          <button type="button" className="secondary" disabled={current >= pages} onClick={() => setParam('page', String(current + 1))}>
            {t('staff.nextPage')}
          </button>
        </nav>
      )}
    </section>
  );
}

interface RowProps {
  staff: Staff;
  today: string;
  lookups: ReturnType<typeof lookupsOf>;
  policy: Policy;
  role: Role | undefined;
}

function StaffRow({ staff: s, today, lookups, policy, role }: RowProps) {
  const { t } = useTranslation();
  const cert = worstCertificateState(certificateStates(s.certificates, today, policy));
  const onboarding = onboardingStatus(s, today, policy);
  const phone = role ? displaySensitive(role, 'phone', s.phone) : { text: '', masked: false };
  return (
    <tr data-testid="staff-list-row">
      <td>{s.staffNo}</td>
      <td>
        <Link to={staffPath(s.id)}>{s.name}</Link>
      </td>
      <td>{t(`staff.gender.${s.gender}`)}</td>
      <td>{lookups.siteName(s.siteId)}</td>
      <td>{lookups.postName(s.siteId, s.postId)}</td>
      <td>
        <span className={`badge ${s.status === 'on-post' ? 'ok' : s.status === 'left' ? '' : 'warn'}`}>{t(`staff.status.${s.status}`)}</span>
      </td>
      <td className="mono">{phone.text}</td>
      <td>
        {cert !== 'ok' ? (
          <span className={`badge ${cert === 'expired' ? 'bad' : 'warn'}`}>{t(`staff.certBadge.${cert}`)}</span>
        ) : (
          <span className="badge ok">{t('staff.certBadge.ok')}</span>
        )}
      </td>
      <td>
        {onboarding.complete ? (
          <span className="badge ok">{t('staff.onboarding.complete')}</span>
        ) : (
          <span className="badge warn">{t('staff.onboarding.missing', { count: onboarding.missing.length })}</span>
        )}
      </td>
    </tr>
  );
}
