import type { Role } from '../roles';
import type { CorrectiveAction, CorrectiveActionStatus } from '../schemas/inspection';

/**
 * Corrective actions (整改, DOMAIN.md "Inspections"): open → in progress →
 * evidence submitted → verified and closed, or reopened → in progress … Each
 * reopen starts a new round, so (round, step) only grows and two devices'
 * concurrent states merge forward without a conflict.
 */

export type ActionState = Pick<CorrectiveAction, 'status' | 'round'>;

/** Position of a status within a round. */
const STEP: Record<CorrectiveActionStatus, number> = {
  open: 0,
  reopened: 0,
  'in-progress': 1,
  'evidence-submitted': 2,
  closed: 3,
};

/** Roles that verify evidence: close an action or reopen it. */
export const VERIFIER_ROLES: readonly Role[] = ['inspector', 'manager', 'admin'];
/** Roles that may act for any owner (start work, submit evidence). */
const MANAGING_ROLES: readonly Role[] = ['manager', 'admin'];

export type TransitionRefusal = 'not-allowed-from-status' | 'not-permitted-for-role' | 'owner-cannot-verify';

export interface Actor {
  id: string;
  role: Role;
}

const FROM: Record<CorrectiveActionStatus, readonly CorrectiveActionStatus[]> = {
  open: ['in-progress'],
  reopened: ['in-progress'],
  'in-progress': ['evidence-submitted'],
  'evidence-submitted': ['closed', 'reopened'],
  closed: ['reopened'],
};

function permitted(to: CorrectiveActionStatus, actor: Actor, ownerId: string): TransitionRefusal | null {
  const isOwner = actor.id === ownerId;
  if (to === 'in-progress' || to === 'evidence-submitted') {
    return isOwner || MANAGING_ROLES.includes(actor.role) ? null : 'not-permitted-for-role';
  }
  // closed, reopened: verification by someone else than the owner.
  if (!VERIFIER_ROLES.includes(actor.role)) return 'not-permitted-for-role';
  if (to === 'closed' && isOwner) return 'owner-cannot-verify';
  return null;
}

/** The statuses an actor may move an action to now. */
export function allowedTransitions(
  action: ActionState & Pick<CorrectiveAction, 'ownerId'>,
  actor: Actor,
): CorrectiveActionStatus[] {
  return FROM[action.status].filter((to) => permitted(to, actor, action.ownerId) === null);
}

/** Applies a transition, or says why it is refused. Reopening starts the next round. */
export function transitionAction(
  action: ActionState & Pick<CorrectiveAction, 'ownerId'>,
  to: CorrectiveActionStatus,
  actor: Actor,
): { ok: true; state: ActionState } | { ok: false; reason: TransitionRefusal } {
  if (!FROM[action.status].includes(to)) return { ok: false, reason: 'not-allowed-from-status' };
  const refusal = permitted(to, actor, action.ownerId);
  if (refusal) return { ok: false, reason: refusal };
  return { ok: true, state: { status: to, round: to === 'reopened' ? action.round + 1 : action.round } };
}

/** Total order of states: later rounds first, then later steps; 'reopened' above 'open' on a tie. */
export function compareActionStates(a: ActionState, b: ActionState): number {
  return a.round - b.round || STEP[a.status] - STEP[b.status] || (a.status === b.status ? 0 : a.status === 'reopened' ? 1 : b.status === 'reopened' ? -1 : a.status < b.status ? -1 : 1);
}

/**
 * Merges two concurrent states by keeping the one further along: commutative,
 * associative and idempotent, and never moves backwards. A concurrent "close"
 * and "reopen" of the same round resolve to reopened (the next round).
 */
export function mergeActionStatus<S extends ActionState>(a: S, b: S): S {
  return compareActionStates(a, b) >= 0 ? a : b;
}

/** Overdue: not closed and past its due day. */
export function isOverdue(action: Pick<CorrectiveAction, 'status' | 'dueDay'>, today: string): boolean {
  return action.status !== 'closed' && today > action.dueDay;
}
