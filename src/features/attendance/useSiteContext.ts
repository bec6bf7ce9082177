import { useMemo } from 'react';
import { useLiveDocs } from '../../app/hooks';
import { DEFAULT_TIME_ZONE } from '../../domain/calendar/time-zone';
import { WorkingCalendar } from '../../domain/calendar/working-days';
import type { KindOf } from '../../domain/collections';
import { defaultPolicy, type Policy } from '../../domain/policy';
import { sitePolicy } from '../../domain/rules/attendance-inputs';
import type { Site } from '../../domain/schemas/site';

export interface SiteContext {
  site: Site | undefined;
  policy: Policy;
  timeZone: string;
  calendar: WorkingCalendar;
  loading: boolean;
}

/** A site with the policy and working calendar in force there (organisation's, with the site's overrides). */
export function useSiteContext(siteId: string): SiteContext {
  const { docs: sites, loading: sitesLoading } = useLiveDocs('sites', { selector: { id: siteId } });
  const { docs: orgs } = useLiveDocs('catalog', { selector: { kind: 'organisation' } });
  const site = sites[0];
  const org = orgs[0] as KindOf<'catalog', 'organisation'> | undefined;
  return useMemo(() => {
    const timeZone = site?.timeZone ?? DEFAULT_TIME_ZONE;
    const overrides = [...(org?.calendarOverrides ?? []), ...(site?.calendarOverrides ?? [])];
    return {
      site,
      policy: sitePolicy(org?.policy, site?.policyOverrides, defaultPolicy),
      timeZone,
      calendar: new WorkingCalendar(overrides, timeZone),
      loading: sitesLoading,
    };
  }, [site, org, sitesLoading]);
}
