/**
 * "Edit and resend" for a rejected change without showing JSON: the document's
 * top-level text and number fields become form fields; everything else (lists,
 * nested objects, identity and stamps) is kept as it was.
 */
export interface EditableField {
  name: string;
  type: 'string' | 'number';
  value: string;
}

/** Identity, kind and stamps: changing them would make another document, not fix this one. */
const LOCKED = new Set(['id', 'kind', 'updatedAt', 'updatedBy', 'deviceId', 'receivedAt']);

export function editableFields(doc: Record<string, unknown>): EditableField[] {
  return Object.entries(doc)
    .filter(([name, value]) => !LOCKED.has(name) && !name.startsWith('_') && (typeof value === 'string' || typeof value === 'number'))
    .map(([name, value]) => ({ name, type: typeof value === 'number' ? 'number' : 'string', value: String(value) }));
}

/**
 * The document with the form's values put back in their types. A number field
 * that does not read as a number stays text, so validation names that field.
 */
export function applyEdits(doc: Record<string, unknown>, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const field of editableFields(doc)) {
    const value = values[field.name];
    if (value === undefined) continue;
    const trimmed = value.trim();
    out[field.name] = field.type === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
  }
  return out;
}

/** The fields a validation reason names (`field "siteId": …`), to mark them in the form. */
export function fieldsNamedIn(reason: string): string[] {
  return [...reason.matchAll(/field "([^".[\]]+)/g)].map((m) => m[1]!);
}
