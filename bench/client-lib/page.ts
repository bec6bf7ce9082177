/**
 * The browser side of the client data-layer benchmarks (bench/client-*.ts):
 * the app's own database (RxDB on Dexie/IndexedDB), write path and
 * replication, bundled on its own so the timings are of the data layer, not
 * of React. The runners drive it through `window.bench`.
 */
import { openDatabase } from '../../src/db/database';
import { insertDoc } from '../../src/db/write';
import { collectionNames } from '../../src/domain/collections';
import { newId } from '../../src/domain/ids';
import { startSync } from '../../src/sync/replication';
import { createTokenSource, type TokenAnswer } from '../../src/sync/session';

const author = { userId: 'bench', deviceId: 'bench-device' };

async function checkins(count: number, warmup: number, staffIds: string[]): Promise<number[]> {
  const db = await openDatabase({ userId: `bench-write-${Date.now()}` });
  const times: number[] = [];
  try {
    for (let i = 0; i < warmup + count; i++) {
      const event = {
        id: newId(),
        siteId: 'site-hall-1',
        staffId: staffIds[i % staffIds.length]!,
        kind: 'check-in' as const,
        method: 'pin' as const,
        deviceTime: new Date().toISOString(),
        hlc: `${String(Date.now()).padStart(16, '0')}:${String(i % 10_000).padStart(4, '0')}:bench-device`,
      };
      const t0 = performance.now();
      // Resolves once IndexedDB has committed the event and its outbox entry.
      await insertDoc(db, 'attendance', event, author);
      if (i >= warmup) times.push(performance.now() - t0);
    }
    return times;
  } finally {
    await db.remove();
  }
}

/** Time spent waiting for the server's pull answers (request sent → body read), summed over requests. */
let pullWaitMs = 0;
let pulls = 0;
const realFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.includes('/pull?')) return realFetch(input, init);
  const t0 = performance.now();
  const res = await realFetch(input, init);
  const body = await res.text();
  pullWaitMs += performance.now() - t0;
  pulls++;
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
};

async function initialSync(
  login: TokenAnswer,
  options: { bulkPull?: boolean; pullBatchSize?: number } = {},
): Promise<{ ms: number; counts: Record<string, number>; pullWaitMs: number; pulls: number }> {
  pullWaitMs = 0;
  pulls = 0;
  let credentials = login;
  const auth = createTokenSource({ read: () => credentials, write: (a) => (credentials = a) });
  const t0 = performance.now();
  const db = await openDatabase({ userId: `bench-sync-${Date.now()}` });
  const sync = startSync(db, { auth, deviceId: 'bench-device', ...options });
  await sync.awaitInSync();
  const ms = performance.now() - t0;
  const counts: Record<string, number> = {};
  for (const name of collectionNames) counts[name] = await db[name].count().exec();
  await sync.stop();
  await db.remove();
  return { ms, counts, pullWaitMs, pulls };
}

declare global {
  interface Window {
    bench: { checkins: typeof checkins; initialSync: typeof initialSync; ready: boolean };
  }
}
window.bench = { checkins, initialSync, ready: true };
