import { useSyncExternalStore } from 'react';
import { defaultPolicy, type Policy } from '../domain/policy';
import { clockDrift } from '../domain/rules/clock-drift';

/** What the sync badge shows; the pending and rejected counts come from the device log. */
export interface SyncStatusSnapshot {
  /** The browser reports a network and the live stream is connected. */
  online: boolean;
  lastSyncedAt: number | null;
  error: string | null;
  /** The HTTP status behind `error` when there was one (0: network unreachable). */
  errorStatus: number | null;
  /** The device clock minus the server's, in ms, measured at the last sync (null before the first). */
  clockOffsetMs: number | null;
  /** The offset is beyond the policy's drift threshold: show it, don't trust the clock. */
  clockDriftFlagged: boolean;
  /**
   * The server refused to renew the session: replication is paused until the
   * user signs in again; local data and unsynced changes stay on the device.
   */
  signInRequired: boolean;
}

type Listener = () => void;

const INITIAL: SyncStatusSnapshot = {
  online: false,
  lastSyncedAt: null,
  error: null,
  errorStatus: null,
  clockOffsetMs: null,
  clockDriftFlagged: false,
  signInRequired: false,
};

class SyncStatusStore {
  private snapshot: SyncStatusSnapshot = INITIAL;
  private listeners = new Set<Listener>();
  private policy: Policy = defaultPolicy;

  get = () => this.snapshot;

  subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  setConnected(connected: boolean) {
    this.update({ online: connected, ...(connected ? { error: null, errorStatus: null } : {}) });
  }
  markSynced() {
    this.update({ lastSyncedAt: Date.now(), error: null, errorStatus: null });
  }
  setError(message: string, status: number | null = null) {
    this.update({ error: message, errorStatus: status });
  }
  setSignInRequired(required: boolean) {
    if (this.snapshot.signInRequired !== required) this.update({ signInRequired: required });
  }
  get thresholdMinutes(): number {
    return this.policy.time.clockDriftThresholdMinutes;
  }
  /** The drift threshold comes from the policy (the organisation's, once known). */
  setPolicy(policy: Policy) {
    this.policy = policy;
    if (this.snapshot.clockOffsetMs !== null) this.recordClock(this.snapshot.clockOffsetMs);
  }
  /**
   * Records a clock reading at a sync: `deviceSentMs` the device's clock when
   * the request left, `serverMs` the server's time when it answered,
   * `roundTripMs` the time the exchange took (half of it is taken off).
   */
  observeServerTime(deviceSentMs: number, serverMs: number, roundTripMs: number) {
    this.recordClock(clockDrift(deviceSentMs, serverMs, this.policy, roundTripMs).offsetMs);
  }
  /** Takes the replicating tab's status as this tab's own (a follower tab shows what the leader sees). */
  adopt(snapshot: SyncStatusSnapshot) {
    this.update({ ...snapshot });
  }
  reset() {
    this.snapshot = INITIAL;
    this.listeners.forEach((l) => l());
  }

  private recordClock(offsetMs: number) {
    const { flagged } = clockDrift(offsetMs, 0, this.policy);
    // Whole seconds: finer readings would only re-render the badge at every sync.
    const rounded = Math.round(offsetMs / 1000) * 1000 || 0;
    if (rounded === this.snapshot.clockOffsetMs && flagged === this.snapshot.clockDriftFlagged) return;
    this.update({ clockOffsetMs: rounded, clockDriftFlagged: flagged });
  }

  private update(patch: Partial<SyncStatusSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    this.listeners.forEach((l) => l());
  }
}

export const syncStatus = new SyncStatusStore();

export function useSyncStatus(): SyncStatusSnapshot {
  return useSyncExternalStore(syncStatus.subscribe, syncStatus.get);
}
