import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiClient } from '../../sync-server/test-support/api';
import { staffDoc } from '../../sync-server/test-support/docs';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../sync-server/test-support/server';
import { openDatabase, type AppDatabase } from '../../src/db/database';
import { insertDoc } from '../../src/db/write';
import { startSync, type SyncController } from '../../src/sync/replication';
import { createTokenSource, type TokenAnswer } from '../../src/sync/session';
import { syncStatus } from '../../src/sync/status';

/**
 * The session as replication lives with it: access tokens renewed with the
 * refresh token (before expiry and after a 401), and a refused renewal
 * pausing replication without losing anything local until the user signs in
 * again. The app's real database, token source and replication against the
 * real server with one-second access tokens.
 */
let server: TestServer;
let db: AppDatabase | undefined;
let sync: SyncController | undefined;

beforeEach(async () => {
  server = await startTestServer({ heartbeatMs: 200, env: { ACCESS_TOKEN_TTL_SECONDS: '1' } });
  syncStatus.reset();
});

afterEach(async () => {
  await sync?.stop();
  await db?.remove();
  await server.close();
  sync = undefined;
  db = undefined;
});

async function login(): Promise<TokenAnswer> {
  const res = await server.fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'manager', password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as TokenAnswer;
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function onServer(id: string): Promise<boolean> {
  const token = (await login()).token;
  return (await apiClient(server.url, token).pullAll('staff')).some((d) => d.id === id);
}

const author = { userId: 'manager', deviceId: 'renewal-test' };

describe('session renewal during sync', () => {
  it.each([
    ['after a 401', 0],
    ['before the token expires', 900],
  ])('keeps pushing past the access token’s expiry, renewing it %s', async (_, earlyMs) => {
    let credentials = await login();
    const first = credentials.token;
    const auth = createTokenSource({ read: () => credentials, write: (a) => (credentials = a) }, { baseUrl: server.url, earlyMs });
    db = await openDatabase({ userId: `renew-${Date.now()}`, storage: getRxStorageMemory() });
    sync = startSync(db, { auth, baseUrl: server.url, waitForLeadership: false, collections: ['staff'], retryMs: 100, streamBackoffMs: 100 });
    const a = await insertDoc(db, 'staff', staffDoc() as never, author);
    await sync.awaitInSync();
    // Outlive the one-second token twice over.
    await new Promise((r) => setTimeout(r, 2_200));
    const b = await insertDoc(db, 'staff', staffDoc({ staffNo: 'T0002' }) as never, author);
    await waitFor(async () => (await onServer(a.id)) && (await onServer(b.id)), 'both pushes');
    expect(credentials.token).not.toBe(first);
    expect(syncStatus.get().signInRequired).toBe(false);
    expect(sync.paused).toBe(false);
  }, 30_000);

  it('pauses when the server refuses to renew, keeps local changes, and resumes after signing in again', async () => {
    let credentials = await login();
    let refused = 0;
    const auth = createTokenSource({ read: () => credentials, write: (a) => (credentials = a) }, { baseUrl: server.url, earlyMs: 0, onRefused: () => refused++ });
    db = await openDatabase({ userId: `renew-${Date.now()}`, storage: getRxStorageMemory() });
    sync = startSync(db, { auth, baseUrl: server.url, waitForLeadership: false, collections: ['staff'], retryMs: 100, streamBackoffMs: 100 });
    await sync.awaitInSync();

    // Signed out elsewhere: the session and its refresh token are revoked.
    expect((await server.fetch('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${credentials.token}` } })).status).toBe(204);
    const doc = await insertDoc(db, 'staff', staffDoc() as never, author);
    await waitFor(() => sync!.paused, 'replication to pause');
    expect(refused).toBeGreaterThan(0);
    expect(syncStatus.get().signInRequired).toBe(true);
    // Nothing local is lost: the change stays, still owed to the server.
    expect(await db.staff.findOne(doc.id).exec()).not.toBeNull();
    expect((await db.devicelog.find({ selector: { kind: 'outbox' } }).exec()).map((e) => e.docId)).toContain(doc.id);
    expect(await onServer(doc.id)).toBe(false);

    // Signing in again (same user) resumes and the change goes through.
    credentials = await login();
    await sync.resume();
    await waitFor(() => onServer(doc.id), 'the push after signing in again');
    expect(syncStatus.get().signInRequired).toBe(false);
    await waitFor(async () => (await db!.devicelog.count({ selector: { kind: 'outbox' } }).exec()) === 0, 'the outbox to empty');
  }, 30_000);
});
