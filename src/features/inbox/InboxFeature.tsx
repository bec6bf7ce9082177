import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveDocs } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { WorkingCalendar } from '../../domain/calendar/working-days';
import type { KindOf } from '../../domain/collections';
import { defaultPolicy } from '../../domain/policy';
import { reminders } from '../../domain/rules/reminders';
import { useSession } from '../../sync/session';
import { useCatalogNames, useScopedSites } from '../reports/useReportData';
import './inbox.css';

/** Reminders for the signed-in role, computed on the device from local data (works offline). */
export default function InboxFeature() {
  const { t } = useTranslation();
  const session = useSession();
  const now = useNow();
  const { sites } = useScopedSites();
  const siteIds = sites.map((s) => s.id);
  const inSites = { $in: siteIds };
  const { docs: orgs } = useLiveDocs('catalog', { selector: { kind: 'organisation' } });
  const { docs: plans } = useLiveDocs('catalog', { selector: { kind: 'inspection-plan' } });
  const { docs: staff } = useLiveDocs('staff', { selector: { siteId: inSites } });
  const { docs: certificates } = useLiveDocs('results', { selector: { siteId: inSites, kind: 'certificate' } });
  const { docs: inspections } = useLiveDocs('inspections', { selector: { siteId: inSites } });
  const names = useCatalogNames();
  const tz = sites[0]?.timeZone ?? 'Asia/Shanghai';
  const today = dayOfInstant(now, tz);

  const list = useMemo(() => {
    if (!session) return [];
    const org = orgs.find((d): d is KindOf<'catalog', 'organisation'> => d.kind === 'organisation');
    const calendars = new Map(sites.map((s) => [s.id, new WorkingCalendar([...(org?.calendarOverrides ?? []), ...(s.calendarOverrides ?? [])], s.timeZone)]));
    return reminders({
      role: session.user.role,
      userId: session.user.id,
      ...(session.user.staffId ? { staffId: session.user.staffId } : {}),
      today,
      policy: org?.policy ?? defaultPolicy,
      staff,
      certificates: certificates.filter((c): c is KindOf<'results', 'certificate'> => c.kind === 'certificate'),
      plans: plans.filter((p): p is KindOf<'catalog', 'inspection-plan'> => p.kind === 'inspection-plan' && siteIds.includes(p.siteId)),
      inspections: inspections.filter((i): i is KindOf<'inspections', 'inspection'> => i.kind === 'inspection'),
      actions: inspections.filter((i): i is KindOf<'inspections', 'action'> => i.kind === 'action'),
      isWorkingDay: (siteId, day) => calendars.get(siteId)?.isWorkingDay(day) ?? true,
    });
  }, [session, orgs, sites, siteIds, today, staff, certificates, plans, inspections]);

  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const subject = (kind: string, s: string | undefined) => {
    if (!s) return '';
    if (kind.startsWith('inspection')) return names.template(s);
    if (kind === 'certificate-expiring' || kind === 'certificate-expired') return names.course(s);
    return s;
  };

  return (
    <section aria-labelledby="inbox-title" className="inbox">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <p className="hint">{t('inbox.asOf', { day: today, count: list.length })}</p>
      {list.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <ul className="reminders" data-testid="reminders">
          {list.map((r) => (
            <li key={r.key} className={r.overdue ? 'overdue' : undefined} data-kind={r.kind}>
              <span className={`badge ${r.overdue ? 'bad' : 'warn'}`}>{t(r.overdue ? 'inbox.overdue' : 'inbox.due')}</span>
              <strong>{t(`inbox.kind.${r.kind}`)}</strong>
              <span>
                {[r.staffId ? staffName.get(r.staffId) : undefined, subject(r.kind, r.subject), siteName.get(r.siteId)].filter(Boolean).join(' · ')}
              </span>
              <span className="due">{t('inbox.dueOn', { day: r.dueOn })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
