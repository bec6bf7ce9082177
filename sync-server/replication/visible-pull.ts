import type { SessionUser } from '../../src/domain/roles';
import { can, readableSites, readMode } from '../auth/policy';
import { needsRedaction, visibleTo } from '../auth/visibility';
import type { Store, StoredDoc } from '../store/store';
import { toWire, type JsonObject } from './documents';

export interface VisiblePage {
  /** Each document as JSON text, as the wire carries it (with `_deleted`). */
  documents: string[];
  /** The last sequence number looked at (a hidden document's too), or null when nothing was. */
  lastSeq: number | null;
}

/** A stored document as this user may receive it, with `_deleted`. */
export function wireFor(user: SessionUser, doc: StoredDoc): JsonObject {
  return toWire({ ...doc, data: visibleTo(user, doc.collection, doc.data) });
}

/**
 * The same as JSON text. A document the user sees whole goes out as the
 * stored text with `_deleted` appended (stored data never has `_deleted`):
 * no parsing and re-serialising, which is most of an initial sync's cost.
 */
export function wireJsonFor(user: SessionUser, doc: StoredDoc): string {
  if (doc.json !== undefined && !needsRedaction(user, doc.collection)) {
    const body = doc.json.trim();
    return `${body.slice(0, -1)}${body === '{}' ? '' : ','}"_deleted":${doc.deleted}}`;
  }
  return JSON.stringify(wireFor(user, doc));
}

/**
 * One pull page of what the user may see: the store narrows by site; rows the
 * user may not read are skipped (the page is filled from later rows), and
 * sensitive fields are redacted. The checkpoint is the last row looked at, so
 * hidden rows are not scanned again.
 */
export async function pullVisible(store: Store, user: SessionUser, collection: string, afterSeq: number, limit: number): Promise<VisiblePage> {
  const mode = readMode(user, collection);
  if (mode === 'none') return { documents: [], lastSeq: null };
  const sites = readableSites(user);
  const documents: string[] = [];
  let cursor = afterSeq;
  let lastSeq: number | null = null;
  for (;;) {
    const rows = await store.pull({ collection, afterSeq: cursor, limit, sites });
    for (const row of rows) {
      lastSeq = row.seq;
      if (mode === 'all' || can(user, 'read', collection, row.data).allowed) documents.push(wireJsonFor(user, row));
      if (documents.length === limit) return { documents, lastSeq };
    }
    if (rows.length < limit) return { documents, lastSeq };
    cursor = rows[rows.length - 1].seq;
  }
}
