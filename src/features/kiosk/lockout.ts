/**
 * PIN lockout on one tablet: after N wrong PINs in a row for a person, that
 * person cannot try again for M minutes (policy: kioskPinMaxAttempts,
 * kioskPinLockoutMinutes). Pure state transitions; the kiosk keeps the state in
 * localStorage so a reload does not reset the count.
 */

export interface LockoutEntry {
  failures: number;
  /** Epoch ms until which the person is locked out. */
  lockedUntil?: number;
}

export type LockoutState = Readonly<Record<string, LockoutEntry>>;

export interface LockoutRules {
  maxAttempts: number;
  lockoutMinutes: number;
}

/** Milliseconds the person must still wait (0 = may try). */
export function lockedForMs(state: LockoutState, staffId: string, nowMs: number): number {
  const until = state[staffId]?.lockedUntil;
  return until !== undefined && until > nowMs ? until - nowMs : 0;
}

/** Tries left before the lockout (after an expired lockout the count starts again). */
export function triesLeft(state: LockoutState, staffId: string, nowMs: number, rules: LockoutRules): number {
  const e = state[staffId];
  if (!e) return rules.maxAttempts;
  if (e.lockedUntil !== undefined) return e.lockedUntil > nowMs ? 0 : rules.maxAttempts;
  return Math.max(0, rules.maxAttempts - e.failures);
}

/** After a wrong PIN: one more failure; at the limit, locked for the lockout period. */
export function afterFailure(state: LockoutState, staffId: string, nowMs: number, rules: LockoutRules): LockoutState {
  const prev = state[staffId];
  const expired = prev?.lockedUntil !== undefined && prev.lockedUntil <= nowMs;
  const failures = (expired || !prev ? 0 : prev.failures) + 1;
  const entry: LockoutEntry =
    failures >= rules.maxAttempts ? { failures, lockedUntil: nowMs + rules.lockoutMinutes * 60_000 } : { failures };
  return { ...state, [staffId]: entry };
}

/** After the right PIN: the count starts again. */
export function afterSuccess(state: LockoutState, staffId: string): LockoutState {
  if (!(staffId in state)) return state;
  const next = { ...state };
  delete next[staffId];
  return next;
}

/** Drops expired lockouts and stale counts so the stored state stays small. */
export function pruned(state: LockoutState, nowMs: number): LockoutState {
  const out: Record<string, LockoutEntry> = {};
  for (const [id, e] of Object.entries(state)) {
    if (e.lockedUntil === undefined || e.lockedUntil > nowMs) out[id] = e;
  }
  return out;
}

const STORAGE_KEY = 'hallops.kiosk.pinLockout';

export function loadLockout(storage: Pick<Storage, 'getItem'>): LockoutState {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, LockoutEntry> = {};
    for (const [id, e] of Object.entries(parsed as Record<string, unknown>)) {
      const entry = e as Partial<LockoutEntry>;
      if (typeof entry.failures !== 'number') continue;
      out[id] = typeof entry.lockedUntil === 'number' ? { failures: entry.failures, lockedUntil: entry.lockedUntil } : { failures: entry.failures };
    }
    return out;
  } catch {
    return {};
  }
}

export function saveLockout(storage: Pick<Storage, 'setItem'>, state: LockoutState): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(state));
}
