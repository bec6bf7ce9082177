import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from './test-support/api';
import { attendanceDoc, pushRows } from './test-support/docs';
import { loginAt, spawnServer, tempDir, type SpawnedServer } from './test-support/server';

describe('durability: an acknowledged push survives SIGKILL', () => {
  const dataDir = tempDir();
  let running: SpawnedServer | undefined;
  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged attendance event exactly once across a kill and restart', async () => {
    running = await spawnServer(dataDir);
    expect(running.output()).toMatch(/Demo sign-ins/);
    const guide = apiClient(running.url, await loginAt(running.url, 'guide'));
    const seeded = (await guide.pullAll('attendance')).length;
    const N = 60;
    const docs = Array.from({ length: N }, (_, i) => attendanceDoc({ note: `event ${i}` }));
    // Ten pushes of six, three at a time, each acknowledged with 200 before the kill.
    const batches = Array.from({ length: 10 }, (_, i) => docs.slice(i * 6, i * 6 + 6));
    for (let i = 0; i < batches.length; i += 3) {
      const answers = await Promise.all(batches.slice(i, i + 3).map((b) => guide.pushOk('attendance', pushRows(b))));
      // Each push answers the stored, server-stamped copies of what it wrote.
      expect(answers.flat().map((d) => d.id)).toEqual(batches.slice(i, i + 3).flat().map((d) => d.id));
    }
    running.child.kill('SIGKILL');
    expect(await running.exited).toEqual({ code: null, signal: 'SIGKILL' });

    running = await spawnServer(dataDir);
    const after = apiClient(running.url, await loginAt(running.url, 'guide'));
    // Small pages, so paging by checkpoint is exercised across the restart too.
    const pulled = await after.pullAll('attendance', 97);
    const ours = new Set(docs.map((d) => d.id));
    const found = pulled.filter((d) => ours.has(d.id as string)).map((d) => d.id);
    expect(found).toHaveLength(N);
    expect(new Set(found)).toEqual(ours);
    // Nothing else appeared or vanished, and the restart did not seed the demo organisation again.
    expect(pulled).toHaveLength(seeded + N);
    expect(new Set(pulled.map((d) => d.id)).size).toBe(pulled.length);
  });
});
