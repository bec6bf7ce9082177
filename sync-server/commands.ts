import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DEVICE_USER_PREFIX } from '../src/domain/protocol';
import { roleSchema } from '../src/domain/roles';
import { buildApp } from './app';
import { hashPassword } from './auth/password';
import { loadConfig, type Config } from './config';
import { randomPassword, readDemoSignIns, seedDemo } from './demo';
import { enrolDevice, siteExists } from './http/devices';
import { openStore } from './store/open';
import { PostgresStore } from './store/postgres';
import { SQLITE_FILE, SqliteStore, openSqliteStore } from './store/sqlite';
import type { Store } from './store/store';

export const USAGE = `Usage: tsx sync-server/cli.ts <command>

Commands:
  start                                  run the sync server (seeds a demo organisation into an empty database)
  migrate                                bring the database schema up to date (start does this too) and print its version
  seed-demo                              add the demo organisation and any missing demo users
  create-admin <username> [display name] add an administrator (password from ADMIN_PASSWORD, else generated)
  enroll-device <siteId> <name>          enrol a kiosk tablet for a site and print its credential (shown once)
  backup <folder>                        SQLite: copy the database (online) and the media into a new folder
  restore <folder> [--force]             SQLite: restore such a backup into DATA_DIR (refuses to overwrite without --force)
  verify-audit                           recompute the audit log's hash chain; exit code 1 if anything was tampered with
  copy-to-postgres                       copy the SQLite database and media in DATA_DIR into an empty PostgreSQL (DATABASE_URL)

Environment: see docs/operations.md (PORT, HOST, DATA_DIR, STATIC_DIR, DATABASE_URL, DATABASE_SCHEMA, DATABASE_POOL_SIZE,
MIN_CLIENT_VERSION, MEDIA_LIMIT_BYTES, LOG_LEVEL, HEARTBEAT_SECONDS, BODY_LIMIT_BYTES, ACCESS_TOKEN_TTL_SECONDS,
REFRESH_TOKEN_TTL_SECONDS, LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_MAX_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW_SECONDS,
DEMO_PASSWORD, DEMO_STAFF_COUNT).`;

/** How long a SIGTERM waits for in-flight requests before giving up. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

const PG_BACKUP_ADVICE =
  'This server uses PostgreSQL (DATABASE_URL): back it up and restore it with pg_dump and pg_restore, e.g.\n' +
  '  pg_dump --format=custom --file=hall-ops.dump "$DATABASE_URL"\n' +
  '  pg_restore --clean --if-exists --dbname="$DATABASE_URL" hall-ops.dump\n' +
  'Media are stored in the database, so the dump holds them too.';

function publicUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

/** Opens the configured store, runs `work`, and closes it. */
async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function start(config: Config): Promise<void> {
  const store = await openStore(config);
  if ((await store.countUsers()) === 0) {
    await seedDemo(store, { dataDir: config.dataDir, password: config.demoPassword, staffCount: config.demoStaffCount });
  }
  const app = await buildApp({ config, store });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await app.close();
      await store.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  const { port } = app.server.address() as AddressInfo;
  // Plain stdout, not only the JSON log: this is what a person starting the server reads.
  const signIns = readDemoSignIns(config.dataDir);
  out(`\n${signIns ? `${signIns}\n` : ''}hall-ops sync server: ${publicUrl(config.host, port)}\n\n`);
}

async function migrateCommand(config: Config): Promise<void> {
  const version = await withStore(config, (store) => store.schemaVersion());
  out(`The ${config.database ? 'PostgreSQL' : 'SQLite'} database is at schema version ${version}.\n`);
}

async function seedDemoCommand(config: Config): Promise<void> {
  await withStore(config, async (store) => {
    const { created } = await seedDemo(store, { dataDir: config.dataDir, password: config.demoPassword, staffCount: config.demoStaffCount });
    out(created.length ? `${readDemoSignIns(config.dataDir)}\n` : 'Demo data is up to date; every demo user already exists.\n');
  });
}

async function createAdmin(config: Config, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [username, ...nameParts] = args;
  if (!username) throw new UsageError('create-admin needs a username.');
  if (username.startsWith(DEVICE_USER_PREFIX)) throw new CliError(`Usernames starting with "${DEVICE_USER_PREFIX}" are kept for kiosk devices.`);
  const password = env.ADMIN_PASSWORD || randomPassword(16);
  await withStore(config, async (store) => {
    if (await store.getUserByUsername(username)) throw new CliError(`A user named ${username} already exists.`);
    await store.insertUser({
      id: randomUUID(),
      username,
      displayName: nameParts.join(' ') || username,
      role: roleSchema.parse('admin'),
      siteIds: ['*'],
      passwordHash: await hashPassword(password),
      createdAt: new Date().toISOString(),
    });
  });
  out(
    env.ADMIN_PASSWORD ? `Created administrator ${username}.\n` : `Created administrator ${username} with password ${password}\n`,
  );
}

