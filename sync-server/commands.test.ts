import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections } from '../src/domain/collections';
import type { SessionUser } from '../src/domain/roles';
import { AuditTampered, CliError, runCommand } from './commands';
import { planPush } from './replication/push-plan';
import { SqliteStore, openSqliteStore } from './store/sqlite';
import { attendanceDoc, DEMO_SITE_ID } from './test-support/docs';
import { freshSchema, openTestPostgres, TEST_DATABASE_URL } from './test-support/pg';
import { tempDir } from './test-support/server';

const admin: SessionUser = { id: 'user-admin', username: 'admin', displayName: 'A', role: 'admin', siteIds: ['*'] };
const now = new Date('2026-03-02T01:00:00.000Z');

/** Runs a CLI command in this process against DATA_DIR and returns what it printed. */
async function cli(dataDir: string, ...argv: string[]): Promise<string> {
  let printed = '';
  await runCommand(argv, { env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'admin-password-1' }, print: (t) => (printed += t) });
  return printed;
}

/** A small database: one site and a few attendance events, written like pushes (so audited). */
async function smallDatabase(dataDir: string): Promise<void> {
  const store = openSqliteStore(dataDir);
  const site = { id: DEMO_SITE_ID, siteId: DEMO_SITE_ID, updatedAt: now.toISOString(), updatedBy: 'x', deviceId: 'x', name: '大厅', kind: 'hall', posts: [], shiftTemplates: [] };
  for (const [collection, docs] of [
    ['sites', [site]],
    ['attendance', [attendanceDoc(), attendanceDoc()]],
  ] as const) {
    const rows = docs.map((d) => ({ newDocumentState: d as Record<string, unknown> }));
    const spec = collections[collection];
    const result = await store.applyPush({ collection, ids: rows.map((r) => String(r.newDocumentState.id)), actor: { userId: admin.id, deviceId: null }, now, plan: (m) => planPush(rows, m, { spec, user: admin, now }) });
    expect(result.kind).toBe('applied');
  }
  mkdirSync(join(dataDir, 'media', 'ab'), { recursive: true });
  writeFileSync(join(dataDir, 'media', 'ab', 'c'.repeat(62)), 'picture');
  await store.close();
}

describe('the command line', () => {
  const dataDir = tempDir();
  const backups = tempDir();
  beforeAll(() => smallDatabase(dataDir));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
  });

  it('migrates and says the schema version', async () => {
    expect(await cli(dataDir, 'migrate')).toMatch(/SQLite database is at schema version 2\./);
  });

  it('creates an administrator, but not one named like a device', async () => {
    expect(await cli(dataDir, 'create-admin', 'root', '系统', '管理员')).toBe('Created administrator root.\n');
    await expect(cli(dataDir, 'create-admin', 'root')).rejects.toThrow(/already exists/);
    await expect(cli(dataDir, 'create-admin', 'device:x')).rejects.toThrow(CliError);
  });

  it('enrols a device for an existing site and prints its credential once', async () => {
    const out = await cli(dataDir, 'enroll-device', DEMO_SITE_ID, '大厅', '一号平板');
    expect(out).toMatch(/^Enrolled device [0-9a-f-]{36} \("大厅 一号平板"\) for site site-hall-1\.\n.*\n[\w-]{43}\n$/);
    await expect(cli(dataDir, 'enroll-device', 'site-nowhere', 'x')).rejects.toThrow('There is no site site-nowhere.');
    await expect(cli(dataDir, 'enroll-device', DEMO_SITE_ID)).rejects.toThrow(/needs a site id and a name/);
  });

  it('backs up online into a new folder and restores into an empty data folder; refuses to overwrite without --force', async () => {
    const target = join(backups, 'b1');
    expect(await cli(dataDir, 'backup', target)).toMatch(/Backed up/);
    expect(readdirSync(target).sort()).toEqual(['hall-ops.sqlite', 'media']);
    await expect(cli(dataDir, 'backup', target)).rejects.toThrow(/not empty/);

    const fresh = join(backups, 'restored');
    expect(await cli(fresh, 'restore', target)).toMatch(/schema version 2; audit log intact/);
    expect(existsSync(join(fresh, 'media', 'ab', 'c'.repeat(62)))).toBe(true);
    const restored = new SqliteStore(join(fresh, 'hall-ops.sqlite'));
    expect((await restored.pull({ collection: 'attendance', afterSeq: 0, limit: 10, sites: 'all' })).length).toBe(2);
    expect(await restored.getUserByUsername('root')).not.toBeNull();
    await restored.close();

    await expect(cli(fresh, 'restore', target)).rejects.toThrow(/already holds data .*--force/);
    expect(await cli(fresh, 'restore', target, '--force')).toMatch(/Restored/);
    await expect(cli(fresh, 'restore', join(backups, 'nothing-here'))).rejects.toThrow(/no hall-ops.sqlite/);
  });

  it('points PostgreSQL deployments to pg_dump and pg_restore', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    await expect(runCommand(['backup', join(backups, 'pg')], { env, print: () => undefined })).rejects.toThrow(/pg_dump/);
    await expect(runCommand(['restore', join(backups, 'pg')], { env, print: () => undefined })).rejects.toThrow(/pg_restore/);
  });

  // The PostgreSQL half (TEST_DATABASE_URL): a SQLite deployment moves over with everything.
  const url = TEST_DATABASE_URL;
  if (url) {
    it('copies a SQLite deployment into an empty PostgreSQL, audit log intact, and refuses a second copy', async () => {
      const { schema, drop } = await freshSchema(url, 'copy');
      try {
        const env = { DATA_DIR: dataDir, DATABASE_URL: url, DATABASE_SCHEMA: schema };
        let printed = '';
        await runCommand(['copy-to-postgres'], { env, print: (t) => (printed += t) });
        expect(printed).toMatch(/: 3 sequence numbers, 0 media; audit log intact\.\n$/);
        const target = await openTestPostgres(url, schema);
        expect((await target.pull({ collection: 'attendance', afterSeq: 0, limit: 10, sites: 'all' })).map((d) => d.seq)).toEqual([2, 3]);
        expect(await target.getUserByUsername('root')).toMatchObject({ role: 'admin', disabled: false });
        expect((await target.listDevices('all')).length).toBe(1);
        await target.close();
        await expect(runCommand(['copy-to-postgres'], { env, print: () => undefined })).rejects.toThrow(/already holds users/);
      } finally {
        await drop();
      }
    });
  }

  it('verifies the audit log, and reports a row tampered with through SQL', async () => {
    expect(await cli(dataDir, 'verify-audit')).toBe('Audit log intact: 3 entries checked.\n');
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(join(dataDir, 'hall-ops.sqlite'));
    raw.prepare("UPDATE audit_log SET user_id = 'someone-else' WHERE seq = 2").run();
    raw.close();
    let printed = '';
    await expect(runCommand(['verify-audit'], { env: { DATA_DIR: dataDir }, print: (t) => (printed += t) })).rejects.toThrow(AuditTampered);
    expect(printed).toMatch(/^Audit log NOT intact \(3 entries checked\):\n {2}entry 2: its contents do not match its hash/);
  });

  it('explains unknown commands', async () => {
    await expect(cli(dataDir, 'launch')).rejects.toThrow('Unknown command "launch".');
    expect(await cli(dataDir, 'help')).toMatch(/^Usage/);
  });
});
