import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { WithDeleted } from 'rxdb';
import type { CollectionName } from '../domain/collections';
import {
  canonicalJson,
  differsOnlyInServerStamps,
  lastWriteWins,
  mergeCorrectiveActions,
  mergeInspections,
  mergeReviews,
  sameContent,
  supersededAnswers,
} from '../domain/rules/merge';
import type { CorrectiveAction, Inspection } from '../domain/schemas/inspection';
import type { PerformanceReview } from '../domain/schemas/review';
import { mergeSiteReports } from '../domain/rules/site-report';
import type { SiteReport } from '../domain/schemas/site-report';
import type { ConflictReason, DeviceLogEntry } from './device-log';

/**
 * Conflict handlers per kind of data (ARCHITECTURE.md "Conflicts"), as RxDB
 * calls them when a push answer holds a master that differs from what the
 * device pushed. The decisions are the pure merges of src/domain/rules/merge.ts;
 * this file adds the RxDB glue and the conflict log.
 *
 * The push answer also holds our own write as the server stored it (ADR 0002):
 * a master equal to the local document but for the server's stamps is not a
 * conflict, and is taken silently.
 */

export type StoredDoc = WithDeleted<{ id: string; updatedAt: string } & Record<string, unknown>>;

export interface ConflictInput {
  local: StoredDoc;
  master: StoredDoc;
  /** The master the device based its change on (absent for an insert). */
  base?: StoredDoc;
}

export interface Resolution {
  /** What the device keeps; when it is not the master, replication pushes it. */
  doc: StoredDoc;
  /** A version that lost, to keep in the conflict log. */
  lost?: { doc: StoredDoc; reason: ConflictReason };
}

/** Fields a merge combines from both sides: their differences lose nothing. */
const MERGED_FIELDS: Record<string, readonly string[]> = {
  inspection: ['answers', 'notes', 'photos', 'signatures', 'instanceLabels', 'status', 'submittedAt', 'lockedAt', 'score', 'grade', 'sectionScores'],
  action: ['status', 'round', 'closedAt', 'closedBy', 'evidence', 'comments'],
  'site-report': ['rows', 'cells', 'status', 'submittedAt', 'submittedBy'],
  review: [
    'providerScore',
    'providerScoredBy',
    'providerScoredAt',
    'clientScore',
    'clientScoredBy',
    'clientScoredAt',
    'locked',
    'lockedAt',
    'lockedBy',
    'total',
    'pay',
    'confirmedAt',
  ],
};
const STAMPS = ['updatedAt', 'receivedAt', 'updatedBy', 'deviceId', '_deleted'];

/** Whether a field the device changed (against its base) did not make it into the merged document. */
function lostEdits(local: StoredDoc, merged: StoredDoc, base: StoredDoc | undefined, mergedFields: readonly string[]): boolean {
  const skip = new Set([...mergedFields, ...STAMPS]);
  const keys = new Set([...Object.keys(local), ...Object.keys(merged)]);
  for (const key of keys) {
    if (skip.has(key)) continue;
    const mine = canonicalJson(local[key]);
    if (base && canonicalJson(base[key]) === mine) continue; // not changed here
    if (canonicalJson(merged[key]) !== mine) return true;
  }
  return false;
}

type MergeKind = 'inspection' | 'action' | 'review' | 'site-report';

function mergeKindOf(collection: CollectionName, doc: StoredDoc): MergeKind | null {
  if (collection === 'reviews') return 'review';
  if (collection === 'inspections' && (doc.kind === 'inspection' || doc.kind === 'action' || doc.kind === 'site-report')) return doc.kind;
  return null;
}

