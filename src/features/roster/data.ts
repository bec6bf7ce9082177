import { useCallback, useMemo, useState } from 'react';
import { useLiveDocs } from '../../app/hooks';
import { WorkingCalendar } from '../../domain/calendar/working-days';
import type { KindOf } from '../../domain/collections';
import { defaultPolicy, type Policy } from '../../domain/policy';
import type { Role } from '../../domain/roles';
import { ORG_WIDE } from '../../domain/schemas/common';
import type { LeaveRequest } from '../../domain/schemas/leave';
import { applyPolicyOverrides } from '../../domain/schemas/organisation';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { useSession } from '../../sync/session';
import { chosenStaffKey, resolveStaffId } from './identity';

/** Roles that plan rosters and decide swap requests (DOMAIN.md "Rosters"). */
export const ROSTER_EDITORS: readonly Role[] = ['team-leader', 'manager', 'admin'];

export function canEditRoster(role: Role | undefined): boolean {
  return role !== undefined && ROSTER_EDITORS.includes(role);
}

/** The sites the signed-in user works on, halls first. */
export function useScopeSites(): { sites: Site[]; loading: boolean } {
  const session = useSession();
  const { docs, loading } = useLiveDocs('sites', { selector: {} });
  const scope = session?.user.siteIds;
  const sites = useMemo(
    () => docs.filter((s) => scope?.includes(ORG_WIDE) || scope?.includes(s.id)).sort((a, b) => a.id.localeCompare(b.id)),
    [docs, scope],
  );
  return { sites, loading };
}

/** The policy in force at a site and its working calendar (official days with the organisation's and the site's overrides). */
export function useSitePolicy(site: Site | undefined): { policy: Policy; calendar: WorkingCalendar } {
  const { docs } = useLiveDocs('catalog', { selector: { kind: 'organisation' } });
  const org = docs[0] as KindOf<'catalog', 'organisation'> | undefined;
  return useMemo(() => {
    const policy = applyPolicyOverrides(org?.policy ?? defaultPolicy, site?.policyOverrides);
    const overrides = [...(org?.calendarOverrides ?? []), ...(site?.calendarOverrides ?? [])];
    return { policy, calendar: new WorkingCalendar(overrides, site?.timeZone ?? policy.time.timeZone) };
  }, [org, site]);
}

/** Staff of a site (everyone but leavers), by staff number. */
export function useSiteStaff(siteId: string): Staff[] {
  const { docs } = useLiveDocs('staff', { selector: { siteId } });
  return useMemo(() => docs.filter((s) => s.status !== 'left').sort((a, b) => a.staffNo.localeCompare(b.staffNo)), [docs]);
}

/** Course certificates of a site's staff (考核通过方可上岗 needs them). */
export function useSiteCertificates(siteId: string): KindOf<'results', 'certificate'>[] {
  const { docs } = useLiveDocs('results', { selector: { siteId, kind: 'certificate' } });
  return docs as KindOf<'results', 'certificate'>[];
}

/** Leave of a site touching [from, to]. */
export function useSiteLeave(siteId: string, from: string, to: string): LeaveRequest[] {
  const { docs } = useLiveDocs('leave', { selector: { siteId, startDay: { $lte: to }, endDay: { $gte: from } } });
  return docs;
}

/** Course names by id, for rule messages. */
export function useCourseNames(): Map<string, string> {
  const { docs } = useLiveDocs('catalog', { selector: { kind: 'course' } });
  return useMemo(() => new Map((docs as KindOf<'catalog', 'course'>[]).map((c) => [c.id, c.name])), [docs]);
}

function readChosen(userId: string): string | null {
  try {
    return localStorage.getItem(chosenStaffKey(userId));
  } catch {
    return null;
  }
}

/** Staff of every site in the user's scope (everyone but leavers), by staff number. */
export function useScopeStaff(): Staff[] {
  const scope = useSession()?.user.siteIds ?? [];
  const selector = scope.includes(ORG_WIDE) ? {} : { siteId: { $in: scope } };
  const { docs } = useLiveDocs('staff', { selector });
  return useMemo(() => docs.filter((s) => s.status !== 'left').sort((a, b) => a.staffNo.localeCompare(b.staffNo)), [docs]);
}

/**
 * The signed-in user's own staff record (see identity.ts): from the session,
 * a choice remembered on this device, or the display name. `choose` lets the
 * user say who they are when none of these finds them.
 */
export function useMe(): { staffId?: string; source: 'session' | 'chosen' | 'name' | 'none'; candidates: Staff[]; choose(id: string | null): void } {
  const session = useSession();
  const user = session?.user;
  const candidates = useScopeStaff();
  const [chosen, setChosen] = useState<string | null>(() => (user ? readChosen(user.id) : null));
  const resolved = useMemo(() => (user ? resolveStaffId(user, candidates, chosen) : { source: 'none' as const }), [user, candidates, chosen]);
  const userId = user?.id;
  const choose = useCallback(
    (id: string | null) => {
      if (!userId) return;
      if (id) localStorage.setItem(chosenStaffKey(userId), id);
      else localStorage.removeItem(chosenStaffKey(userId));
      setChosen(id);
    },
    [userId],
  );
  return { ...resolved, candidates, choose };
}
