import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { roleSchema } from '../src/domain/roles';
import { buildApp } from './app';
import { hashPassword } from './auth/password';
import { ConfigError, loadConfig, type Config } from './config';
import { randomPassword, readDemoSignIns, seedDemo } from './demo';
import { openSqliteStore } from './store/sqlite';

const USAGE = `Usage: tsx sync-server/cli.ts <command>

Commands:
  start                                  run the sync server (seeds a demo organisation into an empty database)
  seed-demo                              add the demo organisation and any missing demo users
  create-admin <username> [display name] add an administrator (password from ADMIN_PASSWORD, else generated)

Environment: PORT (8787), HOST (127.0.0.1), DATA_DIR (./data), STATIC_DIR (./dist), DEMO_PASSWORD, DEMO_STAFF_COUNT (60),
LOG_LEVEL (info), HEARTBEAT_SECONDS (15), BODY_LIMIT_BYTES (5 MiB), ACCESS_TOKEN_TTL_SECONDS (30 days),
REFRESH_TOKEN_TTL_SECONDS (30 days), LOGIN_MAX_FAILURES_PER_ACCOUNT (10), LOGIN_MAX_ATTEMPTS_PER_ADDRESS (30),
LOGIN_WINDOW_SECONDS (900).`;

/** How long a SIGTERM waits for in-flight requests before giving up. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

function openStore(config: Config) {
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteStore(config.dataDir);
}

function publicUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

async function start(config: Config): Promise<void> {
  const store = openStore(config);
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
  process.stdout.write(`\n${signIns ? `${signIns}\n` : ''}hall-ops sync server: ${publicUrl(config.host, port)}\n\n`);
}

async function seedDemoCommand(config: Config): Promise<void> {
  const store = openStore(config);
  try {
    const { created } = await seedDemo(store, { dataDir: config.dataDir, password: config.demoPassword, staffCount: config.demoStaffCount });
    process.stdout.write(created.length ? `${readDemoSignIns(config.dataDir)}\n` : 'Demo data is up to date; every demo user already exists.\n');
  } finally {
    await store.close();
  }
}

async function createAdmin(config: Config, args: string[]): Promise<void> {
  const [username, ...nameParts] = args;
  if (!username) throw new UsageError('create-admin needs a username.');
  const password = process.env.ADMIN_PASSWORD || randomPassword(16);
  const store = openStore(config);
  try {
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
    process.stdout.write(
      process.env.ADMIN_PASSWORD ? `Created administrator ${username}.\n` : `Created administrator ${username} with password ${password}\n`,
    );
  } finally {
    await store.close();
  }
}

/** A mistake the person running the command can fix; printed without a stack trace. */
class CliError extends Error {}
class UsageError extends CliError {}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
    case 'seed-demo':
      return seedDemoCommand(config);
    case 'create-admin':
      return createAdmin(config, args);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CliError) {
    process.stderr.write(`${err.message}\n${err instanceof UsageError ? `\n${USAGE}\n` : ''}`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
