import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { SERVER_STAMPED_FIELDS } from '../../src/domain/schemas/common';
import type { AuditRecord, DocWrite, StoredDoc } from '../store/store';

/** Key-sorted JSON: the same document always hashes the same, whatever its key order (PostgreSQL, SQLite, clients). */
const canonical = configure({ deterministic: true, circularValue: Error, bigint: false });

/** The prev hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of a document version: its content and whether it is a tombstone. */
export function documentHash(data: Record<string, unknown>, deleted: boolean): string {
  return sha256(canonical({ data, deleted }) ?? '');
}

/**
 * An entry's own hash covers every field and the previous entry's hash, so
 * changing, removing or reordering any row breaks the chain from there on.
 */
export function entryHash(entry: Omit<AuditRecord, 'hash'>): string {
  const { seq, at, userId, deviceId, collection, docId, action, fields, docHash, prevHash } = entry;
  return sha256(canonical({ seq, at, userId, deviceId, collection, docId, action, fields, docHash, prevHash }) ?? '');
}

/** Top-level fields whose values differ between two versions (all fields of a new document); the server's own stamps left out. */
export function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => !(SERVER_STAMPED_FIELDS as readonly string[]).includes(k))
    .filter((k) => !before || canonical(before[k]) !== canonical(after[k]))
    .sort();
}

/** The audit entries of a push's writes, chained after `prevHash`. `written` carries each write's sequence number. */
export function auditEntries(
  written: readonly { write: DocWrite; seq: number }[],
  masters: ReadonlyMap<string, StoredDoc>,
  actor: { userId: string; deviceId: string | null },
  collection: string,
  at: string,
  prevHash: string,
): AuditRecord[] {
  const out: AuditRecord[] = [];
  // A later row for the same id in one push builds on the earlier one.
  const current = new Map<string, { data: Record<string, unknown>; deleted: boolean }>();
  for (const [id, m] of masters) current.set(id, { data: m.data, deleted: m.deleted });
  let prev = prevHash;
  for (const { write, seq } of written) {
    const before = current.get(write.id);
    const action: AuditRecord['action'] = write.deleted ? 'delete' : before && !before.deleted ? 'update' : 'create';
    const deviceId = actor.deviceId ?? (typeof write.data.deviceId === 'string' ? write.data.deviceId : null);
    const entry = {
      seq,
      at,
      userId: actor.userId,
      deviceId,
      collection,
      docId: write.id,
      action,
      fields: changedFields(before?.data, write.data),
      docHash: documentHash(write.data, write.deleted),
      prevHash: prev,
    };
    const hash = entryHash(entry);
    out.push({ ...entry, hash });
    prev = hash;
    current.set(write.id, { data: write.data, deleted: write.deleted });
  }
  return out;
}

export type AuditProblem = { seq: number | null; collection?: string; docId?: string; problem: string };

/**
 * Checks the log entry by entry, in sequence order (so a store can feed it
 * page by page): each entry's own hash, and that it points at the previous
 * one. `finish` then compares each document's last audited hash with the
 * stored document, so a tampered document (not only a tampered log) is found.
 */
export class ChainVerifier {
  readonly problems: AuditProblem[] = [];
  checked = 0;
  private prev = GENESIS_HASH;
  private readonly latest = new Map<string, { seq: number; collection: string; docId: string; docHash: string }>();

  constructor(private readonly maxProblems = 100) {}

  private report(p: AuditProblem): void {
    if (this.problems.length < this.maxProblems) this.problems.push(p);
  }

  add(e: AuditRecord): void {
    this.checked++;
    if (e.prevHash !== this.prev) {
      this.report({ seq: e.seq, problem: 'does not follow the previous entry (a row before it was removed, inserted or changed)' });
    }
    const { hash: _stored, ...rest } = e;
    if (entryHash(rest) !== e.hash) this.report({ seq: e.seq, problem: 'its contents do not match its hash (the row was changed)' });
    this.prev = e.hash;
    this.latest.set(`${e.collection}\u0000${e.docId}`, { seq: e.seq, collection: e.collection, docId: e.docId, docHash: e.docHash });
  }

  /** `currentDocHash` of the stored document, undefined when it is missing. */
  finish(currentDocHash: (collection: string, docId: string) => string | undefined): { ok: boolean; checked: number; problems: AuditProblem[] } {
    for (const e of this.latest.values()) {
      const now = currentDocHash(e.collection, e.docId);
      if (now === undefined) this.report({ seq: e.seq, collection: e.collection, docId: e.docId, problem: 'the document is missing' });
      else if (now !== e.docHash) {
        this.report({ seq: e.seq, collection: e.collection, docId: e.docId, problem: 'the stored document differs from its last audited version' });
      }
    }
    return { ok: this.problems.length === 0, checked: this.checked, problems: this.problems };
  }
}

/** Every media hash (a 64-hex string anywhere in the document) that a document refers to. */
export function mediaHashesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (/^[0-9a-f]{64}$/.test(value)) found.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) mediaHashesIn(v, found);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) mediaHashesIn(v, found);
  }
  return found;
}
