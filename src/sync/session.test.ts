import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenSource, type TokenAnswer } from './session';

function answer(n: number, expiresInMs = 3_600_000): TokenAnswer {
  return {
    token: `access-${n}`,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    refreshToken: `refresh-${n}`,
    refreshExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    user: { id: 'u1', username: 'manager', displayName: '经理', role: 'manager', siteIds: ['site-hall-1'] },
  };
}

/** A fake /auth/refresh: answers with the next tokens, or 401 when `refuse` is set. */
function fakeServer(opts: { refuse?: boolean; delayMs?: number } = {}) {
  const calls: string[] = [];
  let n = 1;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push((JSON.parse(String(init.body)) as { refreshToken: string }).refreshToken);
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
    if (opts.refuse) return new Response(JSON.stringify({ detail: 'sign in again' }), { status: 401 });
    expect(url).toMatch(/\/api\/v1\/auth\/refresh$/);
    return new Response(JSON.stringify(answer(++n)), { status: 200 });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createTokenSource', () => {
  it('renews once for many requests refused at the same time, and spends the refresh token once', async () => {
    const calls = fakeServer({ delayMs: 20 });
    let creds: TokenAnswer = answer(1);
    const source = createTokenSource({ read: () => creds, write: (a) => (creds = a) });
    const results = await Promise.all([source.refresh('access-1'), source.refresh('access-1'), source.refresh('access-1')]);
    expect(results).toEqual([true, true, true]);
    expect(calls).toEqual(['refresh-1']);
    expect(await source.token()).toBe('access-2');
    // A request refused with the old token after the renewal just retries with the new one.
    expect(await source.refresh('access-1')).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('renews before the token expires', async () => {
    const calls = fakeServer();
    let creds: TokenAnswer = answer(1, 30_000);
    const source = createTokenSource({ read: () => creds, write: (a) => (creds = a) }, { earlyMs: 60_000 });
    expect(await source.token()).toBe('access-2');
    expect(calls).toEqual(['refresh-1']);
    expect(await source.token()).toBe('access-2');
    expect(calls).toHaveLength(1);
  });

  it('judges expiry in server time', async () => {
    const calls = fakeServer();
    const MIN = 60_000;
    // Ten minutes fast: by its own clock the token (5 minutes left on the server) looks expired; it is not.
    let fast: TokenAnswer = answer(1, 5 * MIN - 10 * MIN);
    const onFast = createTokenSource({ read: () => fast, write: (a) => (fast = a) }, { earlyMs: MIN, clockOffsetMs: () => 10 * MIN });
    expect(await onFast.token()).toBe('access-1');
    expect(calls).toHaveLength(0);
    // Ten minutes slow: by its own clock the token has 10½ minutes left; on the server it has 30 seconds.
    let slow: TokenAnswer = answer(1, MIN / 2 + 10 * MIN);
    const onSlow = createTokenSource({ read: () => slow, write: (a) => (slow = a) }, { earlyMs: MIN, clockOffsetMs: () => -10 * MIN });
    expect(await onSlow.token()).toBe('access-2');
    expect(calls).toHaveLength(1);
  });

  it('remembers a refused renewal: the user must sign in again, and the server is not asked again', async () => {
    const calls = fakeServer({ refuse: true });
    let creds: TokenAnswer = answer(1);
    let refused = 0;
    const source = createTokenSource({ read: () => creds, write: (a) => (creds = a) }, { onRefused: () => refused++ });
    expect(await source.refresh('access-1')).toBe(false);
    expect(await source.refresh('access-1')).toBe(false);
    expect(calls).toHaveLength(1);
    expect(refused).toBe(1);
    // The old token is still offered (offline use goes on); a new sign-in brings a new refresh token.
    expect(await source.token()).toBe('access-1');
    creds = answer(7);
    fakeServer();
    expect(await source.refresh('access-7')).toBe(true);
  });

  it('treats a network failure as "try later", not as a refusal', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    let refused = 0;
    let creds: TokenAnswer = answer(1);
    const source = createTokenSource({ read: () => creds, write: (a) => (creds = a) }, { onRefused: () => refused++ });
    expect(await source.renew('access-1')).toBe('unavailable');
    expect(refused).toBe(0);
  });
});
