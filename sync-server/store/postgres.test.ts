import { describe, expect, it } from 'vitest';
import { execInSchema, freshSchema, openTestPostgres, TEST_DATABASE_URL } from '../test-support/pg';
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
}
