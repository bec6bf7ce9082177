import { isDeviceUser } from '../protocol';
import type { SessionUser } from '../roles';
import { ORG_WIDE } from '../schemas/common';

/**
 * What an enrolled kiosk tablet may open, and who may take it out of kiosk
 * mode (ARCHITECTURE.md "People, devices and permissions"). The server
 * enforces what the tablet receives; these rules keep the screens in line.
 */

/** The kiosk screen of a device session: its one site's check-in screen. */
export function kioskPathOf(user: Pick<SessionUser, 'siteIds'>): string | null {
  const site = user.siteIds.find((s) => s !== ORG_WIDE);
  return site ? `/kiosk/${encodeURIComponent(site)}` : null;
}

/**
 * Where a path leads for this session: `null` when it may be shown; else the
 * path to show instead. A kiosk tablet sees only its site's kiosk (everything
 * else, including other sites' kiosks, leads there); people are not redirected.
 */
export function kioskRedirect(user: Pick<SessionUser, 'id' | 'siteIds'>, pathname: string): string | null {
  if (!isDeviceUser(user)) return null;
  const home = kioskPathOf(user);
  if (!home) return null;
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return path === home ? null : home;
}

/**
 * Who may take a kiosk tablet of a site out of kiosk mode: the people who may
 * enrol and revoke it (an administrator, or a manager of that site); never a
 * device.
 */
export function mayLeaveKiosk(user: Pick<SessionUser, 'id' | 'role' | 'siteIds'>, siteId: string): boolean {
  if (isDeviceUser(user) || !siteId || siteId === ORG_WIDE) return false;
  if (user.role !== 'admin' && user.role !== 'manager') return false;
  return user.siteIds.includes(ORG_WIDE) || user.siteIds.includes(siteId);
}
