import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { kioskRedirect } from '../../domain/rules/kiosk-access';
import { useSession } from '../../sync/session';

/**
 * Route guard of kiosk tablets: a device session sees only its site's kiosk.
 * Any other address (typed, bookmarked, a link) is replaced by the kiosk before
 * its screen mounts, so no other screen's data is ever read or shown. The way
 * out is the kiosk's own exit check (an administrator or the site's manager).
 */
export function KioskGuard({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname } = useLocation();
  const to = session ? kioskRedirect(session.user, pathname) : null;
  return to ? <Navigate to={to} replace /> : children;
}
