import type { Role, SessionUser } from '../../domain/roles';
import { ORG_WIDE } from '../../domain/schemas/common';

/**
 * Who may do what with staff records and sites in the app (the sync server
 * checks the same on every push): managers of a site and administrators edit;
 * the superior and team leaders read.
 */
export const STAFF_READERS: readonly Role[] = ['manager', 'admin', 'superior', 'team-leader'];
export const STAFF_EDITORS: readonly Role[] = ['manager', 'admin'];
export const SITE_EDITORS: readonly Role[] = ['manager', 'admin'];

export function inScope(user: Pick<SessionUser, 'siteIds'>, siteId: string): boolean {
  return user.siteIds.includes(ORG_WIDE) || user.siteIds.includes(siteId);
}

export function canEditStaff(user: Pick<SessionUser, 'role' | 'siteIds'> | undefined, siteId: string): boolean {
  return !!user && STAFF_EDITORS.includes(user.role) && inScope(user, siteId);
}

export function canEditSite(user: Pick<SessionUser, 'role' | 'siteIds'> | undefined, siteId: string): boolean {
  return !!user && SITE_EDITORS.includes(user.role) && inScope(user, siteId);
}
