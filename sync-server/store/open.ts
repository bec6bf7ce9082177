import { mkdirSync } from 'node:fs';
import type { Config } from '../config';
import { PostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

/** The configured store: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. Migrations run on open. */
export async function openStore(config: Pick<Config, 'dataDir' | 'database'>): Promise<Store> {
  if (config.database) {
    return PostgresStore.open({ url: config.database.url, schema: config.database.schema, poolSize: config.database.poolSize });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteStore(config.dataDir);
}
