/** A fixed-window counter per key. In memory: per process (see the report for multi-instance notes). */
class WindowCounter {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly windowMs: number) {}

  /** Count for the key in the current window (0 when none). */
  get(key: string, now: number): { count: number; resetAt: number } {
    const e = this.entries.get(key);
    if (!e || e.resetAt <= now) return { count: 0, resetAt: now + this.windowMs };
    return e;
  }

  add(key: string, now: number): void {
    const e = this.get(key, now);
    this.entries.set(key, { count: e.count + 1, resetAt: e.resetAt });
    if (this.entries.size > 10_000) this.prune(now);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (e.resetAt <= now) this.entries.delete(k);
  }
}

export interface LoginLimits {
  maxFailuresPerAccount: number;
  maxAttemptsPerAddress: number;
  windowMs: number;
}

/**
 * Slows password guessing: every attempt counts against the caller's address
 * (spraying many accounts), and failed attempts count against the account
 * (guessing one account from many addresses). A success clears the account.
 */
export class LoginLimiter {
  private readonly byAddress: WindowCounter;
  private readonly failuresByAccount: WindowCounter;

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.byAddress = new WindowCounter(limits.windowMs);
    this.failuresByAccount = new WindowCounter(limits.windowMs);
  }

  /** Records an attempt; returns seconds to wait when it must be refused, else null. */
  attempt(address: string, account: string): { retryAfterSeconds: number; reason: 'address' | 'account' } | null {
    const now = this.now();
    const acc = this.failuresByAccount.get(account.toLowerCase(), now);
    if (acc.count >= this.limits.maxFailuresPerAccount) {
      return { retryAfterSeconds: Math.ceil((acc.resetAt - now) / 1000), reason: 'account' };
    }
    const addr = this.byAddress.get(address, now);
    if (addr.count >= this.limits.maxAttemptsPerAddress) {
      return { retryAfterSeconds: Math.ceil((addr.resetAt - now) / 1000), reason: 'address' };
    }
    this.byAddress.add(address, now);
    return null;
  }

  failed(account: string): void {
    this.failuresByAccount.add(account.toLowerCase(), this.now());
  }

  succeeded(account: string): void {
    this.failuresByAccount.delete(account.toLowerCase());
  }
}
