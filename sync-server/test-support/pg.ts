import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { PostgresStore, type PostgresOptions } from '../store/postgres';

/** Set (e.g. by .ci/run) to run the PostgreSQL half of the server suite. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/**
 * A fresh, empty schema for one test (or one server): tables are created by
 * the store's migrations; `drop` removes the schema and everything in it.
 */
export async function freshSchema(url: string, prefix = 'test'): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  return {
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs SQL in a schema (tamper tests). */
export async function execInSchema(url: string, schema: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function openTestPostgres(url: string, schema: string, extra: Partial<PostgresOptions> = {}): Promise<PostgresStore> {
  return PostgresStore.open({ url, schema, poolSize: 4, ...extra });
}
