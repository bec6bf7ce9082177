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

/**
 * Derives a collection's RxDB schema from its zod schema, so the document
 * shape is written once. Indexed strings get the `maxLength` RxDB needs and
 * every indexed field must be required (a Dexie limitation).
 */
export function toRxJsonSchema(spec: CollectionSpec): RxJsonSchemaLike {
  const json = z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  const properties: Record<string, Record<string, unknown>> = { ...json.properties };
  // `default` makes a field optional on input but it is always present once parsed.
  const required = new Set(json.required ?? []);
  for (const [key, prop] of Object.entries(properties)) {
    if ('default' in prop) required.add(key);
  }
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
  };
}
