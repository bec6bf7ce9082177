/**
 * Which staff record is the signed-in user's (for "my shifts" and "my leave").
 * The server's session user carries no staff id, so the app tries, in order:
 * a `staffId` the session may carry one day, the person this device's user
 * picked before, then the staff member whose name ends the display name
 * (the demo users are "引导员 王芳", "组长 李强"), if exactly one matches.
 */

export interface NamedStaff {
  id: string;
  name: string;
  status?: string;
}

/** The last word of a display name, if one staff member (not left) has that exact name. */
export function staffIdFromDisplayName(displayName: string, staff: readonly NamedStaff[]): string | undefined {
  const words = displayName.trim().split(/\s+/);
  const name = words.at(-1);
  if (!name) return undefined;
  const matches = staff.filter((s) => s.name === name && s.status !== 'left');
  return matches.length === 1 ? matches[0]!.id : undefined;
}

/** The staff id a session user object carries, if the server sends one. */
export function staffIdOfSessionUser(user: object): string | undefined {
  const value = (user as { staffId?: unknown }).staffId;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export const chosenStaffKey = (userId: string) => `hallops.staffId.${userId}`;

export function resolveStaffId(
  user: { id: string; displayName: string },
  staff: readonly NamedStaff[],
  chosen: string | null,
): { staffId?: string; source: 'session' | 'chosen' | 'name' | 'none' } {
  const fromSession = staffIdOfSessionUser(user);
  if (fromSession) return { staffId: fromSession, source: 'session' };
  if (chosen && staff.some((s) => s.id === chosen)) return { staffId: chosen, source: 'chosen' };
  const byName = staffIdFromDisplayName(user.displayName, staff);
  return byName ? { staffId: byName, source: 'name' } : { source: 'none' };
}
