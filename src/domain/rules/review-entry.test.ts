import { describe, expect, it } from 'vitest';
import { validateDocument } from '../collections';
import { reviewId } from '../ids';
import { defaultPolicy } from '../policy';
import { mergeReviews } from './merge';
import { baseReview, lockRefusal, lockReview, reviewOutcome, withScore } from './review-entry';

const AT = '2026-06-03T02:00:00.000Z';
const stamp = { updatedAt: AT, updatedBy: 'u', deviceId: 'd' };

describe('writing a review side by side', () => {
  it('a new review has the deterministic id of (person, month) and validates', () => {
    const r = baseReview(undefined, 'staff-1', 'site-hall-1', '2026-05');
    expect(r.id).toBe(reviewId('staff-1', '2026-05'));
    expect(validateDocument('reviews', { ...r, ...stamp }).ok).toBe(true);
  });

  it('each side writes only its own fields; the merge of the two offline versions has both and the 30/70 total', () => {
    const base = baseReview(undefined, 'staff-1', 'site-hall-1', '2026-05');
    const manager = { ...withScore(base, 'provider', 80, 'user-manager', AT), ...stamp };
    const client = { ...withScore(base, 'client', 90, 'user-client', '2026-06-04T02:00:00.000Z'), ...stamp };
    expect(manager).not.toHaveProperty('clientScore');
    expect(client).not.toHaveProperty('providerScore');
    const merged = mergeReviews(manager, client);
    expect([merged.providerScore, merged.clientScore]).toEqual([80, 90]);
    expect(reviewOutcome(merged, [], '2026-05', defaultPolicy)).toEqual({ total: 87, pay: 500, warnings: [] });
  });

  it.each([
    [{ locked: true, providerScore: 1, clientScore: 1 }, 'already-locked'],
    [{ locked: false, clientScore: 1 }, 'provider-missing'],
    [{ locked: false, providerScore: 1 }, 'client-missing'],
    [{ locked: false, providerScore: 1, clientScore: 1 }, null],
  ] as const)('lockRefusal(%o) = %s', (review, expected) => {
    expect(lockRefusal(review)).toBe(expected);
  });

  it('locking stores total and pay, and validates as a locked review', () => {
    const r = withScore(withScore(baseReview(undefined, 's', 'site', '2026-05'), 'provider', 60, 'm', AT), 'client', 75, 'c', AT);
    const locked = lockReview(r, defaultPolicy, 'm', AT);
    expect(locked).toMatchObject({ total: 70.5, pay: 300, locked: true, lockedBy: 'm' });
    expect(validateDocument('reviews', { ...locked, ...stamp }).ok).toBe(true);
    expect(() => lockReview(baseReview(undefined, 's', 'site', '2026-05'), defaultPolicy, 'm', AT)).toThrow(/provider-missing/);
  });
});

describe('reviewOutcome', () => {
  const month = (m: string, p: number, c: number) => ({ month: m, providerScore: p, clientScore: c, locked: false });
  it.each([
    ['no review', undefined, [], { total: null, pay: null, warnings: [] }],
    ['only one part', { month: '2026-05', providerScore: 90, locked: false }, [], { total: null, pay: null, warnings: [] }],
    ['locked: the stored figures stand', { month: '2026-05', providerScore: 90, clientScore: 90, total: 50, pay: 0, locked: true }, [], { total: 50, pay: 0, warnings: ['month-below-within-window'] }],
    ['three months under 80', month('2026-05', 75, 75), [month('2026-04', 78, 78), month('2026-03', 79, 79)], { total: 75, pay: 300, warnings: ['consecutive-months-below'] }],
    ['a month under 70 two months ago', month('2026-05', 95, 95), [month('2026-03', 60, 60)], { total: 95, pay: 700, warnings: ['month-below-within-window'] }],
    ['the 90 band edge', month('2026-05', 90, 90), [], { total: 90, pay: 700, warnings: [] }],
  ] as const)('%s', (_name, review, history, expected) => {
    expect(reviewOutcome(review, history, '2026-05', defaultPolicy)).toEqual(expected);
  });
});
