import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { z } from 'zod';
import { useAppDatabase } from '../../app/DataProvider';
import { saveFile } from '../../app/export';
import { useDeviceLog } from '../../app/hooks';
import { buildPendingFile, collectPendingChanges, exportCovers, outboxSignature, pendingFileName } from '../../db/backup';
import { nowMs } from '../../sync/clock';
import { deviceId, useSession } from '../../sync/session';

/**
 * The last export of pending changes, per user, kept in localStorage so that a
 * reload does not forget it: signing out or clearing the device with unsynced
 * changes is allowed once an export covers every one of them.
 */
const recordSchema = z.object({
  fileName: z.string(),
  exportedAt: z.string(),
  count: z.number(),
  signature: z.array(z.string()),
});
export type ExportRecord = z.infer<typeof recordSchema>;

export const exportRecordKey = (userId: string) => `hallops.lastExport.${userId}`;

const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; record: ExportRecord | null }>();

function readRecord(userId: string): ExportRecord | null {
  const raw = localStorage.getItem(exportRecordKey(userId));
  const hit = cache.get(userId);
  if (hit && hit.raw === raw) return hit.record;
  const record = parseRecord(raw);
  cache.set(userId, { raw, record });
  return record;
}

function parseRecord(raw: string | null): ExportRecord | null {
  try {
    const parsed = recordSchema.safeParse(raw ? JSON.parse(raw) : null);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeRecord(userId: string, record: ExportRecord): void {
  localStorage.setItem(exportRecordKey(userId), JSON.stringify(record));
  listeners.forEach((l) => l());
}

export function useLastExport(userId: string): ExportRecord | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => readRecord(userId),
  );
}

export interface PendingExport {
  /** Changes still owed to the server. */
  pending: number;
  last: ExportRecord | null;
  /** Every pending change is in the last exported file. */
  covered: boolean;
  /** Writes the pending changes to a downloaded file and remembers it. */
  exportNow(): Promise<ExportRecord>;
}

export function usePendingExport(): PendingExport {
  const db = useAppDatabase();
  const session = useSession();
  const outbox = useDeviceLog('outbox');
  const userId = session?.user.id ?? '';
  const username = session?.user.username ?? 'user';
  const last = useLastExport(userId);
  const covered = useMemo(() => exportCovers(last?.signature ?? [], outbox), [last, outbox]);

  const exportNow = useCallback(async () => {
    // The signature is read before the documents: a change made meanwhile is exported
    // but not counted as covered, so the guard errs on the side of asking again.
    const entries = await db.devicelog.find({ selector: { kind: 'outbox' } }).exec();
    const changes = await collectPendingChanges(db);
    const file = buildPendingFile(changes, {
      user: { id: userId, username },
      deviceId: deviceId(),
      exportedAt: new Date(nowMs()).toISOString(),
    });
    const fileName = pendingFileName(file);
    saveFile(fileName, JSON.stringify(file, null, 2), 'application/json');
    const record = { fileName, exportedAt: file.exportedAt, count: changes.length, signature: outboxSignature(entries) };
    writeRecord(userId, record);
    return record;
  }, [db, userId, username]);

  return { pending: outbox.length, last, covered, exportNow };
}