function merge(kind: MergeKind, a: StoredDoc, b: StoredDoc): StoredDoc {
  const plain = (d: StoredDoc) => {
    const { _deleted, ...rest } = d;
    void _deleted;
    return rest;
  };
  const merged =
    kind === 'inspection'
      ? mergeInspections(plain(a) as unknown as Inspection, plain(b) as unknown as Inspection)
      : kind === 'action'
        ? mergeCorrectiveActions(plain(a) as unknown as CorrectiveAction, plain(b) as unknown as CorrectiveAction)
        : kind === 'site-report'
          ? mergeSiteReports(plain(a) as unknown as SiteReport, plain(b) as unknown as SiteReport)
          : mergeReviews(plain(a) as unknown as PerformanceReview, plain(b) as unknown as PerformanceReview);
  return { ...(merged as unknown as StoredDoc), _deleted: false };
}

/**
 * Decides one conflict. `clockOffsetMs` is the device's measured clock offset
 * (device minus server), used to compare a local write time with the server's.
 */
export function resolveConflict(collection: CollectionName, input: ConflictInput, clockOffsetMs = 0): Resolution {
  const { local, master, base } = input;
  if (differsOnlyInServerStamps(local, master)) return { doc: master };
  // Nothing of ours in it: the device is handing back a master it took (RxDB pushes a resolved
  // conflict once more), so the newer master simply stands. Without this, a version another
  // device wrote could be pushed over that device's later edit in its name.
  if (base && local._deleted === base._deleted && differsOnlyInServerStamps(local, base)) return { doc: master };

  // Attendance events are immutable: the first version the server stored stands.
  if (collection === 'attendance') {
    return sameContent(local, master) ? { doc: master } : { doc: master, lost: { doc: local, reason: 'immutable' } };
  }

  const kind = mergeKindOf(collection, local);
  if (kind && !local._deleted && !master._deleted && mergeKindOf(collection, master) === kind) {
    const merged = merge(kind, local, master);
    const lostSomething =
      lostEdits(local, merged, base, MERGED_FIELDS[kind]!) ||
      (kind === 'inspection' && supersededAnswers(local as unknown as Inspection, merged as unknown as Inspection).length > 0);
    const lost = lostSomething ? { doc: local, reason: 'merged' as const } : undefined;
    // Nothing of ours to add: hold the master as it is (no push).
    if (sameContent(merged, master)) return { doc: master, lost };
    // The device pushes the merge as its own write.
    return { doc: { ...merged, updatedBy: local.updatedBy, deviceId: local.deviceId, updatedAt: local.updatedAt }, lost };
  }

  // A master written by this same device is an earlier write of ours (a device's
  // writes are ordered): its server stamp is no reason to drop our later edit.
  if (master.deviceId === local.deviceId && !master._deleted) return { doc: local };

  // Last write wins; the losing version goes to the conflict log.
  if (lastWriteWins(local.updatedAt, master.updatedAt, clockOffsetMs) === 'local') {
    return { doc: local, lost: sameContent(local, master) ? undefined : { doc: master, reason: 'overwrote-server' } };
  }
  return { doc: master, lost: sameContent(local, master) ? undefined : { doc: local, reason: 'overwritten-by-server' } };
}

/** A stable id per lost version, so a conflict resolved twice is logged once. */
export function conflictEntryId(collection: string, lost: StoredDoc): string {
  const digest = bytesToHex(sha256(utf8ToBytes(canonicalJson(lost)))).slice(0, 24);
  return `conflict:${collection}:${lost.id}:${digest}`;
}

/** Strips RxDB's bookkeeping from a document before it is kept in the log. */
function plainDoc(doc: StoredDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (k !== '_meta' && k !== '_rev' && k !== '_attachments') out[k] = v;
  return out;
}

export function conflictLogEntry(collection: string, lost: NonNullable<Resolution['lost']>, at: string): DeviceLogEntry {
  const doc = plainDoc(lost.doc) as StoredDoc;
  return {
    id: conflictEntryId(collection, doc),
    kind: 'conflict',
    collectionName: collection,
    docId: doc.id,
    updatedAt: doc.updatedAt,
    at,
    reason: lost.reason,
    doc,
  };
}

// The RxDB handler lives in ./conflict-handler.ts, which loads this module on the first conflict.
export { conflictHandlerFor, type ConflictHandlerContext } from './conflict-handler';
