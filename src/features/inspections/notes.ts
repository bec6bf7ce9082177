import * as Y from 'yjs';

/**
 * Notes of an inspection (and comments of a corrective action) as one Yjs
 * document stored base64 in the replicated document: the whole inspection's
 * note in the text `text` (the field the demo data uses), each item's note in
 * `item:<itemId>#<instance>`. Two inspectors typing offline on the same
 * inspection merge (`Y.mergeUpdates`) instead of overwriting each other.
 */

export const GENERAL_NOTE = 'text';
const ITEM_PREFIX = 'item:';

export const itemNoteField = (itemId: string, instance: number): string => `${ITEM_PREFIX}${itemId}#${instance}`;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Applies a stored state to a document (idempotent: the same update twice changes nothing). */
export function absorb(doc: Y.Doc, stored: string | undefined): void {
  if (stored) Y.applyUpdate(doc, fromBase64(stored));
}

export function docOf(stored: string | undefined): Y.Doc {
  const doc = new Y.Doc();
  absorb(doc, stored);
  return doc;
}

/** The document's whole state, for storing. */
export function stateOf(doc: Y.Doc): string {
  return toBase64(Y.encodeStateAsUpdate(doc));
}

export function readNote(stored: string | undefined, field: string): string {
  const doc = docOf(stored);
  const text = doc.getText(field).toString();
  doc.destroy();
  return text;
}

/** Every item note that is not empty, by field name. */
export function itemNotes(stored: string | undefined): Map<string, string> {
  const doc = docOf(stored);
  const out = new Map<string, string>();
  for (const [name, type] of doc.share) {
    if (!name.startsWith(ITEM_PREFIX)) continue;
    const text = (type instanceof Y.Text ? type : doc.getText(name)).toString();
    if (text) out.set(name, text);
  }
  doc.destroy();
  return out;
}

/**
 * Turns the text into `next` with the smallest edit (common prefix and suffix
 * kept), so concurrent edits elsewhere in the same note survive the merge.
 */
export function editNote(doc: Y.Doc, field: string, next: string): void {
  const text = doc.getText(field);
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let end = 0;
  while (end < current.length - start && end < next.length - start && current[current.length - 1 - end] === next[next.length - 1 - end]) end++;
  doc.transact(() => {
    text.delete(start, current.length - start - end);
    text.insert(start, next.slice(start, next.length - end));
  });
}

/** Merges two stored states (what the conflict handler does with concurrent versions). */
export function mergeStored(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return toBase64(Y.mergeUpdates([fromBase64(a), fromBase64(b)]));
}
