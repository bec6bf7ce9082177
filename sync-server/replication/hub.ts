import type { StoredDoc } from '../store/store';

/** Documents committed together by one push. */
export interface ChangeBatch {
  collection: string;
  docs: readonly StoredDoc[];
}

export type ChangeListener = (batch: ChangeBatch) => void;

/**
 * Fans committed changes out to the open SSE streams of this process: its own
 * commits, and with PostgreSQL other processes' commits (LISTEN/NOTIFY, see
 * `Store.onRemoteChanges`).
 */
export class ChangeHub {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(batch: ChangeBatch): void {
    if (batch.docs.length === 0) return;
    for (const listener of this.listeners) {
      // One broken stream must not stop the others from hearing about the change.
      try {
        listener(batch);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