async function enrollDevice(config: Config, args: string[]): Promise<void> {
  const [siteId, ...nameParts] = args;
  const name = nameParts.join(' ').trim();
  if (!siteId || !name) throw new UsageError('enroll-device needs a site id and a name.');
  if (name.length > 100) throw new CliError('A device name has at most 100 characters.');
  const enrolled = await withStore(config, async (store) => {
    if (!(await siteExists(store, siteId))) throw new CliError(`There is no site ${siteId}.`);
    return enrolDevice(store, { siteId, name, createdBy: 'cli', now: new Date() });
  });
  out(
    `Enrolled device ${enrolled.device.id} ("${name}") for site ${siteId}.\n` +
      `Credential (shown once; enter it on the tablet's enrol screen):\n${enrolled.credential}\n`,
  );
}

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

async function backupCommand(config: Config, args: string[]): Promise<void> {
  if (config.database) throw new CliError(PG_BACKUP_ADVICE);
  const [target] = args;
  if (!target) throw new UsageError('backup needs a folder to write to.');
  const dir = resolve(target);
  if (!isEmptyDir(dir)) throw new CliError(`${dir} is not empty; back up into a new folder.`);
  if (!existsSync(join(config.dataDir, SQLITE_FILE))) throw new CliError(`There is no database in ${config.dataDir}.`);
  mkdirSync(dir, { recursive: true });
  const store = openSqliteStore(config.dataDir);
  try {
    // Online: a running server may keep writing; the copy is one consistent snapshot.
    await store.backupTo(join(dir, SQLITE_FILE));
  } finally {
    await store.close();
  }
  // Media files never change once written (content-addressed), so a plain copy is consistent.
  const media = join(config.dataDir, 'media');
  if (existsSync(media)) cpSync(media, join(dir, 'media'), { recursive: true });
  out(`Backed up ${config.dataDir} to ${dir}.\n`);
}

