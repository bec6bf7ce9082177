import { z } from 'zod';

/**
 * Several small document kinds share one replicated collection (the free RxDB
 * build caps a process at 13 collections; docs/adr/0001-collections.md). RxDB
 * needs ONE flat object schema per collection, and its dev-mode refuses queries
 * on fields the schema does not declare, so each multi-kind collection gets:
 *
 * - `docSchema`: the exact validator, a union discriminated by the required
 *   `kind` field; every kind is a strict object.
 * - `schema`: a flat "envelope" object declaring every field of every kind
 *   (a field is required only if every kind requires it), from which the RxDB
 *   JSON Schema is derived. Its refinement runs `docSchema`, so parsing with
 *   the envelope is as strict as parsing with `docSchema`, but only `docSchema`
 *   fills in kind-specific defaults: validate with `validateDocument`
 *   (collections.ts), which uses it.
 */
export interface MultiKind<V extends readonly [z.ZodObject, ...z.ZodObject[]]> {
  schema: z.ZodObject;
  docSchema: z.ZodDiscriminatedUnion<V, 'kind'>;
  kinds: readonly string[];
}

type AnySchema = z.ZodType;

function kindValues(variant: z.ZodObject): string[] {
  const kind = variant.shape.kind as AnySchema | undefined;
  if (kind instanceof z.ZodLiteral) return [...kind.values].map(String);
  if (kind instanceof z.ZodEnum) return kind.options.map(String);
  throw new Error('Every kind of a multi-kind collection needs a literal or enum `kind` field');
}

/** Strips `.optional()` and `.default()` to compare and merge the underlying field types. */
function base(schema: AnySchema): AnySchema {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return base(schema.unwrap() as AnySchema);
  return schema;
}

const shapeKey = (schema: AnySchema) => JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' }));

/** One envelope field from the same field of several kinds. */
function mergeField(occurrences: (AnySchema | undefined)[]): AnySchema {
  const present = occurrences.filter((s): s is AnySchema => s !== undefined);
  const first = present[0]!;
  const optional = present.length < occurrences.length || present.some((s) => s instanceof z.ZodOptional);
  if (!optional && present.every((s) => s === first)) return first;

  const distinct = new Map<string, AnySchema>();
  for (const s of present.map(base)) distinct.set(shapeKey(s), s);
  const bases = [...distinct.values()];
  let merged: AnySchema;
  if (bases.length === 1) merged = bases[0]!;
  else if (bases.every((s) => s instanceof z.ZodEnum)) {
    merged = z.enum([...new Set(bases.flatMap((s) => (s as z.ZodEnum).options.map(String)))] as [string, ...string[]]);
  } else merged = z.union(bases as [AnySchema, AnySchema, ...AnySchema[]]);

  if (optional) return merged.optional();
  // Every kind fills the field by default: keep a default so the envelope accepts what docSchema accepts.
  if (present.every((s) => s instanceof z.ZodDefault)) return merged.default(first.parse(undefined) as never);
  return merged;
}

/**
 * The envelope is built when first read, not at import: only deriving the RxDB
 * schema needs it (build time, scripts/rxdb-schemas.ts), and merging the kinds'
 * fields cost every app start tens of milliseconds on a hall tablet.
 */
export function multiKind<const V extends readonly [z.ZodObject, ...z.ZodObject[]]>(variants: V): MultiKind<V> {
  const docSchema = z.discriminatedUnion('kind', variants);
  const kinds = variants.flatMap(kindValues);
  let envelope: z.ZodObject | undefined;
  return {
    docSchema,
    kinds,
    get schema() {
      return (envelope ??= envelopeOf(variants, kinds, docSchema));
    },
  };
}

function envelopeOf(variants: readonly z.ZodObject[], kinds: string[], docSchema: z.ZodType): z.ZodObject {
  const keys = [...new Set(variants.flatMap((v) => Object.keys(v.shape)))];
  const shape: Record<string, AnySchema> = {};
  for (const key of keys) {
    shape[key] =
      key === 'kind'
        ? z.enum(kinds as [string, ...string[]])
        : mergeField(variants.map((v) => v.shape[key] as AnySchema | undefined));
  }
  const schema = z
    .object(shape)
    .strict()
    .superRefine((doc, ctx) => {
      const result = docSchema.safeParse(doc);
      if (result.success) return;
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
    });
  return schema;
}
