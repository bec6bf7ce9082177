import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { RxCollection } from 'rxdb';
import { configure } from 'safe-stable-stringify';
import { z } from 'zod';
import {
  collections,
  isCollectionName,
  RXDB_META_FIELDS,
  validateDocument,
  type CollectionName,
  type CollectionSpec,
} from '../domain/collections';
import { canWriteSite } from '../domain/rules/write-scope';
import { SERVER_STAMPED_FIELDS } from '../domain/schemas/common';
import type { AppDatabase } from './database';
import type { DeviceLogEntry } from './device-log';
import { upsertDoc, type Author, type NewDoc } from './write';

/**
 * Export and import of the changes this device has not yet handed to the
 * server (the outbox), so nothing typed on a tablet is lost when it must be
 * signed out, wiped or replaced before it could sync. The file is plain JSON a
 * person can read, with a checksum that detects damage or hand edits.
 */

export const PENDING_FILE_FORMAT = 'hallops.pending-changes';
export const PENDING_FILE_VERSION = 1;

/** Key order never changes the checksum; anything that is not plain JSON is an error, not silently dropped. */
const canonicalJson = configure({ deterministic: true, strict: true });

const changeSchema = z.object({
  collection: z.string().min(1).max(50),
  id: z.string().min(1).max(100),
  /** The change removes the document. */
  deleted: z.boolean(),
  doc: z.record(z.string(), z.unknown()),
});
export type PendingChange = z.infer<typeof changeSchema>;

const fileSchema = z.object({
  format: z.literal(PENDING_FILE_FORMAT),
  version: z.number().int().min(1),
  exportedAt: z.iso.datetime({ offset: false }),
  user: z.object({ id: z.string().min(1), username: z.string().min(1) }),
  deviceId: z.string().min(1),
  changes: z.array(changeSchema),
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
export type PendingChangesFile = z.infer<typeof fileSchema>;

export interface ExportContext {
  user: { id: string; username: string };
  deviceId: string;
  /** ISO instant of the export (read by the caller: the domain of time is the caller's). */
  exportedAt: string;
}

/** `sha256:<hex>` of the canonical JSON of everything in the file but the checksum itself. */
export function pendingChecksum(file: Omit<PendingChangesFile, 'checksum'>): string {
  const { format, version, exportedAt, user, deviceId, changes } = file;
  // An object always stringifies; the `undefined` in the library's type is for functions and symbols.
  const body = canonicalJson({ format, version, exportedAt, user, deviceId, changes }) ?? '';
  return `sha256:${bytesToHex(sha256(utf8ToBytes(body)))}`;
}

export function buildPendingFile(changes: PendingChange[], ctx: ExportContext): PendingChangesFile {
  const body = {
    format: PENDING_FILE_FORMAT,
    version: PENDING_FILE_VERSION,
    exportedAt: ctx.exportedAt,
    user: { id: ctx.user.id, username: ctx.user.username },
    deviceId: ctx.deviceId,
    changes,
  } as const;
  return { ...body, checksum: pendingChecksum(body) };
}

/** A name that says what, whose and when: `hallops-pending-guide-20250301-0930.json` (UTC). */
export function pendingFileName(file: Pick<PendingChangesFile, 'user' | 'exportedAt'>): string {
  const who = file.user.username.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'user';
  const stamp = file.exportedAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `hallops-pending-${who}-${stamp}.json`;
}

export type ParseFailure = 'not-json' | 'not-a-pending-file' | 'newer-version' | 'checksum';
export type ParseResult = { ok: true; file: PendingChangesFile } | { ok: false; failure: ParseFailure; detail?: string };

/** Reads an exported file back, refusing anything that is not one, was made by a newer app, or was altered. */
export function parsePendingFile(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, failure: 'not-json' };
  }
  const head = z.object({ format: z.literal(PENDING_FILE_FORMAT), version: z.number() }).safeParse(raw);
  if (!head.success) return { ok: false, failure: 'not-a-pending-file' };
  if (head.data.version > PENDING_FILE_VERSION) return { ok: false, failure: 'newer-version' };
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, failure: 'not-a-pending-file', detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') };
  }
  if (pendingChecksum(parsed.data) !== parsed.data.checksum) return { ok: false, failure: 'checksum' };
  return { ok: true, file: parsed.data };
}

/** What identifies the outbox at a moment: an export covers the outbox while every entry in it was exported. */
export function outboxSignature(entries: Pick<DeviceLogEntry, 'id' | 'updatedAt'>[]): string[] {
  return entries.map((e) => `${e.id}@${e.updatedAt}`).sort();
}

export function exportCovers(exported: readonly string[], outbox: Pick<DeviceLogEntry, 'id' | 'updatedAt'>[]): boolean {
  const done = new Set(exported);
  return outboxSignature(outbox).every((s) => done.has(s));
}

type StoredDoc = Record<string, unknown> & { id: string; _deleted?: boolean };
type AnyCollection = RxCollection<Record<string, unknown>>;

