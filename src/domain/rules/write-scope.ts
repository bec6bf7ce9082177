import { ORG_WIDE } from '../schemas/common';

/**
 * Whether a user whose scope is `siteIds` may write a document of `siteId`
 * (ARCHITECTURE.md "People, devices and permissions"): their own sites, every
 * site with the organisation-wide scope '*', and organisation-wide documents
 * only with that scope. The server decides finally (role rules included); the
 * client asks first so an import can say why it refuses a change.
 */
export function canWriteSite(siteIds: readonly string[], siteId: string): boolean {
  if (siteIds.includes(ORG_WIDE)) return true;
  if (siteId === ORG_WIDE) return false;
  return siteIds.includes(siteId);
}
