import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffMs, BACKOFF_MAX_MS, MediaQueue, memoryMediaStore, outcomeOf, sha256Hex, summarise } from './media-queue';

const bytesOf = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const hexOf = (text: string) => createHash('sha256').update(text).digest('hex');

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: ArrayBuffer;
}

/** A fake server answering from a script of statuses (or throwing for a network failure), recording each request. */
function fakeServer(script: (call: Call, n: number) => number | 'network') {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const call = { url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body: init.body as ArrayBuffer };
    calls.push(call);
    const answer = script(call, calls.length);
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return new Response(null, { status: answer });
  }) as unknown as typeof fetch;
  return { calls, fetch: fetchFn };
}

function setup(script: (call: Call, n: number) => number | 'network', opts: { online?: () => boolean } = {}) {
  let clock = 1_000_000;
  const timers: { fn: () => void; at: number }[] = [];
  const store = memoryMediaStore();
  const server = fakeServer(script);
  const queue = new MediaQueue({
    store,
    fetch: server.fetch,
    now: () => clock,
    random: () => 1,
    online: opts.online,
    setTimer: (fn, ms) => {
      const t = { fn, at: clock + ms };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      const i = timers.indexOf(t as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  /** Moves the clock on and fires timers that are due. */
  const advance = async (ms: number) => {
    clock += ms;
    for (const t of timers.filter((x) => x.at <= clock)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await queue.kick();
  };
  return { queue, store, server, advance, timers, settle: async () => { await queue.kick(); await new Promise((r) => setTimeout(r, 0)); } };
}

describe('content addressing', () => {
  it.each(['', 'abc', '照片'.repeat(1000)])('sha256Hex matches Node crypto for %#', async (text) => {
    expect(await sha256Hex(bytesOf(text))).toBe(hexOf(text));
  });

  it('stores the same picture once and names it by its hash', async () => {
    const { queue, store } = setup(() => 201);
    const a = await queue.add(bytesOf('photo-1'), 'image/jpeg');
    const b = await queue.add(bytesOf('photo-1'), 'image/jpeg');
    expect(a).toEqual({ hash: hexOf('photo-1'), type: 'image/jpeg', bytes: 7 });
    expect(b).toEqual(a);
    expect(store.records.size).toBe(1);
    expect(await queue.get(a.hash)).toEqual({ bytes: bytesOf('photo-1'), type: 'image/jpeg' });
  });
});

describe('uploads', () => {
  it('wait for a token, then PUT the raw bytes with type and bearer token to the content address', async () => {
    const { queue, server, settle } = setup(() => 201);
    const saved = await queue.add(bytesOf('photo-1'), 'image/png');
    await settle();
    expect(server.calls).toHaveLength(0);
    expect(queue.current.pendingCount).toBe(1);

    queue.setToken('tok');
    await settle();
    expect(server.calls).toEqual([
      { url: `/api/v1/media/${saved.hash}`, method: 'PUT', headers: { 'content-type': 'image/png', authorization: 'Bearer tok' }, body: bytesOf('photo-1') },
    ]);
    expect(queue.current).toMatchObject({ storedCount: 1, pendingCount: 0, pendingBytes: 0 });
  });

  it.each([
    [200, 'stored'],
    [201, 'stored'],
    [401, 'unauthorized'],
    [404, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ] as const)('HTTP %i means %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });

  it('retry with exponential back-off after failures, and only once online', async () => {
    let online = false;
    const { queue, server, advance, settle } = setup((_c, n) => (n <= 2 ? 'network' : n === 3 ? 503 : 201), { online: () => online });
    queue.setToken('tok');
    await queue.add(bytesOf('p'), 'image/jpeg');
    await settle();
    expect(server.calls).toHaveLength(0);

    online = true;
    await queue.kick();
    expect(server.calls).toHaveLength(1);
    expect(queue.current).toMatchObject({ pendingCount: 1, failingCount: 1, lastError: 'Failed to fetch' });

    await advance(1_999); // the first retry waits 2 s
    expect(server.calls).toHaveLength(1);
    await advance(1);
    expect(server.calls).toHaveLength(2);
    await advance(3_999); // then 4 s
    expect(server.calls).toHaveLength(2);
    await advance(1);
    expect(server.calls).toHaveLength(3);
    expect(queue.current.lastError).toBe('HTTP 503');
    await advance(8_000); // then 8 s
    expect(server.calls).toHaveLength(4);
    expect(queue.current).toMatchObject({ pendingCount: 0, failingCount: 0, lastError: null });
  });

  it('back-off doubles up to a cap, with jitter between half and full', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 1))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(backoffMs(50, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(1, () => 0)).toBe(1_000);
  });

  it('stop after a 401 until a new token comes', async () => {
    const { queue, server, advance } = setup((call) => (call.headers.authorization === 'Bearer old' ? 401 : 201));
    queue.setToken('old');
    await queue.add(bytesOf('a'), 'image/jpeg');
    await queue.add(bytesOf('b'), 'image/jpeg');
    await queue.kick();
    // The first picture went at once and was refused; the second waits, as does everything for an hour.
    expect(server.calls).toHaveLength(1);
    await advance(60 * 60_000);
    expect(server.calls).toHaveLength(1);
    expect(queue.current).toMatchObject({ pendingCount: 2, lastError: null });
    queue.setToken('new');
    await queue.kick();
    expect(server.calls.filter((c) => c.headers.authorization === 'Bearer new')).toHaveLength(2);
    expect(queue.current.pendingCount).toBe(0);
  });

  it('after a 401, a token source that renews lets the uploads go on with the new token', async () => {
    const { queue, server } = setup((call) => (call.headers.authorization === 'Bearer expired' ? 401 : 201));
    let token = 'expired';
    const refreshed: string[] = [];
    queue.setAuth({
      token: async () => token,
      refresh: async (refused) => {
        refreshed.push(refused);
        token = 'renewed';
        return true;
      },
    });
    await queue.add(bytesOf('a'), 'image/jpeg');
    await queue.kick();
    expect(refreshed).toEqual(['expired']);
    expect(server.calls.map((c) => c.headers.authorization)).toEqual(['Bearer expired', 'Bearer renewed']);
    expect(queue.current.pendingCount).toBe(0);
  });

  it('resume after a reload: a new queue on the same store uploads what the old one left', async () => {
    const first = setup(() => 'network');
    first.queue.setToken('tok');
    await first.queue.add(bytesOf('kept'), 'image/webp');
    await first.queue.kick();
    expect(first.queue.current.pendingCount).toBe(1);

    const server = fakeServer(() => 200);
    const reloaded = new MediaQueue({ store: first.store, fetch: server.fetch, now: () => Date.now() + BACKOFF_MAX_MS, setTimer: () => 0, clearTimer: () => {} });
    expect((await reloaded.refresh()).pendingCount).toBe(1);
    reloaded.setToken('tok');
    await reloaded.kick();
    expect(server.calls.map((c) => c.url)).toEqual([`/api/v1/media/${hexOf('kept')}`]);
    expect(reloaded.current.pendingCount).toBe(0);
  });

  it('uploads many pictures once each, a few at a time', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const store = memoryMediaStore();
    const calls: string[] = [];
    const queue = new MediaQueue({
      store,
      concurrency: 3,
      setTimer: () => 0,
      clearTimer: () => {},
      fetch: (async (url: string) => {
        calls.push(url);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight -= 1;
        return new Response(null, { status: 201 });
      }) as unknown as typeof fetch,
    });
    for (let i = 0; i < 50; i++) await queue.add(bytesOf(`photo-${i}`), 'image/jpeg');
    queue.setToken('tok');
    await queue.kick();
    await queue.kick();
    expect(calls).toHaveLength(50);
    expect(new Set(calls).size).toBe(50);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(queue.current).toMatchObject({ storedCount: 50, pendingCount: 0 });
  });

  it('pictures fetched from the server are kept as already uploaded', async () => {
    const { queue, server } = setup(() => 201);
    queue.setToken('tok');
    await queue.keepDownloaded('f'.repeat(64), bytesOf('x'), 'image/jpeg');
    await queue.kick();
    expect(server.calls).toHaveLength(0);
    expect(queue.current).toMatchObject({ storedCount: 1, storedBytes: 1, pendingCount: 0 });
  });
});

describe('summary', () => {
  it('counts stored, pending and failing pictures with the latest error', () => {
    const r = (hash: string, bytes: number, uploaded: boolean, attempts = 0, nextAttemptAt = 0, lastError?: string) => ({
      hash,
      type: 'image/jpeg' as const,
      bytes,
      createdAt: 0,
      uploaded,
      attempts,
      nextAttemptAt,
      ...(lastError ? { lastError } : {}),
    });
    expect(summarise([r('a', 10, true), r('b', 20, false), r('c', 30, false, 2, 5, 'HTTP 500'), r('d', 5, false, 1, 9, 'HTTP 404')])).toEqual({
      storedCount: 4,
      storedBytes: 65,
      pendingCount: 3,
      pendingBytes: 55,
      failingCount: 2,
      lastError: 'HTTP 404',
    });
  });
});
