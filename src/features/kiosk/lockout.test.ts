import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../domain/policy';
import { afterFailure, afterSuccess, loadLockout, lockedForMs, pruned, saveLockout, triesLeft, type LockoutState } from './lockout';

const rules = { maxAttempts: defaultPolicy.attendance.kioskPinMaxAttempts, lockoutMinutes: defaultPolicy.attendance.kioskPinLockoutMinutes };
const T0 = 1_700_000_000_000;

function fail(times: number, state: LockoutState = {}, at = T0): LockoutState {
  let s = state;
  for (let i = 0; i < times; i++) s = afterFailure(s, 'p1', at + i * 1000, rules);
  return s;
}

describe('PIN lockout (policy default: 5 wrong PINs → 5 minutes)', () => {
  it('the policy default is 5 tries and 5 minutes', () => {
    expect(rules).toEqual({ maxAttempts: 5, lockoutMinutes: 5 });
  });

  it('counts down the tries and locks at the fifth wrong PIN', () => {
    expect(triesLeft({}, 'p1', T0, rules)).toBe(5);
    const four = fail(4);
    expect(triesLeft(four, 'p1', T0 + 4000, rules)).toBe(1);
    expect(lockedForMs(four, 'p1', T0 + 4000)).toBe(0);
    const five = fail(5);
    const lastFailure = T0 + 4000;
    expect(lockedForMs(five, 'p1', lastFailure)).toBe(5 * 60_000);
    expect(triesLeft(five, 'p1', lastFailure, rules)).toBe(0);
  });

  it('unlocks after the lockout period, with a full count again', () => {
    const locked = fail(5);
    const end = T0 + 4000 + 5 * 60_000;
    expect(lockedForMs(locked, 'p1', end - 1)).toBe(1);
    expect(lockedForMs(locked, 'p1', end)).toBe(0);
    expect(triesLeft(locked, 'p1', end, rules)).toBe(5);
    const again = afterFailure(locked, 'p1', end, rules);
    expect(again.p1).toEqual({ failures: 1 });
  });

  it('a right PIN resets the count; other people are not affected', () => {
    const s = afterSuccess(fail(3), 'p1');
    expect(triesLeft(s, 'p1', T0, rules)).toBe(5);
    const other = afterFailure(fail(5), 'p2', T0, rules);
    expect(lockedForMs(other, 'p2', T0)).toBe(0);
    expect(triesLeft(other, 'p2', T0, rules)).toBe(4);
  });

  it('prunes expired lockouts and survives a round trip through storage, ignoring garbage', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const s = afterFailure(fail(5), 'p2', T0, rules);
    saveLockout(storage, s);
    expect(loadLockout(storage)).toEqual(s);
    expect(Object.keys(pruned(s, T0 + 10 * 60_000))).toEqual(['p2']);
    store.set('hallops.kiosk.pinLockout', '{not json');
    expect(loadLockout(storage)).toEqual({});
    store.set('hallops.kiosk.pinLockout', JSON.stringify({ a: { failures: 'x' }, b: { failures: 2 } }));
    expect(loadLockout(storage)).toEqual({ b: { failures: 2 } });
  });
});
