import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from './test-support/api';
import { attendanceDoc, pushRows } from './test-support/docs';
import { loginAt, spawnServer, tempDir, type SpawnedServer } from './test-support/server';

/** Pushers keep pushing batches of this many events until the server dies under them. */
const BATCH = 4;
const ROUNDS = 5;

/** Pushes batches through `url` until a push fails; returns the ids of every acknowledged (200) push. */
async function pushUntilDown(url: string, token: string, staffId: string, label: string): Promise<{ acked: string[]; attempted: string[] }> {
  const acked: string[] = [];
  const attempted: string[] = [];
  for (let n = 0; ; n++) {
    const docs = Array.from({ length: BATCH }, (_, i) => attendanceDoc({ staffId, note: `${label}-${n}-${i}` }));
    attempted.push(...docs.map((d) => d.id as string));
    try {
      const res = await fetch(`${url}/api/v1/replication/attendance/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(pushRows(docs)),
      });
      if (res.status !== 200) return { acked, attempted };
      const answer = (await res.json()) as { id: string }[];
      // The answer carries the stored copies: the push is acknowledged.
      expect(answer.map((d) => d.id)).toEqual(docs.map((d) => d.id));
      acked.push(...answer.map((d) => d.id));
    } catch {
      return { acked, attempted };
    }
  }
}

describe('fault: concurrent pushes while the server is killed (SIGKILL) and restarted, repeatedly', () => {
  const dataDir = tempDir();
  let running: SpawnedServer | undefined;
  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write exactly once across ${ROUNDS} kills`, async () => {
    running = await spawnServer(dataDir);
    expect(running.output()).toMatch(/Demo sign-ins/);
    // Sessions are stored: the tokens outlive every restart.
    const pushers = [
      { token: await loginAt(running.url, 'guide'), staffId: 'staff-00001' },
      { token: await loginAt(running.url, 'teamleader'), staffId: 'staff-00002' },
      { token: await loginAt(running.url, 'manager'), staffId: 'staff-00004' },
      { token: await loginAt(running.url, 'admin'), staffId: 'staff-00005' },
    ];
    const adminToken = pushers[3].token;
    const seeded = (await apiClient(running.url, adminToken).pullAll('attendance')).length;
    const acked = new Set<string>();
    const attempted = new Set<string>();

    for (let round = 0; round < ROUNDS; round++) {
      const server = running;
      const work = pushers.map((p, i) => pushUntilDown(server.url, p.token, p.staffId, `r${round}p${i}`));
      // Let the pushers get going, then kill the server mid-stream.
      await new Promise((r) => setTimeout(r, 300 + round * 70));
      server.child.kill('SIGKILL');
      expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
      for (const result of await Promise.all(work)) {
        result.acked.forEach((id) => acked.add(id));
        result.attempted.forEach((id) => attempted.add(id));
      }
      running = await spawnServer(dataDir);

      const pulled = await apiClient(running.url, adminToken).pullAll('attendance', 1000);
      const ids = pulled.map((d) => d.id as string);
      // Exactly once: no id twice, every acknowledged one present, nothing that was never sent.
      expect(new Set(ids).size).toBe(ids.length);
      const present = new Set(ids);
      const lost = [...acked].filter((id) => !present.has(id));
      expect(lost).toEqual([]);
      // Nothing else appeared or vanished, and no restart seeded the demo organisation again.
      const ours = ids.filter((id) => attempted.has(id));
      expect(pulled.length - ours.length).toBe(seeded);
    }
    // The pushes really raced the kills: a good number were acknowledged in every run.
    expect(acked.size).toBeGreaterThan(ROUNDS * BATCH);
    // Six server starts: generous on a busy machine.
  }, 180_000);
});
