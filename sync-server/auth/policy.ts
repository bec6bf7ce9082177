import { ORG_WIDE } from '../../src/domain/schemas/common';
import type { Role, SessionUser } from '../../src/domain/roles';

export type Action = 'read' | 'write';
export type Decision = { allowed: true } | { allowed: false; reason: string };

/** Who may write each collection; collections not listed are writable by every role (in scope). */
const WRITERS: Readonly<Record<string, readonly Role[]>> = {
  sites: ['manager', 'admin'],
  staff: ['manager', 'admin'],
};

/** Whether the user's scope covers the site; organisation-wide documents ('*') are visible to everyone. */
export function inScope(user: Pick<SessionUser, 'siteIds'>, siteId: string, action: Action): boolean {
  if (user.siteIds.includes(ORG_WIDE)) return true;
  // Organisation-wide documents are readable by all but writable only by org-wide users.
  if (siteId === ORG_WIDE) return action === 'read';
  return user.siteIds.includes(siteId);
}

/** The sites a pull or stream may return for this user. */
export function readableSites(user: Pick<SessionUser, 'siteIds'>): 'all' | string[] {
  return user.siteIds.includes(ORG_WIDE) ? 'all' : [...user.siteIds];
}

/**
 * The one place that decides whether a user may read or write a document of a
 * collection. The fine-grained permission matrix will grow here.
 */
export function can(user: SessionUser, action: Action, collection: string, doc: { siteId?: unknown }): Decision {
  const siteId = typeof doc.siteId === 'string' ? doc.siteId : '';
  if (!inScope(user, siteId, action)) return { allowed: false, reason: `Site ${siteId} is outside your scope.` };
  if (action === 'write') {
    const writers = WRITERS[collection];
    if (writers && !writers.includes(user.role)) {
      return { allowed: false, reason: `The role ${user.role} may not change ${collection}.` };
    }
  }
  return { allowed: true };
}
