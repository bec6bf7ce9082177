import { useMemo } from 'react';
import { useSyncStatus, type SyncStatusSnapshot } from '../../sync/status';
import { classifySyncError, type SyncProblem } from './errors';

/**
 * The current sync failure in plain words (a message key under `sync.problem`)
 * and the technical text behind it. The HTTP status, when the error had one,
 * decides; otherwise the text does.
 */
export function useSyncProblem(): { status: SyncStatusSnapshot; problem: SyncProblem | null; technical: string | null } {
  const status = useSyncStatus();
  return useMemo(() => {
    // A refused token renewal pauses replication until the user signs in again.
    if (status.signInRequired) return { status, problem: 'session-expired', technical: status.error };
    if (!status.error) return { status, problem: null, technical: null };
    return { status, problem: classifySyncError({ status: status.errorStatus, message: status.error }), technical: status.error };
  }, [status]);
}
