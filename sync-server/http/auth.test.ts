import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, startTestServer, BACKENDS, type TestServer } from '../test-support/server';

const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', status, title: expect.any(String), detail: expect.any(String) });
  return body;
}

for (const backend of BACKENDS) describe(`health and sign-in (${backend})`, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend, env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', ACCESS_TOKEN_TTL_SECONDS: '3600' } });
  });
  afterAll(() => s.close());

  it('GET /health answers without auth, with the package version and the time', async () => {
    const res = await s.fetch('/api/v1/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; version: string; time: string };
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Math.abs(Date.parse(body.time) - Date.now())).toBeLessThan(60_000);
  });

  it('GET /ready answers when the database does', async () => {
    const res = await s.fetch('/api/v1/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready' });
  });

  it('signs in with the right password and returns the session user', async () => {
    const res = await s.fetch('/api/v1/auth/login', json({ username: 'manager', password: TEST_PASSWORD }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.token).toMatch(/^[\w-]{43}$/);
    expect(body.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(body.user).toEqual({ id: 'user-manager', username: 'manager', displayName: expect.any(String), role: 'manager', siteIds: ['site-hall-1', 'site-hotline-1'] });
    const me = await s.fetch('/api/v1/me', { headers: { authorization: `Bearer ${body.token as string}` } });
    expect(await me.json()).toEqual({ user: body.user, drift: null });
  });

  it('answers a wrong password and an unknown user the same way, with no token', async () => {
    for (const creds of [{ username: 'guide', password: 'wrong-password' }, { username: 'nobody', password: TEST_PASSWORD }]) {
      const body = await expectProblem(await s.fetch('/api/v1/auth/login', json(creds)), 401);
      expect(body.detail).toBe('Wrong username or password.');
      expect(body).not.toHaveProperty('token');
    }
  });

  it('refuses a malformed sign-in body with 400', async () => {
    await expectProblem(await s.fetch('/api/v1/auth/login', json({ username: 'admin' })), 400);
    await expectProblem(await s.fetch('/api/v1/auth/login', json({ username: 'admin', password: 'x', extra: 1 })), 400);
  });

  it('requires a valid bearer token', async () => {
    const missing = await expectProblem(await s.fetch('/api/v1/me'), 401);
    expect(missing.detail).toMatch(/Sign in/);
    await expectProblem(await s.fetch('/api/v1/me', { headers: { authorization: 'Bearer forged-token' } }), 401);
    await expectProblem(await s.fetch('/api/v1/me', { headers: { authorization: 'Basic YWRtaW46eA==' } }), 401);
    await expectProblem(await s.fetch('/api/v1/replication/staff/pull', { headers: { authorization: 'Bearer forged' } }), 401);
  });

  it('logout revokes the token', async () => {
    const token = await s.login('guide');
    const auth = { authorization: `Bearer ${token}` };
    expect((await s.fetch('/api/v1/auth/logout', { method: 'POST', headers: auth })).status).toBe(204);
    await expectProblem(await s.fetch('/api/v1/me', { headers: auth }), 401);
  });

  it('refresh rotates both tokens; a replayed refresh token after the grace period ends the session', async () => {
    const login = (await (await s.fetch('/api/v1/auth/login', json({ username: 'admin', password: TEST_PASSWORD }))).json()) as Record<string, string>;
    const res = await s.fetch('/api/v1/auth/refresh', json({ refreshToken: login.refreshToken }));
    expect(res.status).toBe(200);
    const next = (await res.json()) as Record<string, string>;
    expect(next.token).not.toBe(login.token);
    expect(next.refreshToken).not.toBe(login.refreshToken);
    expect(next).toMatchObject({ user: { username: 'admin' } });
    // The old access token is replaced; the new one works.
    await expectProblem(await s.fetch('/api/v1/me', { headers: { authorization: `Bearer ${login.token}` } }), 401);
    expect((await s.fetch('/api/v1/me', { headers: { authorization: `Bearer ${next.token}` } })).status).toBe(200);
    await expectProblem(await s.fetch('/api/v1/auth/refresh', json({ refreshToken: 'made-up' })), 401);
    await expectProblem(await s.fetch('/api/v1/auth/refresh', json({})), 400);
  });

  it('locks an account after repeated failures with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 3; i++) await s.fetch('/api/v1/auth/login', json({ username: 'guide', password: 'wrong-password' }));
    const res = await s.fetch('/api/v1/auth/login', json({ username: 'guide', password: TEST_PASSWORD }));
    const body = await expectProblem(res, 429);
    expect(body.detail).toMatch(/Too many failed sign-ins for this account/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect((await s.fetch('/api/v1/auth/login', json({ username: 'manager', password: TEST_PASSWORD }))).status).toBe(200);
  });
});

for (const backend of BACKENDS) describe(`sessions over time (${backend})`, () => {
  let s: TestServer;
  let clock = Date.parse('2026-03-02T08:00:00.000Z');
  beforeAll(async () => {
    s = await startTestServer({ backend, now: () => new Date(clock), env: { ACCESS_TOKEN_TTL_SECONDS: '600', REFRESH_TOKEN_TTL_SECONDS: '86400', LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '5' } });
  });
  afterAll(() => s.close());

  it('expires access tokens; refresh gives a new one; a replay after the grace window revokes the session', async () => {
    const login = (await (await s.fetch('/api/v1/auth/login', json({ username: 'manager', password: TEST_PASSWORD }))).json()) as Record<string, string>;
    expect(login.expiresAt).toBe('2026-03-02T08:10:00.000Z');
    clock += 601_000;
    await expectProblem(await s.fetch('/api/v1/me', { headers: { authorization: `Bearer ${login.token}` } }), 401);
    const refreshed = (await (await s.fetch('/api/v1/auth/refresh', json({ refreshToken: login.refreshToken }))).json()) as Record<string, string>;
    expect((await s.fetch('/api/v1/me', { headers: { authorization: `Bearer ${refreshed.token}` } })).status).toBe(200);
    // A retry with the replaced refresh token within the grace window (a lost response) still works...
    const retried = await s.fetch('/api/v1/auth/refresh', json({ refreshToken: login.refreshToken }));
    expect(retried.status).toBe(200);
    const latest = (await retried.json()) as Record<string, string>;
    // ...but a replay long after is treated as theft: the whole session ends.
    clock += 120_000;
    await expectProblem(await s.fetch('/api/v1/auth/refresh', json({ refreshToken: refreshed.refreshToken })), 401);
    await expectProblem(await s.fetch('/api/v1/me', { headers: { authorization: `Bearer ${latest.token}` } }), 401);
    await expectProblem(await s.fetch('/api/v1/auth/refresh', json({ refreshToken: latest.refreshToken })), 401);
  });

  it('limits sign-in attempts per address across accounts', async () => {
    const statuses: number[] = [];
    for (const username of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) {
      statuses.push((await s.fetch('/api/v1/auth/login', json({ username, password: 'whatever-pw' }))).status);
    }
    // One attempt was used by the previous test's sign-in.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
