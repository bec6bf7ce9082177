import { useSyncExternalStore } from 'react';

/** What the sync badge shows; the pending and rejected counts come from the device log. */
export interface SyncStatusSnapshot {
  /** The browser reports a network and the live stream is connected. */
  online: boolean;
  lastSyncedAt: number | null;
  error: string | null;
}

type Listener = () => void;

class SyncStatusStore {
  private snapshot: SyncStatusSnapshot = { online: false, lastSyncedAt: null, error: null };
  private listeners = new Set<Listener>();

  get = () => this.snapshot;

  subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  setConnected(connected: boolean) {
    this.update({ online: connected, ...(connected ? { error: null } : {}) });
  }
  markSynced() {
    this.update({ lastSyncedAt: Date.now(), error: null });
  }
  setError(message: string) {
    this.update({ error: message });
  }
  reset() {
    this.snapshot = { online: false, lastSyncedAt: null, error: null };
    this.listeners.forEach((l) => l());
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
