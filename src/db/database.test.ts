import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { newId } from '../domain/ids';
import { openDatabase, type AppDatabase } from './database';
import { insertDoc } from './write';

let db: AppDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const author = { userId: 'u1', deviceId: 'd1' };
const event = () => ({
  id: newId(),
  siteId: 'site-hall-1',
  staffId: 's1',
  kind: 'check-in' as const,
  method: 'manual' as const,
  deviceTime: new Date().toISOString(),
  hlc: '0000000000001:0000:d1',
});

describe('local database', () => {
  it('records a local write in the outbox', async () => {
    db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
    const doc = await insertDoc(db, 'attendance', event(), author);
    const outbox = await db.devicelog.find({ selector: { kind: 'outbox' } }).exec();
    expect(outbox.map((e) => e.docId)).toEqual([doc.id]);
  });

  it('refuses a document that fails the shared schema, and writes nothing', async () => {
    db = await openDatabase({ userId: `t-${newId()}`, storage: getRxStorageMemory(), devMode: true });
    await expect(insertDoc(db, 'attendance', { ...event(), kind: 'nap' as never }, author)).rejects.toThrow();
    expect(await db.attendance.count().exec()).toBe(0);
    expect(await db.devicelog.count().exec()).toBe(0);
  });
});