function collectionOf(db: AppDatabase, name: CollectionName): AnyCollection {
  return db[name] as unknown as AnyCollection;
}

function withoutMeta(doc: Record<string, unknown>): Record<string, unknown> {
  const plain = { ...doc };
  for (const field of RXDB_META_FIELDS) delete plain[field];
  return plain;
}

/** The current local state of every document in the outbox, removals included. */
export async function collectPendingChanges(db: AppDatabase): Promise<PendingChange[]> {
  const outbox = await db.devicelog.find({ selector: { kind: 'outbox' } }).exec();
  const byCollection = new Map<CollectionName, string[]>();
  for (const entry of outbox) {
    if (!isCollectionName(entry.collectionName)) continue;
    byCollection.set(entry.collectionName, [...(byCollection.get(entry.collectionName) ?? []), entry.docId]);
  }
  const changes: PendingChange[] = [];
  for (const [name, ids] of byCollection) {
    // The storage instance also returns removed documents, which the query API hides.
    const stored = (await collectionOf(db, name).storageInstance.findDocumentsById(ids, true)) as unknown as StoredDoc[];
    for (const doc of stored) {
      changes.push({ collection: name, id: doc.id, deleted: doc._deleted === true, doc: withoutMeta(doc) });
    }
  }
  return changes.sort((a, b) => a.collection.localeCompare(b.collection) || a.id.localeCompare(b.id));
}

export type RefusalCode = 'unknown-collection' | 'invalid' | 'out-of-scope' | 'newer-here' | 'append-only' | 'write-failed';

export interface ImportOutcome {
  collection: string;
  id: string;
  deleted: boolean;
  /** `unchanged`: this device already holds exactly this version. */
  status: 'imported' | 'unchanged' | 'refused';
  code?: RefusalCode;
  /** The validator's or the database's own words, for the refused. */
  detail?: string;
}

export interface ImportContext {
  author: Author;
  /** The importing user's site scope: a change outside it would only be refused by the server. */
  siteIds: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

/** Fields that differ between two copies of the same change without being part of it. */
const STAMP_FIELDS: readonly string[] = [...SERVER_STAMPED_FIELDS, 'updatedBy', 'deviceId'];

function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = (d: Record<string, unknown>) => {
    const plain = withoutMeta(d);
    for (const field of STAMP_FIELDS) delete plain[field];
    return canonicalJson(plain);
  };
  return strip(a) === strip(b);
}

/**
 * Writes the changes of an exported file into this device's database through
 * the normal write path (validated, stamped with the importing user and device,
 * recorded in the outbox), so replication sends them like any local change.
 * Never overwrites a newer version held here; every change gets an outcome.
 */
export async function importPendingChanges(
  db: AppDatabase,
  file: PendingChangesFile,
  ctx: ImportContext,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  const total = file.changes.length;
  for (const change of file.changes) {
    outcomes.push(await importOne(db, change, ctx));
    ctx.onProgress?.(outcomes.length, total);
  }
  return outcomes;
}

async function importOne(db: AppDatabase, change: PendingChange, ctx: ImportContext): Promise<ImportOutcome> {
  const base = { collection: change.collection, id: change.id, deleted: change.deleted };
  const refuse = (code: RefusalCode, detail?: string): ImportOutcome => ({ ...base, status: 'refused', code, detail });
  if (!isCollectionName(change.collection)) return refuse('unknown-collection');
  const name = change.collection;
  const valid = validateDocument(name, change.doc);
  if (!valid.ok) return refuse('invalid', valid.reason);
  const doc = valid.doc as Record<string, unknown> & { id: string; siteId: string; updatedAt: string };
  if (doc.id !== change.id) return refuse('invalid', `The change names document "${change.id}" but carries "${doc.id}".`);
  if (!canWriteSite(ctx.siteIds, doc.siteId)) return refuse('out-of-scope', doc.siteId);

  const collection = collectionOf(db, name);
  const [local] = (await collection.storageInstance.findDocumentsById([doc.id], true)) as unknown as StoredDoc[];
  if (local) {
    const localDeleted = local._deleted === true;
    if (localDeleted === change.deleted && sameContent(local, doc)) return { ...base, status: 'unchanged' };
    const spec: CollectionSpec = collections[name];
    if (spec.appendOnly && !localDeleted) return refuse('append-only');
    if (typeof local.updatedAt === 'string' && local.updatedAt > doc.updatedAt) return refuse('newer-here', local.updatedAt);
  }

  try {
    const fields = { ...doc };
    for (const field of ['updatedAt', 'updatedBy', 'deviceId']) delete fields[field];
    await upsertDoc(db, name, fields as unknown as NewDoc<typeof name>, ctx.author);
    if (change.deleted) await (await collection.findOne(doc.id).exec())?.remove();
    return { ...base, status: 'imported' };
  } catch (err) {
    return refuse('write-failed', err instanceof Error ? err.message : String(err));
  }
}
