import { describe, expect, it } from 'vitest';
import { redactUrl } from '../app';
import { startTestServer } from '../test-support/server';

describe('server faults', () => {
  it('answer 500 problem+json without internals, and /ready says 503 when the database is gone', async () => {
    const s = await startTestServer();
    const token = await s.login('manager');
    await s.store.close();
    const res = await s.fetch('/api/v1/replication/staff/pull', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toBe('Something went wrong on the server; the error has been logged.');
    const ready = await s.fetch('/api/v1/ready');
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { detail: string }).detail).toBe('The database is not answering.');
    expect((await s.fetch('/api/v1/health')).status).toBe(200);
    await s.close();
  });
});

describe('logging', () => {
  it('never writes tokens from URLs', () => {
    expect(redactUrl('/api/v1/replication/stream?token=abc-DEF_123&x=1')).toBe('/api/v1/replication/stream?token=[redacted]&x=1');
    expect(redactUrl('/x?a=1&refreshToken=zzz')).toBe('/x?a=1&refreshToken=[redacted]');
    expect(redactUrl('/api/v1/health')).toBe('/api/v1/health');
  });
});
