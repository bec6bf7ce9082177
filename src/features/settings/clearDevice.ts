import type { AppDatabase } from '../../db/database';
import type { SyncController } from '../../sync/replication';
import { signOut } from '../../sync/session';

/**
 * The localStorage keys that belong to one user's session on this device
 * (`hallops.<what>.<userId>`). Device-wide keys — the device id, the language,
 * the logical clock that must never run backwards — stay.
 */
export function userStorageKeys(keys: readonly string[], userId: string): string[] {
  return keys.filter((k) => k.startsWith('hallops.') && k.endsWith(`.${userId}`));
}

/**
 * "Clear data on this device": stop replication, delete the user's local
 * database (every collection, the device log and replication state), forget
 * the session and the user's keys, sign out. The caller has checked that no
 * unsynced change is lost (or that it was exported) and asked for confirmation.
 */
export async function clearDeviceData(db: AppDatabase, sync: SyncController | null, userId: string): Promise<void> {
  await sync?.stop();
  const name = db.name;
  await db.remove();
  await deleteEmptiedDatabases(name);
  const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((k): k is string => k !== null);
  for (const key of userStorageKeys(keys, userId)) localStorage.removeItem(key);
  await signOut();
}

/**
 * RxDB's Dexie storage empties its IndexedDB databases on remove but leaves
 * them in place (one per collection): delete them too, so nothing of the user
 * remains. Where the browser cannot list databases, the emptied ones stay.
 */
async function deleteEmptiedDatabases(rxdbName: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const prefix = `rxdb-dexie-${rxdbName}--`;
  const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix));
  await Promise.all(
    names.map(
      (n) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(n);
          // Another tab still holding it open blocks the deletion until it closes; do not wait for that.
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}
