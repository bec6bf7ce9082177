import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/server';
import { loadMigrations } from './sql';
import { SqliteStore, openSqliteStore } from './sqlite';
import { describeStoreConformance } from './store.conformance';

describeStoreConformance('SQLite', async () => {
  const dir = tempDir();
  return {
    store: openSqliteStore(dir),
    reopen: async () => openSqliteStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    exec: async (sql) => {
      const Database = (await import('better-sqlite3')).default;
      const raw = new Database(`${dir}/hall-ops.sqlite`);
      raw.exec(sql);
      raw.close();
    },
  };
});

describe('SqliteStore', () => {
  it('runs in WAL mode and migrates an existing database only once', async () => {
    const dir = tempDir();
    const first = openSqliteStore(dir);
    await first.close();
    const again = new SqliteStore(`${dir}/hall-ops.sqlite`);
    expect(await again.countUsers()).toBe(0);
    await again.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(`${dir}/hall-ops.sqlite`, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(loadMigrations().at(-1)?.version);
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
