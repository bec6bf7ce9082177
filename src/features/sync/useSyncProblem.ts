import { useMemo } from 'react';
import { useSyncStatus, type SyncStatusSnapshot } from '../../sync/status';
import { classifySyncError, type SyncProblem } from './errors';

/**
 * The current sync failure in plain words (a message key under `sync.problem`)
 * and the technical text behind it. The status store keeps the error's text;
 * an HTTP status, when the store carries one as `errorStatus`, decides first.
 */
export function useSyncProblem(): { status: SyncStatusSnapshot; problem: SyncProblem | null; technical: string | null } {
  const status = useSyncStatus();
  const code = (status as SyncStatusSnapshot & { errorStatus?: number | null }).errorStatus;
  return useMemo(() => {
    if (!status.error) return { status, problem: null, technical: null };
    return { status, problem: classifySyncError({ status: code, message: status.error }), technical: status.error };
  }, [status, code]);
}
