import type { RxCollection } from 'rxdb';
import { isCollectionName, validateDocument, type CollectionName } from '../../domain/collections';
import type { AppDatabase } from '../../db/database';
import type { DeviceLogEntry } from '../../db/device-log';
import { upsertDoc, type Author, type NewDoc } from '../../db/write';
import { api, type TokenSource } from '../../sync/api';
import type { SyncController } from '../../sync/replication';
import { applyEdits } from './editable';

/**
 * What the sync centre does with rejected changes (lost conflict versions are
 * restored by `restoreConflict` in src/db/conflict-log.ts).
 * Writes go through `upsertDoc` (validated, stamped, in the outbox) so they
 * replicate like any change; "discard" is the one path that writes nothing to
 * the server: it brings this device back to the server's version.
 */

type StoredDoc = Record<string, unknown> & { id: string; updatedAt?: string; _deleted?: boolean };
type AnyCollection = RxCollection<Record<string, unknown>>;

function collectionNamed(db: AppDatabase, name: string): { name: CollectionName; collection: AnyCollection } {
  if (!isCollectionName(name)) throw new Error(`Unknown collection "${name}".`);
  return { name, collection: db[name] as unknown as AnyCollection };
}

async function localState(collection: AnyCollection, id: string): Promise<StoredDoc | undefined> {
  const [doc] = (await collection.storageInstance.findDocumentsById([id], true)) as unknown as StoredDoc[];
  return doc;
}

export async function removeEntry(db: AppDatabase, entryId: string): Promise<void> {
  await (await db.devicelog.findOne(entryId).exec())?.remove();
}

export type ResendResult = { ok: true } | { ok: false; reason: string };

/** Re-validates the edited document with the shared schema and writes it, so it is pushed again. */
export async function resendEdited(
  db: AppDatabase,
  entry: DeviceLogEntry,
  values: Record<string, string>,
  author: Author,
): Promise<ResendResult> {
  const { name } = collectionNamed(db, entry.collectionName);
  const edited = applyEdits(entry.doc ?? {}, values);
  const valid = validateDocument(name, edited);
  if (!valid.ok) return { ok: false, reason: valid.reason };
  const fields: Record<string, unknown> = { ...valid.doc };
  for (const stamp of ['updatedAt', 'updatedBy', 'deviceId']) delete fields[stamp];
  await upsertDoc(db, name, fields as unknown as NewDoc<typeof name>, author);
  await removeEntry(db, entry.id);
  return { ok: true };
}

/** The server's current version of one document (null when it has none), read through the pull endpoint. */
export async function findServerVersion(
  auth: TokenSource,
  collection: CollectionName,
  id: string,
  onPage?: (pages: number) => void,
): Promise<StoredDoc | null> {
  const limit = 1000;
  let checkpoint = '';
  for (let pages = 1; ; pages++) {
    const res = await api<{ documents: StoredDoc[]; checkpoint: { seq: number } | null }>(
      `/replication/${collection}/pull?checkpoint=${checkpoint}&limit=${limit}`,
      { auth },
    );
    onPage?.(pages);
    const found = res.documents.filter((d) => d.id === id).at(-1);
    if (found) return found;
    if (res.documents.length < limit || !res.checkpoint) return null;
    checkpoint = String(res.checkpoint.seq);
  }
}

export type DiscardResult = 'restored' | 'removed-here' | 'already-replaced';

/**
 * "Discard my change": this device takes the server's version of the document
 * (or drops it when the server never had it), fed to replication as if pulled,
 * so nothing is sent. A rejection whose document changed again since is only
 * dismissed: the newer change was sent on its own.
 */
export async function discardRejected(
  db: AppDatabase,
  sync: SyncController | null,
  auth: TokenSource,
  entry: DeviceLogEntry,
  onPage?: (pages: number) => void,
): Promise<DiscardResult> {
  const { name, collection } = collectionNamed(db, entry.collectionName);
  const local = await localState(collection, entry.docId);
  if (local && local.updatedAt !== entry.updatedAt) {
    await removeEntry(db, entry.id);
    return 'already-replaced';
  }
  const state = sync?.states.find((s) => s.collection.name === name);
  if (!state) throw new Error('Sync is not running on this page.');
  const server = await findServerVersion(auth, name, entry.docId, onPage);
  if (local) {
    const master = server ?? { ...withoutRxMeta(local), _deleted: true };
    // An empty checkpoint stacks onto the stored one: the pull position does not move.
    state.remoteEvents$.next({ documents: [master as never], checkpoint: {} as never });
    await waitFor(async () => {
      const now = await localState(collection, entry.docId);
      return server ? now?.updatedAt === server.updatedAt : !now || now._deleted === true;
    });
  }
  await removeEntry(db, entry.id);
  return server ? 'restored' : 'removed-here';
}

function withoutRxMeta(doc: StoredDoc): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, ...plain } = doc;
  return plain;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('This device did not take the server version in time; try again.');
    await new Promise((r) => setTimeout(r, 100));
  }
}
