import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter';

describe('LoginLimiter', () => {
  it('locks an account after its failures, whatever the address, until the window passes', () => {
    let t = 0;
    const limiter = new LoginLimiter({ maxFailuresPerAccount: 3, maxAttemptsPerAddress: 100, windowMs: 1000 }, () => t);
    for (let i = 0; i < 3; i++) {
      expect(limiter.attempt(`10.0.0.${i}`, 'Admin')).toBeNull();
      limiter.failed('Admin');
    }
    expect(limiter.attempt('10.0.0.9', 'admin')).toEqual({ retryAfterSeconds: 1, reason: 'account' });
    expect(limiter.attempt('10.0.0.9', 'manager')).toBeNull();
    t = 1000;
    expect(limiter.attempt('10.0.0.9', 'admin')).toBeNull();
  });

  it('limits attempts per address across accounts', () => {
    const limiter = new LoginLimiter({ maxFailuresPerAccount: 100, maxAttemptsPerAddress: 2, windowMs: 60_000 }, () => 0);
    expect(limiter.attempt('a', 'u1')).toBeNull();
    expect(limiter.attempt('a', 'u2')).toBeNull();
    expect(limiter.attempt('a', 'u3')).toEqual({ retryAfterSeconds: 60, reason: 'address' });
    expect(limiter.attempt('b', 'u3')).toBeNull();
  });

  it('clears an account on success', () => {
    const limiter = new LoginLimiter({ maxFailuresPerAccount: 2, maxAttemptsPerAddress: 100, windowMs: 60_000 }, () => 0);
    limiter.failed('u');
    limiter.succeeded('u');
    limiter.failed('u');
    expect(limiter.attempt('a', 'u')).toBeNull();
  });
});
