import pg from 'pg';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../demo';
import { SQLITE_FILE, SqliteStore } from '../store/sqlite';
import type { Store } from '../store/store';
import { openTestPostgres } from './pg';

/**
 * Seeding the demo organisation takes seconds (generation, validation, audit
 * of a few thousand documents), and most test servers need the same one. It is
 * seeded once per code version and day, then copied: a SQLite file for SQLite
 * servers, a template schema for PostgreSQL ones. The key covers every source
 * file of src/domain and sync-server, so a change to the code seeds afresh.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(tmpdir(), 'hall-ops-seed-cache');
const SIGN_INS = 'demo-sign-ins.txt';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|sql)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

let cachedKey: string | undefined;
/** What the seeded data depends on: the code, the day (the demo's "today"), the size and the password. */
export function seedKey(staffCount: number, password: string, now = new Date()): string {
  cachedKey ??= (() => {
    const hash = createHash('sha256');
    for (const file of [...sourceFiles(join(ROOT, 'src/domain')), ...sourceFiles(join(ROOT, 'sync-server'))].sort()) {
      hash.update(relative(ROOT, file)).update(readFileSync(file));
    }
    return hash.digest('hex');
  })();
  return createHash('sha256').update(`${cachedKey}:${now.toISOString().slice(0, 10)}:${staffCount}:${password}`).digest('hex').slice(0, 24);
}

/** Fills an empty SQLite data folder with the seeded demo (copied from the cache when it has it). */
export async function seededSqlite(dataDir: string, staffCount: number, password: string): Promise<void> {
  const key = seedKey(staffCount, password);
  const file = join(CACHE_DIR, `${key}.sqlite`);
  if (!existsSync(file)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Copies for other code versions or days are not needed any more.
    for (const old of readdirSync(CACHE_DIR)) if (!old.startsWith(key)) rmSync(join(CACHE_DIR, old), { recursive: true, force: true });
    const work = join(CACHE_DIR, `${key}-${process.pid}`);
    mkdirSync(work, { recursive: true });
    const store = new SqliteStore(join(work, SQLITE_FILE));
    await seedDemo(store, { dataDir: work, password, staffCount });
    await store.backupTo(`${file}.${process.pid}.tmp`);
    await store.close();
    copyFileSync(join(work, SIGN_INS), `${file}.signins`);
    renameSync(`${file}.${process.pid}.tmp`, file);
    rmSync(work, { recursive: true, force: true });
  }
  try {
    copyFileSync(file, join(dataDir, SQLITE_FILE));
    writeFileSync(join(dataDir, SIGN_INS), readFileSync(`${file}.signins`), { mode: 0o600 });
    chmodSync(join(dataDir, SIGN_INS), 0o600);
  } catch {
    // Another test process pruned it meanwhile (other code version): seed this folder directly.
    rmSync(join(dataDir, SQLITE_FILE), { force: true });
    const store = new SqliteStore(join(dataDir, SQLITE_FILE));
    await seedDemo(store, { dataDir, password, staffCount });
    await store.close();
  }
}

/** Tables copied from the template schema, in an order that keeps foreign keys happy. */
const TABLES = ['documents', 'rejections', 'users', 'sessions', 'audit_log', 'devices', 'device_clocks', 'media', 'media_refs'];

/** Copies the seeded demo into a freshly migrated PostgreSQL schema (seeding the template once). */
export async function seededPostgres(url: string, store: Store & { schema: string }, staffCount: number, password: string, dataDir: string): Promise<void> {
  const template = `seedtpl_${seedKey(staffCount, password)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = (await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [template, 'users'])).rowCount === 1;
    const seeded = exists && ((await client.query(`SELECT count(*)::int AS n FROM "${template}".users`)).rows[0] as { n: number }).n > 0;
    if (!seeded) {
      // Old templates (other code versions) go.
      for (const row of (await client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'seedtpl\\_%'")).rows as { nspname: string }[]) {
        await client.query(`DROP SCHEMA IF EXISTS "${row.nspname}" CASCADE`);
      }
      const tpl = await openTestPostgres(url, template);
      await seedDemo(tpl, { dataDir, password, staffCount });
      await tpl.close();
    }
    await client.query('BEGIN');
    for (const table of TABLES) await client.query(`INSERT INTO "${store.schema}".${table} SELECT * FROM "${template}".${table}`);
    await client.query(`UPDATE "${store.schema}".sequence SET value = (SELECT value FROM "${template}".sequence WHERE name = 'documents') WHERE name = 'documents'`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
