import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correctiveActionStatuses, type CorrectiveActionStatus } from '../schemas/inspection';
import {
  allowedTransitions,
  compareActionStates,
  isOverdue,
  mergeActionStatus,
  transitionAction,
  type ActionState,
  type Actor,
} from './corrective-action';

const owner: Actor = { id: 'tl-1', role: 'team-leader' };
const inspector: Actor = { id: 'insp-1', role: 'inspector' };
const guide: Actor = { id: 'g-1', role: 'guide' };

describe('DOMAIN.md corrective actions: "Life cycle: open → in progress → evidence submitted → verified and closed (or reopened)"', () => {
  it('walks the life cycle with the right people, and a reopen starts the next round', () => {
    let a = { status: 'open' as CorrectiveActionStatus, round: 0, ownerId: owner.id };
    const step = (to: CorrectiveActionStatus, actor: Actor) => {
      const r = transitionAction(a, to, actor);
      if (!r.ok) throw new Error(r.reason);
      a = { ...a, ...r.state };
    };
    step('in-progress', owner);
    step('evidence-submitted', owner);
    step('reopened', inspector);
    expect(a).toMatchObject({ status: 'reopened', round: 1 });
    step('in-progress', owner);
    step('evidence-submitted', owner);
    step('closed', inspector);
    expect(a).toMatchObject({ status: 'closed', round: 1 });
  });

  it.each([
    ['open', 'closed', inspector, 'not-allowed-from-status'],
    ['open', 'in-progress', guide, 'not-permitted-for-role'],
    ['evidence-submitted', 'closed', guide, 'not-permitted-for-role'],
    ['evidence-submitted', 'closed', { id: owner.id, role: 'inspector' as const }, 'owner-cannot-verify'],
    ['closed', 'in-progress', owner, 'not-allowed-from-status'],
  ] as const)('refuses %s → %s for %j (%s)', (from, to, actor, reason) => {
    expect(transitionAction({ status: from, round: 0, ownerId: owner.id }, to, actor)).toEqual({ ok: false, reason });
  });

  it('lists the allowed transitions per role', () => {
    const submitted = { status: 'evidence-submitted' as const, round: 0, ownerId: owner.id };
    expect(allowedTransitions(submitted, inspector)).toEqual(['closed', 'reopened']);
    expect(allowedTransitions(submitted, owner)).toEqual([]);
    expect(allowedTransitions({ ...submitted, status: 'open' }, { id: 'm', role: 'manager' })).toEqual(['in-progress']);
  });

  it('"Overdue actions are flagged."', () => {
    expect(isOverdue({ status: 'in-progress', dueDay: '2025-03-10' }, '2025-03-10')).toBe(false);
    expect(isOverdue({ status: 'in-progress', dueDay: '2025-03-10' }, '2025-03-11')).toBe(true);
    expect(isOverdue({ status: 'closed', dueDay: '2025-03-10' }, '2025-04-01')).toBe(false);
  });
});

describe('mergeActionStatus: forward-only merge of concurrent states', () => {
  const stateArb: fc.Arbitrary<ActionState> = fc
    .record({ round: fc.integer({ min: 0, max: 3 }), status: fc.constantFrom(...correctiveActionStatuses) })
    .map((s) => (s.status === 'open' ? { ...s, round: 0 } : s.status === 'reopened' && s.round === 0 ? { ...s, round: 1 } : s));

  it('a concurrent close and reopen resolve to reopened', () => {
    expect(mergeActionStatus({ status: 'closed', round: 0 }, { status: 'reopened', round: 1 })).toEqual({ status: 'reopened', round: 1 });
    expect(mergeActionStatus({ status: 'in-progress', round: 0 }, { status: 'evidence-submitted', round: 0 }).status).toBe('evidence-submitted');
  });

  it('is commutative, associative and idempotent, and only moves forward', () => {
    fc.assert(
      fc.property(stateArb, stateArb, stateArb, (a, b, c) => {
        expect(mergeActionStatus(a, b)).toEqual(mergeActionStatus(b, a));
        expect(mergeActionStatus(mergeActionStatus(a, b), c)).toEqual(mergeActionStatus(a, mergeActionStatus(b, c)));
        expect(mergeActionStatus(a, a)).toEqual(a);
        const m = mergeActionStatus(a, b);
        expect(compareActionStates(m, a)).toBeGreaterThanOrEqual(0);
        expect(compareActionStates(m, b)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('every allowed transition moves forward in the merge order', () => {
    const admin: Actor = { id: 'a', role: 'admin' };
    fc.assert(
      fc.property(stateArb, (s) => {
        for (const to of allowedTransitions({ ...s, ownerId: 'someone' }, admin)) {
          const r = transitionAction({ ...s, ownerId: 'someone' }, to, admin);
          expect(r.ok && compareActionStates(r.state, s) > 0).toBe(true);
        }
      }),
    );
  });
});
