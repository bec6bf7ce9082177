import { useMemo } from 'react';
import { useLiveDocs } from '../../app/hooks';
import { addDays, daysOfMonth } from '../../domain/calendar/days';
import { instantOf } from '../../domain/calendar/time-zone';
import type { DocOf, KindOf } from '../../domain/collections';
import { ORG_WIDE } from '../../domain/schemas/common';
import { useSession } from '../../sync/session';
import type { RawDocs } from './site-data';

const AMENDMENTS = ['correction', 'verified-missing-punch'];

/** The sites the user may see (local data is already scoped by the server). */
export function useScopedSites(): { sites: DocOf<'sites'>[]; loading: boolean } {
  const session = useSession();
  const { docs, loading } = useLiveDocs('sites', { selector: {} });
  const scope = session?.user.siteIds;
  const sites = useMemo(
    () => docs.filter((s) => scope?.includes(ORG_WIDE) || scope?.includes(s.id)).sort((a, b) => a.id.localeCompare(b.id)),
    [docs, scope],
  );
  return { sites, loading };
}

/**
 * Every local document the reports need for `siteIds`, for the month and for
 * today (whichever range is wider), read live from the device's database.
 */
export function useReportData(sites: readonly DocOf<'sites'>[], month: string, today: string): RawDocs & { loading: boolean } {
  const siteIds = sites.map((s) => s.id);
  const days = daysOfMonth(month);
  const from = addDays(days[0]! < today ? days[0]! : today, -1);
  const to = addDays(days.at(-1)! > today ? days.at(-1)! : today, 2);
  const tz = sites[0]?.timeZone ?? 'Asia/Shanghai';
  const [fromIso, toIso] = [instantOf(from, '00:00', tz), instantOf(to, '00:00', tz)];
  const inSites = { $in: siteIds };
  const { docs: orgs } = useLiveDocs('catalog', { selector: { kind: 'organisation' } });
  const { docs: staff, loading } = useLiveDocs('staff', { selector: { siteId: inSites } });
  const { docs: rosters } = useLiveDocs('rosters', { selector: { siteId: inSites, kind: 'slot', day: { $gte: from, $lte: to } } });
  const { docs: punches } = useLiveDocs('attendance', { selector: { siteId: inSites, deviceTime: { $gte: fromIso, $lt: toIso } } });
  const { docs: amendments } = useLiveDocs('attendance', { selector: { siteId: inSites, deviceTime: { $gte: fromIso }, kind: { $in: AMENDMENTS } } });
  const { docs: leave } = useLiveDocs('leave', { selector: { siteId: inSites, startDay: { $lte: to } } });
  const { docs: training } = useLiveDocs('training', { selector: { siteId: inSites, kind: 'session', day: { $gte: from, $lte: to } } });
  const { docs: results } = useLiveDocs('results', { selector: { siteId: inSites, kind: 'exam-result' } });
  const { docs: inspections } = useLiveDocs('inspections', { selector: { siteId: inSites } });
  return useMemo(() => {
    const byId = new Map(punches.map((e) => [e.id, e]));
    for (const e of amendments) byId.set(e.id, e);
    const org = orgs.find((d): d is KindOf<'catalog', 'organisation'> => d.kind === 'organisation');
    return {
      loading,
      sites,
      ...(org ? { organisation: org } : {}),
      staff,
      rosters,
      attendance: [...byId.values()],
      leave: leave.filter((l) => l.endDay >= from),
      training,
      results,
      inspections,
    };
  }, [loading, sites, orgs, staff, rosters, punches, amendments, leave, training, results, inspections, from]);
}

/** Names for ids: staff by id, courses and inspection-template sections from the catalog. */
export function useCatalogNames(): { course(id: string): string; section(id: string): string; template(key: string): string } {
  const { docs } = useLiveDocs('catalog', { selector: { kind: { $in: ['course', 'inspection-template'] } } });
  return useMemo(() => {
    const courses = new Map<string, string>();
    const sections = new Map<string, string>();
    const templates = new Map<string, string>();
    for (const d of docs) {
      if (d.kind === 'course') courses.set(d.id, d.name);
      if (d.kind === 'inspection-template') {
        templates.set(d.templateKey, d.name);
        for (const s of d.sections) if (!sections.has(s.id)) sections.set(s.id, s.title);
      }
    }
    return {
      course: (id) => courses.get(id) ?? id,
      section: (id) => sections.get(id) ?? id,
      template: (key) => templates.get(key) ?? key,
    };
  }, [docs]);
}
