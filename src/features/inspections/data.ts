import { useMemo } from 'react';
import { useLiveDocs } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { DEFAULT_TIME_ZONE, dayOfInstant } from '../../domain/calendar/time-zone';
import { validateDocument, type CollectionName, type DocOf, type KindOf } from '../../domain/collections';
import { WorkingCalendar } from '../../domain/calendar/working-days';
import { defaultPolicy, type Policy } from '../../domain/policy';
import { ORG_WIDE } from '../../domain/schemas/common';
import { applyPolicyOverrides } from '../../domain/schemas/organisation';
import type { Site } from '../../domain/schemas/site';
import type { Role } from '../../domain/roles';
import type { AppDatabase } from '../../db/database';
import { InvalidDocumentError, type Author } from '../../db/write';
import type { Session } from '../../sync/session';

/** The documents this feature reads, as plain objects from the local database (live). */
export type Template = KindOf<'catalog', 'inspection-template'>;
export type Plan = KindOf<'catalog', 'inspection-plan'>;
export type Course = KindOf<'catalog', 'course'>;
export type InspectionDoc = KindOf<'inspections', 'inspection'>;
export type ActionDoc = KindOf<'inspections', 'action'>;

export function useTemplates(): { templates: Template[]; loading: boolean } {
  const { docs, loading } = useLiveDocs('catalog', { selector: { kind: 'inspection-template' } });
  return { templates: docs as Template[], loading };
}

export function usePlans(): Plan[] {
  return useLiveDocs('catalog', { selector: { kind: 'inspection-plan' } }).docs as Plan[];
}

export function useCourses(): Course[] {
  return useLiveDocs('catalog', { selector: { kind: 'course' } }).docs as Course[];
}

export function useSites(): Site[] {
  const { docs } = useLiveDocs('sites', { selector: {} });
  return useMemo(() => [...docs].sort((a, b) => a.id.localeCompare(b.id)), [docs]);
}

export function useInspections(): { inspections: InspectionDoc[]; loading: boolean } {
  const { docs, loading } = useLiveDocs('inspections', { selector: { kind: 'inspection' } });
  return { inspections: docs as InspectionDoc[], loading };
}

export function useActions(): ActionDoc[] {
  return useLiveDocs('inspections', { selector: { kind: 'action' } }).docs as ActionDoc[];
}

export function useInspectionDoc(id: string): { inspection: InspectionDoc | undefined; loading: boolean } {
  const { docs, loading } = useLiveDocs('inspections', { selector: { id } });
  const doc = docs[0];
  return { inspection: doc?.kind === 'inspection' ? doc : undefined, loading };
}

export function useStaff(siteId: string | undefined) {
  return useLiveDocs('staff', { selector: { siteId: siteId ?? '-' } }).docs;
}

/** The organisation's policy with a site's overrides (the numbers every rule uses). */
export function useSitePolicy(site: Site | undefined): Policy {
  const { docs } = useLiveDocs('catalog', { selector: { kind: 'organisation' } });
  const org = docs[0];
  return useMemo(() => {
    const base = org?.kind === 'organisation' ? org.policy : defaultPolicy;
    return applyPolicyOverrides(base, site?.policyOverrides);
  }, [org, site]);
}

/** Working-day calendars per site (the organisation's overrides, then the site's), for schedules. */
export function useCalendars(sites: readonly Site[]): (siteId: string, day: string) => boolean {
  const { docs } = useLiveDocs('catalog', { selector: { kind: 'organisation' } });
  const org = docs[0];
  return useMemo(() => {
    const orgOverrides = org?.kind === 'organisation' ? org.calendarOverrides : [];
    const calendars = new Map(sites.map((s) => [s.id, new WorkingCalendar([...orgOverrides, ...(s.calendarOverrides ?? [])], s.timeZone)]));
    const fallback = new WorkingCalendar(orgOverrides);
    return (siteId: string, day: string) => (calendars.get(siteId) ?? fallback).isWorkingDay(day);
  }, [org, sites]);
}

/** What the signed-in user may do here. */
export interface Abilities {
  /** Start and run inspections, raise corrective actions. */
  inspect: boolean;
  /** Write templates (organisation-wide documents: needs all sites in scope). */
  editTemplates: boolean;
  /** Plan inspections. */
  plan: boolean;
  /** Lock submitted inspections. */
  lock: boolean;
}

const INSPECTING: readonly Role[] = ['inspector', 'manager', 'admin'];

export function abilitiesOf(session: Session | null): Abilities {
  const role = session?.user.role;
  const orgWide = session?.user.siteIds.includes(ORG_WIDE) ?? false;
  const inspect = role !== undefined && INSPECTING.includes(role);
  return {
    inspect,
    editTemplates: orgWide && (role === 'admin' || role === 'inspector'),
    plan: inspect,
    lock: role === 'manager' || role === 'admin',
  };
}

/** Sites the user works at, as the site documents replicated to this device. */
export function sitesInScope(sites: readonly Site[], session: Session | null): Site[] {
  const scope = session?.user.siteIds ?? [];
  return scope.includes(ORG_WIDE) ? [...sites] : sites.filter((s) => scope.includes(s.id));
}

type Doc<C extends CollectionName> = DocOf<C>;

/**
 * Changes one stored document: `change` gets the current version and returns
 * the next, which is stamped and validated like every write (src/db/write.ts)
 * and written only if nothing changed it meanwhile. RxDB's incremental write
 * re-runs `change` on the newer version otherwise (e.g. a merge replication
 * just wrote), so no concurrent change is overwritten with a stale copy;
 * `change` must therefore be pure.
 */
export async function mutateDoc<C extends CollectionName>(
  db: AppDatabase,
  collection: C,
  id: string,
  change: (current: Doc<C>) => Doc<C>,
  author: Author,
): Promise<Doc<C>> {
  type Modifiable = { incrementalModify(fn: (data: Record<string, unknown>) => Record<string, unknown>): Promise<{ toJSON(): unknown }> };
  const found = await (db[collection] as unknown as { findOne(id: string): { exec(): Promise<Modifiable | null> } }).findOne(id).exec();
  if (!found) throw new Error(`${collection} ${id} is not on this device`);
  const written = await found.incrementalModify((data) => {
    const next = { ...(change(data as Doc<C>) as Record<string, unknown>), updatedAt: new Date().toISOString(), updatedBy: author.userId, deviceId: author.deviceId };
    const checked = validateDocument(collection, next);
    if (!checked.ok) throw new InvalidDocumentError(checked.reason);
    return { ...(checked.doc as Record<string, unknown>), _deleted: data._deleted ?? false };
  });
  return written.toJSON() as Doc<C>;
}

/** Today in the sites' time zone (Asia/Shanghai by default), rolling over by itself. */
export function useToday(timeZone = DEFAULT_TIME_ZONE): string {
  return dayOfInstant(useNow(60_000), timeZone);
}

/** Whether the signed-in user owns a corrective action: as an account, or through their staff record. */
export function ownsAction(session: Session | null, action: Pick<ActionDoc, 'ownerId'>): boolean {
  if (!session) return false;
  return action.ownerId === session.user.id || (session.user.staffId !== undefined && action.ownerId === session.user.staffId);
}

/** The identity the corrective-action rules see: the owning staff record when the user acts as its owner. */
export function actorFor(session: Session | null, action: Pick<ActionDoc, 'ownerId'>, fallbackId: string): { id: string; role: Role } {
  const role = session?.user.role ?? 'guide';
  if (session && ownsAction(session, action)) return { id: action.ownerId, role };
  return { id: session?.user.id ?? fallbackId, role };
}
