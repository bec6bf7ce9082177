import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ApiError } from './api';

// A server that accepts requests and never answers: a connection gone dead without closing.
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('api', () => {
  it('gives up on a request that gets no answer, as on a network error (replication then retries)', async () => {
    const started = Date.now();
    const err = await api('/replication/attendance/push', { baseUrl, body: [], timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
