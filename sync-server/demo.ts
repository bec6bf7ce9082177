import { randomInt } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayOfInstant } from '../src/domain/calendar/time-zone';
import { collectionNames, collections } from '../src/domain/collections';
import { generateDemoOrg } from '../src/domain/demo';
import type { Role, SessionUser } from '../src/domain/roles';
import { hashPassword } from './auth/password';
import { planPush } from './replication/push-plan';
import type { Store } from './store/store';

const SIGN_INS_FILE = 'demo-sign-ins.txt';
/** The demo organisation is the same for every install (a fixed seed); only "today" moves. */
const DEMO_SEED = 20_260_302;
/** Seed documents go in like pushes of at most this many rows. */
const BATCH = 500;

/** The server itself, writing seed data through the same path as any push. */
const SYSTEM_USER: SessionUser = { id: 'system', username: 'system', displayName: '系统', role: 'admin', siteIds: ['*'] };

/** 10 characters without look-alikes (0/O, 1/l/I), easy to type on a tablet. */
export function randomPassword(length = 10): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * Writes documents through the store's push path (validation, sequence
 * numbers), keeping the generator's historic updatedAt/receivedAt so the demo
 * history reads true (an attendance event "received" months later would look
 * like clock drift).
 */
async function writeSeedDocs(store: Store, collection: string, docs: readonly Record<string, unknown>[], now: Date): Promise<void> {
  if (!(collection in collections)) throw new Error(`Unknown collection ${collection}`);
  const spec = collections[collection as keyof typeof collections];
  for (let i = 0; i < docs.length; i += BATCH) {
    const rows = docs.slice(i, i + BATCH).map((d) => ({ newDocumentState: d, assumedMasterState: null }));
    const result = await store.applyPush({
      collection,
      ids: rows.map((r) => String(r.newDocumentState.id)),
      actor: { userId: SYSTEM_USER.id, deviceId: 'server' },
      now,
      // Seeding twice leaves existing documents alone (equal content is a no-op, changed content a conflict).
      plan: (masters) => planPush(rows, masters, { spec, user: SYSTEM_USER, now, keepServerStamps: true }),
    });
    if (result.kind === 'rejected') {
      throw new Error(`Demo ${collection} failed validation: ${result.rejections.slice(0, 3).map((r) => r.reason).join(' ')}`);
    }
  }
}

export interface SeedOptions {
  dataDir: string;
  /** One password for every demo user (tests, demos); random per user otherwise. */
  password?: string;
  now?: Date;
  /** About 60 by default: one hall and one hotline centre per 60 staff. */
  staffCount?: number;
}

export interface SeedResult {
  /** Sign-ins created now (empty when every demo user already existed). */
  created: { username: string; password: string; role: Role; displayName: string }[];
}

/**
 * Seeds the demo organisation of src/domain/demo (a service hall and a 12345
 * hotline centre with months of rosters, attendance, training, inspections)
 * and its users (admin, manager, guide, …). Safe to run again: documents are
 * written idempotently and existing users are left alone.
 */
export async function seedDemo(store: Store, options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const org = generateDemoOrg({ seed: DEMO_SEED, today: dayOfInstant(now.getTime()), staffCount: options.staffCount });
  for (const name of collectionNames) {
    await writeSeedDocs(store, name, org[name] as unknown as Record<string, unknown>[], now);
  }
  const created: SeedResult['created'] = [];
  // One hash for a shared password: scrypt is deliberately slow.
  const sharedHash = options.password ? await hashPassword(options.password) : null;
  for (const u of org.users) {
    if (await store.getUserByUsername(u.username)) continue;
    const password = options.password ?? randomPassword();
    await store.insertUser({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      siteIds: u.siteIds,
      passwordHash: sharedHash ?? (await hashPassword(password)),
      createdAt: now.toISOString(),
      ...(u.staffId ? { staffId: u.staffId } : {}),
    });
    created.push({ username: u.username, password, role: u.role, displayName: u.displayName });
  }
  if (created.length > 0) {
    const lines = created.map((c) => `${c.username.padEnd(12)} ${c.password.padEnd(14)} ${c.role.padEnd(16)} ${c.displayName}`);
    const text = ['Demo sign-ins (username, password, role, name):', ...lines, ''].join('\n');
    const file = join(options.dataDir, SIGN_INS_FILE);
    writeFileSync(file, text, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { created };
}

/** The demo sign-ins written at seeding, or null if this data folder has none. */
export function readDemoSignIns(dataDir: string): string | null {
  const file = join(dataDir, SIGN_INS_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
