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
  await db.remove();
  const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((k): k is string => k !== null);
  for (const key of userStorageKeys(keys, userId)) localStorage.removeItem(key);
  await signOut();
}
