import { z } from 'zod';
import type { CollectionSpec } from './collections';

/** The JSON Schema shape RxDB expects (kept structural so the domain does not import RxDB). */
export interface RxJsonSchemaLike {
  title: string;
  version: number;
  primaryKey: string;
  type: 'object';
  properties: Record<string, unknown>;
  required: string[];
  indexes: (string | string[])[];
  additionalProperties?: boolean;
}

const MAX_INDEXED_STRING = 100;
/** RxDB dev-mode's rule for field names (check-schema.js, SC1). */
const RXDB_FIELD_NAME = /^[a-zA-Z](?:[a-zA-Z0-9_]*[a-zA-Z0-9])?$/;

/**
 * Adapts a JSON Schema node to what RxDB accepts: no `default` below the top
 * level (SC7), no `$schema`, and an object with keys RxDB cannot name (e.g. the
 * policy's 'in-lieu' leave type) becomes a plain object. zod stays the
 * validator of record (validateDocument); RxDB's schema is the storage contract.
 */
function forRxdb(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forRxdb);
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const props = obj.properties as Record<string, unknown> | undefined;
  if (props && Object.keys(props).some((key) => !RXDB_FIELD_NAME.test(key))) {
    return obj.description === undefined ? { type: 'object' } : { type: 'object', description: obj.description };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'default' || key === '$schema') continue;
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, forRxdb(v)]))
        : forRxdb(value);
  }
  return out;
}

/**
 * Derives a collection's RxDB schema from its zod schema, so the document
 * shape is written once. Indexed strings get the `maxLength` RxDB needs and
 * every indexed field must be required (a Dexie limitation).
 */
export function toRxJsonSchema(spec: CollectionSpec): RxJsonSchemaLike {
  // draft-7: the dialect of the Ajv instance RxDB validates with.
  const json = z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as {
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  const properties: Record<string, Record<string, unknown>> = { ...json.properties };
  // `default` makes a field optional on input but it is always present once parsed.
  const required = new Set(json.required ?? []);
  for (const [key, prop] of Object.entries(properties)) {
    if ('default' in prop) required.add(key);
  }
  for (const [key, prop] of Object.entries(properties)) properties[key] = forRxdb(prop) as Record<string, unknown>;
  const indexed = new Set(spec.indexes.flat());
  indexed.add('id');
  for (const field of indexed) {
    const prop = properties[field];
    if (!prop) throw new Error(`${spec.name}: index on unknown field ${field}`);
    if (!required.has(field)) throw new Error(`${spec.name}: indexed field ${field} must be required`);
    if (prop.type === 'string') {
      const max = typeof prop.maxLength === 'number' ? prop.maxLength : MAX_INDEXED_STRING;
      properties[field] = { ...prop, maxLength: Math.min(max, MAX_INDEXED_STRING) };
    } else if (prop.type === 'number' || prop.type === 'integer') {
      if (prop.minimum === undefined || prop.maximum === undefined || prop.multipleOf === undefined) {
        throw new Error(`${spec.name}: indexed number ${field} needs minimum, maximum and multipleOf`);
      }
    }
  }
  return {
    title: spec.name,
    version: spec.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: [...required],
    indexes: spec.indexes,
    additionalProperties: false,
  };
}
