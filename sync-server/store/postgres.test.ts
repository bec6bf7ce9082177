import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../demo';
import { apiClient } from '../test-support/api';
import { attendanceDoc, pushRows } from '../test-support/docs';
import { execInSchema, freshSchema, openTestPostgres, TEST_DATABASE_URL } from '../test-support/pg';
import { loginAt, spawnServer, tempDir, TEST_PASSWORD, TEST_STAFF_COUNT, type SpawnedServer } from '../test-support/server';
import { openSse } from '../test-support/sse';
import { compileNamed } from './postgres';
import { describeStoreConformance } from './store.conformance';

describe('named parameters for PostgreSQL', () => {
  it('numbers each @name once, in order of first use', () => {
    expect(compileNamed("SELECT @a, @b::text[], @a WHERE x = '*' AND y = @c_2")).toEqual({
      text: "SELECT $1, $2::text[], $1 WHERE x = '*' AND y = $3",
      names: ['a', 'b', 'c_2'],
    });
  });
});

// The PostgreSQL half runs when TEST_DATABASE_URL is set (.ci/run sets it); each test gets its own schema.
const url = TEST_DATABASE_URL;
if (url) {
  describeStoreConformance(
    'PostgreSQL',
    async () => {
      const { schema, drop } = await freshSchema(url);
      const store = await openTestPostgres(url, schema);
      return {
        store,
        reopen: () => openTestPostgres(url, schema),
        cleanup: drop,
        exec: (sql) => execInSchema(url, schema, sql),
        withBeforeCommit: (hook) => openTestPostgres(url, schema, { beforeCommit: hook }),
      };
    },
    { concurrentWriters: true },
  );

  describe('PostgresStore', () => {
    it('migrates a schema once, also when several processes start together', async () => {
      const { schema, drop } = await freshSchema(url);
      try {
        const stores = await Promise.all([openTestPostgres(url, schema), openTestPostgres(url, schema), openTestPostgres(url, schema)]);
        for (const s of stores) expect(await s.schemaVersion()).toBe(2);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await drop();
      }
    });
  });

  describe('several server processes on one PostgreSQL', () => {
    it('fans a push through one process out to an SSE client of the other within a second (LISTEN/NOTIFY)', async () => {
      const { schema, drop } = await freshSchema(url, 'fanout');
      const dataDir = tempDir();
      const serverDirs = [tempDir(), tempDir()];
      const servers: SpawnedServer[] = [];
      try {
        const seeding = await openTestPostgres(url, schema);
        await seedDemo(seeding, { dataDir, password: TEST_PASSWORD, staffCount: TEST_STAFF_COUNT });
        await seeding.close();
        const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: '3' };
        servers.push(...(await Promise.all(serverDirs.map((dir) => spawnServer(dir, env)))));
        const [a, b] = servers;
        const writer = apiClient(a.url, await loginAt(a.url, 'admin'));
        const reader = await openSse(`${b.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${await loginAt(b.url, 'guide')}` } });
        await reader.next('hello');
        for (let i = 0; i < 3; i++) {
          const doc = attendanceDoc({ note: `fan-out ${i}` });
          const sent = Date.now();
          await writer.pushOk('attendance', pushRows([doc]));
          const change = (await reader.next('change', 5000)).data as { collection: string; documents: { id: string }[] };
          const latency = Date.now() - sent;
          expect(change.collection).toBe('attendance');
          expect(change.documents.map((d) => d.id)).toEqual([doc.id]);
          expect(latency).toBeLessThan(1000);
        }
        reader.close();
      } finally {
        for (const s of servers) {
          s.child.kill('SIGTERM');
          await s.exited;
        }
        await drop();
        for (const dir of [dataDir, ...serverDirs]) rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });
}
