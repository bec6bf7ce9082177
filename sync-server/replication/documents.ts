import { isDeepStrictEqual } from 'node:util';
import { SERVER_STAMPED_FIELDS } from '../../src/domain/schemas/common';
import type { StoredDoc } from '../store/store';

/** RxDB's own bookkeeping fields: never stored, never compared. */
export const RXDB_FIELDS = ['_meta', '_rev', '_attachments'] as const;

export type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits a pushed document into its content (without `_deleted` and RxDB fields) and its deleted flag. */
export function splitClientDoc(doc: JsonObject): { data: JsonObject; deleted: boolean } {
  const data: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_deleted' || (RXDB_FIELDS as readonly string[]).includes(k)) continue;
    data[k] = v;
  }
  return { data, deleted: doc._deleted === true };
}

/** What pull, stream and conflicts send: the stored JSON plus `_deleted`. */
export function toWire(doc: StoredDoc): JsonObject {
  return { ...doc.data, _deleted: doc.deleted };
}

function without(doc: JsonObject, ignore: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) {
    // An explicit undefined is the same as an absent key in JSON.
    if (v !== undefined && !ignore.includes(k)) out[k] = v;
  }
  return out;
}

/**
 * Whether two documents have the same content once the fields the server
 * stamps (and RxDB's bookkeeping) are set aside. Key order does not matter.
 */
export function sameContent(a: JsonObject, b: JsonObject): boolean {
  const ignore = [...SERVER_STAMPED_FIELDS, ...RXDB_FIELDS];
  return isDeepStrictEqual(without(a, ignore), without(b, ignore));
}