async function restoreCommand(config: Config, args: string[]): Promise<void> {
  if (config.database) throw new CliError(PG_BACKUP_ADVICE);
  const force = args.includes('--force');
  const [source] = args.filter((a) => a !== '--force');
  if (!source) throw new UsageError('restore needs the backup folder.');
  const from = resolve(source);
  if (!existsSync(join(from, SQLITE_FILE))) throw new CliError(`${from} holds no ${SQLITE_FILE}; is it a backup folder?`);
  const existing = [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`, 'media'].filter((f) => existsSync(join(config.dataDir, f)));
  if (existing.length > 0 && !force) {
    throw new CliError(`${config.dataDir} already holds data (${existing.join(', ')}); stop the server and add --force to replace it.`);
  }
  mkdirSync(config.dataDir, { recursive: true });
  for (const f of existing) rmSync(join(config.dataDir, f), { recursive: true, force: true });
  cpSync(join(from, SQLITE_FILE), join(config.dataDir, SQLITE_FILE));
  if (existsSync(join(from, 'media'))) cpSync(join(from, 'media'), join(config.dataDir, 'media'), { recursive: true });
  // Opening runs any newer migrations; checking the audit log proves the copy is whole.
  const store = new SqliteStore(join(config.dataDir, SQLITE_FILE), { mediaDir: join(config.dataDir, 'media') });
  try {
    const audit = await store.verifyAudit();
    out(`Restored ${from} into ${config.dataDir} (schema version ${await store.schemaVersion()}; audit log ${audit.ok ? 'intact' : 'NOT intact'}).\n`);
  } finally {
    await store.close();
  }
}

/** Tables copied by copy-to-postgres, parents first; booleans are 0/1 in SQLite. */
const COPIED_TABLES: { table: string; booleans?: string[] }[] = [
  { table: 'users', booleans: ['disabled'] },
  { table: 'sessions' },
  { table: 'documents', booleans: ['deleted'] },
  { table: 'audit_log' },
  { table: 'devices' },
  { table: 'device_clocks' },
  { table: 'media_refs' },
  { table: 'rejections' },
];

/**
 * Moves a SQLite deployment to PostgreSQL with everything it holds: documents
 * with their sequence numbers (so devices' checkpoints stay valid), users,
 * sessions, devices, the audit log and the media bytes. The target must be
 * empty; the copy is one transaction, checked with the audit log afterwards.
 */
async function copyToPostgres(config: Config): Promise<void> {
  if (!config.database) throw new CliError('Set DATABASE_URL (and DATABASE_SCHEMA) to the PostgreSQL database to copy into.');
  const file = join(config.dataDir, SQLITE_FILE);
  if (!existsSync(file)) throw new CliError(`There is no SQLite database in ${config.dataDir}.`);
  const sqlite = new SqliteStore(file, { mediaDir: join(config.dataDir, 'media') });
  const target = await PostgresStore.open({ url: config.database.url, schema: config.database.schema, poolSize: 2 });
  try {
    if ((await target.countUsers()) > 0) throw new CliError('The PostgreSQL database already holds users; copy into an empty one.');
    const raw = sqlite.raw();
    const client = await target.pool.connect();
    try {
      await client.query('BEGIN');
      for (const { table, booleans = [] } of COPIED_TABLES) {
        const columns = (raw.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
        const rows = raw.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw().all() as unknown[][];
        for (let i = 0; i < rows.length; i += 500) {
          const chunk = rows.slice(i, i + 500);
          const values: unknown[] = [];
          const tuples = chunk.map((row) => `(${row.map((v, c) => {
            values.push(booleans.includes(columns[c]) ? v === 1 : v);
            return `$${values.length}`;
          }).join(', ')})`);
          await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
        }
      }
      const seq = (raw.prepare("SELECT value FROM sequence WHERE name = 'documents'").get() as { value: number }).value;
      await client.query("UPDATE sequence SET value = $1 WHERE name = 'documents'", [seq]);
      await client.query("SELECT setval(pg_get_serial_sequence('rejections', 'id'), GREATEST((SELECT max(id) FROM rejections), 1))");
      let media = 0;
      for (const m of raw.prepare('SELECT hash, content_type, size, uploaded_by, created_at FROM media').all() as { hash: string; content_type: string; size: number; uploaded_by: string; created_at: string }[]) {
        const bytes = await sqlite.readMedia(m.hash);
        if (!bytes) throw new CliError(`The media file of ${m.hash} is missing from ${config.dataDir}/media.`);
        await client.query('INSERT INTO media (hash, content_type, size, uploaded_by, created_at, bytes) VALUES ($1, $2, $3, $4, $5, $6)', [m.hash, m.content_type, m.size, m.uploaded_by, m.created_at, bytes]);
        media++;
      }
      await client.query('COMMIT');
      const audit = await target.verifyAudit();
      out(`Copied ${config.dataDir} into PostgreSQL (schema ${config.database.schema}): ${seq} sequence numbers, ${media} media; audit log ${audit.ok ? 'intact' : 'NOT intact'}.\n`);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  } finally {
    await target.close();
    await sqlite.close();
  }
}

async function verifyAuditCommand(config: Config): Promise<void> {
  const result = await withStore(config, (store) => store.verifyAudit());
  if (result.ok) {
    out(`Audit log intact: ${result.checked} entries checked.\n`);
    return;
  }
  const lines = result.problems.map((p) => `  ${p.seq === null ? '' : `entry ${p.seq}: `}${p.docId ? `${p.collection}/${p.docId}: ` : ''}${p.problem}`);
  out(`Audit log NOT intact (${result.checked} entries checked):\n${lines.join('\n')}\n`);
  throw new AuditTampered();
}

/** A mistake the person running the command can fix; printed without a stack trace. */
export class CliError extends Error {}
export class UsageError extends CliError {}
/** verify-audit found problems (already printed): exit code 1. */
export class AuditTampered extends Error {}

/** Where commands print (stdout in the CLI; a buffer in tests). */
let out: (text: string) => void = (text) => void process.stdout.write(text);

/**
 * Runs one command. `start` keeps running (it resolves once listening);
 * the others resolve when done. Throws CliError for mistakes a person can fix.
 */
export async function runCommand(argv: string[], options: { env?: NodeJS.ProcessEnv; print?: (text: string) => void } = {}): Promise<void> {
  out = options.print ?? ((text) => void process.stdout.write(text));
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(`${USAGE}\n`);
    return;
  }
  const config = loadConfig(options.env);
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate':
      return migrateCommand(config);
    case 'seed-demo':
      return seedDemoCommand(config);
    case 'create-admin':
      return createAdmin(config, args, options.env ?? process.env);
    case 'enroll-device':
      return enrollDevice(config, args);
    case 'backup':
      return backupCommand(config, args);
    case 'restore':
      return restoreCommand(config, args);
    case 'verify-audit':
      return verifyAuditCommand(config);
    case 'copy-to-postgres':
      return copyToPostgres(config);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

