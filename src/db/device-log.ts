import type { RxJsonSchema } from 'rxdb';

/**
 * The one local-only collection: what this device must remember about its own
 * changes and is never replicated.
 * - `outbox`: a document changed here and not yet acknowledged by the server
 *   (drives the "changes waiting" badge and the sign-out guard);
 * - `rejection`: a change the server refused, with its reason, to fix and resend;
 * - `conflict`: the losing side of a last-write-wins conflict, to open and restore.
 */
export type DeviceLogKind = 'outbox' | 'rejection' | 'conflict';

/**
 * Why a version landed in the conflict log (`reason` of a `conflict` entry;
 * `doc` is the losing version, with `_deleted` when it was a deletion):
 * - `overwritten-by-server`: this device's change lost to a later one (last write wins);
 * - `overwrote-server`: this device's later change replaced the server's version, kept here;
 * - `merged`: a merge kept the other side's answer or field over this device's;
 * - `immutable`: an attendance event the server already holds differently.
 */
export type ConflictReason = 'overwritten-by-server' | 'overwrote-server' | 'merged' | 'immutable';

export interface DeviceLogEntry {
  /** `${kind}:${collection}:${docId}` for outbox entries (one per document), unique otherwise. */
  id: string;
  kind: DeviceLogKind;
  collectionName: string;
  docId: string;
  /** The `updatedAt` of the local version this entry is about. */
  updatedAt: string;
  /** When the entry was made (device clock). */
  at: string;
  reason?: string;
  /** The document as it was sent or lost. */
  doc?: Record<string, unknown>;
}

export const deviceLogSchema: RxJsonSchema<DeviceLogEntry> = {
  title: 'devicelog',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 300 },
    kind: { type: 'string', enum: ['outbox', 'rejection', 'conflict'], maxLength: 20 },
    collectionName: { type: 'string', maxLength: 50 },
    docId: { type: 'string', maxLength: 100 },
    updatedAt: { type: 'string' },
    at: { type: 'string', maxLength: 40 },
    reason: { type: 'string' },
    doc: { type: 'object', additionalProperties: true },
  },
  required: ['id', 'kind', 'collectionName', 'docId', 'updatedAt', 'at'],
  indexes: [['kind', 'at']],
};

export function outboxId(collection: string, docId: string): string {
  return `outbox:${collection}:${docId}`;
}
