import { WorkingCalendar } from '../../domain/calendar/working-days';
import type { DocOf, KindOf } from '../../domain/collections';
import { defaultPolicy, type Policy } from '../../domain/policy';
import { sitePolicy } from '../../domain/rules/attendance-inputs';
import type { SiteData } from '../../domain/rules/dashboard';

/**
 * Raw local documents → the dashboard's per-site inputs. Pure, so the screen
 * and the e2e check (which pulls the same documents from the server) build
 * the dashboard from the same inputs.
 */
export interface RawDocs {
  sites: readonly DocOf<'sites'>[];
  organisation?: Pick<KindOf<'catalog', 'organisation'>, 'policy' | 'calendarOverrides'>;
  staff: readonly DocOf<'staff'>[];
  rosters: readonly DocOf<'rosters'>[];
  attendance: readonly DocOf<'attendance'>[];
  leave: readonly DocOf<'leave'>[];
  training: readonly DocOf<'training'>[];
  results: readonly DocOf<'results'>[];
  inspections: readonly DocOf<'inspections'>[];
}

export function orgPolicy(org: RawDocs['organisation']): Policy {
  return org?.policy ?? defaultPolicy;
}

export function siteDataFrom(raw: RawDocs): SiteData[] {
  return raw.sites.map((site) => {
    const mine = <T extends { siteId: string }>(docs: readonly T[]) => docs.filter((d) => d.siteId === site.id);
    const calendar = new WorkingCalendar([...(raw.organisation?.calendarOverrides ?? []), ...(site.calendarOverrides ?? [])], site.timeZone);
    return {
      siteId: site.id,
      timeZone: site.timeZone,
      shiftTemplates: site.shiftTemplates,
      posts: site.posts,
      policy: sitePolicy(raw.organisation?.policy, site.policyOverrides, defaultPolicy),
      isWorkingDay: (d: string) => calendar.isWorkingDay(d),
      staff: mine(raw.staff),
      slots: mine(raw.rosters).filter((d): d is KindOf<'rosters', 'slot'> => d.kind === 'slot'),
      events: mine(raw.attendance),
      leave: mine(raw.leave),
      sessions: mine(raw.training).filter((d): d is KindOf<'training', 'session'> => d.kind === 'session'),
      results: mine(raw.results).filter((d): d is KindOf<'results', 'exam-result'> => d.kind === 'exam-result'),
      inspections: mine(raw.inspections).filter((d): d is KindOf<'inspections', 'inspection'> => d.kind === 'inspection'),
      actions: mine(raw.inspections).filter((d): d is KindOf<'inspections', 'action'> => d.kind === 'action'),
    };
  });
}

export { formatNumber, formatRate } from './format';
