import type { z } from 'zod';
import { attendanceEventSchema } from './schemas/attendance';
import { courseSchema, questionBankSchema } from './schemas/course';
import { correctiveActionSchema, inspectionSchema } from './schemas/inspection';
import { inspectionPlanSchema } from './schemas/inspection-plan';
import { inspectionTemplateSchema } from './schemas/inspection-template';
import { multiKind, type MultiKind } from './schemas/kinds';
import { leaveRequestSchema } from './schemas/leave';
import { organisationSchema } from './schemas/organisation';
import { performanceReviewSchema } from './schemas/review';
import { handoverSchema, rosterSlotSchema, swapRequestSchema } from './schemas/roster';
import { siteSchema } from './schemas/site';
import { siteReportSchema } from './schemas/site-report';
import { staffSchema } from './schemas/staff';
import { certificateSchema, examResultSchema, examSchema, trainingSessionSchema } from './schemas/training';

/**
 * The replicated collections: one registry that the RxDB database, the sync
 * server's routes and its validation all read, so a collection is declared once.
 * docs/adr/0001-collections.md explains the grouping (10 collections; the
 * client adds a local-only conflict log; the free RxDB build allows 13).
 */
export interface CollectionSpec<S extends z.ZodObject = z.ZodObject> {
  name: string;
  /** The flat object RxDB's JSON Schema is derived from (for multi-kind collections, the envelope of all kinds). */
  schema: S;
  /** Bumped with a migration strategy in src/db when the stored shape changes. */
  version: number;
  /** RxDB indexes; every indexed field must be required (Dexie cannot index optional fields). */
  indexes: (string | string[])[];
  /** Documents are never changed after creation (attendance events). */
  appendOnly?: boolean;
  /** The exact validator when it is not `schema` itself: a union discriminated by `kind`. */
  docSchema?: z.ZodType;
  /** The `kind` values of a multi-kind collection. */
  kinds?: readonly string[];
}

/**
 * A multi-kind collection's spec. Its `schema` (the envelope of all kinds) stays
 * a getter, so it is built only when read (src/domain/schemas/kinds.ts); a
 * spread would build it at import.
 */
function multiKindSpec<const N extends string, V extends readonly [z.ZodObject, ...z.ZodObject[]], const R extends { version: number; indexes: (string | string[])[] }>(
  name: N,
  multi: MultiKind<V>,
  rest: R,
): { name: N; schema: z.ZodObject; docSchema: MultiKind<V>['docSchema']; kinds: readonly string[] } & R {
  const spec = { name, docSchema: multi.docSchema, kinds: multi.kinds, ...rest };
  return Object.defineProperty(spec, 'schema', { get: () => multi.schema, enumerable: true }) as typeof spec & { schema: z.ZodObject };
}

const catalog = multiKind([organisationSchema, courseSchema, questionBankSchema, inspectionTemplateSchema, inspectionPlanSchema]);
const rosters = multiKind([rosterSlotSchema, swapRequestSchema, handoverSchema]);
const training = multiKind([trainingSessionSchema, examSchema]);
const results = multiKind([examResultSchema, certificateSchema]);
const inspections = multiKind([inspectionSchema, correctiveActionSchema, siteReportSchema]);

export const collections = {
  /** Sites with their posts (A/B holders), shift templates and policy overrides. */
  sites: { name: 'sites', schema: siteSchema, version: 0, indexes: [] },
  /** Organisation-wide reference data: the organisation and its policy, courses, question banks, inspection templates; and per-site inspection plans. */
  catalog: multiKindSpec('catalog', catalog, { version: 0, indexes: ['kind'] }),
  /** Version 1: transfer history (`transfers`). */
  staff: { name: 'staff', schema: staffSchema, version: 1, indexes: ['siteId', 'staffNo', ['siteId', 'status']] },
  /** Roster slots, swap and cover requests, shift handovers. */
  rosters: multiKindSpec('rosters', rosters, {
    version: 0,
    indexes: [['siteId', 'day'], ['staffId', 'day'], ['siteId', 'kind', 'day']],
  }),
  attendance: {
    name: 'attendance',
    schema: attendanceEventSchema,
    version: 0,
    indexes: [['siteId', 'deviceTime'], ['staffId', 'deviceTime']],
    appendOnly: true,
  },
  leave: {
    name: 'leave',
    schema: leaveRequestSchema,
    version: 0,
    indexes: [['siteId', 'startDay'], ['staffId', 'startDay'], ['siteId', 'status']],
  },
  /** Training sessions and exams. */
  training: multiKindSpec('training', training, {
    version: 0,
    indexes: [['siteId', 'day'], ['courseId', 'day'], ['siteId', 'kind', 'day']],
  }),
  /** Exam results and certificates: per-person outcomes with deterministic ids. */
  results: multiKindSpec('results', results, {
    version: 0,
    indexes: [['staffId', 'kind'], ['siteId', 'kind'], ['courseId', 'staffId']],
  }),
  /** Inspections, the corrective actions raised from them, and the weekly and monthly site reports (version 1). */
  inspections: multiKindSpec('inspections', inspections, {
    version: 1,
    indexes: [['siteId', 'day'], ['siteId', 'kind', 'status'], ['siteId', 'kind', 'day']],
  }),
  /** Monthly performance reviews. */
  reviews: {
    name: 'reviews',
    schema: performanceReviewSchema,
    version: 0,
    indexes: [['siteId', 'month'], ['staffId', 'month']],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof collections;
export const collectionNames = Object.keys(collections) as CollectionName[];

type SpecDoc<T> = T extends { docSchema: z.ZodType } ? z.output<T['docSchema']> : T extends { schema: z.ZodType } ? z.output<T['schema']> : never;
/** A parsed document of a collection (for multi-kind collections, the union of its kinds). */
export type DocOf<C extends CollectionName> = SpecDoc<(typeof collections)[C]>;
/** One kind of a multi-kind collection, e.g. `KindOf<'rosters', 'slot'>`. */
export type KindOf<C extends CollectionName, K extends string> = Extract<DocOf<C>, { kind: K }>;

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(collections, name);
}

/** Fields RxDB adds to stored documents; they are not part of the domain document. */
export const RXDB_META_FIELDS = ['_deleted', '_meta', '_rev', '_attachments'] as const;

export type ValidationResult<D> = { ok: true; doc: D } | { ok: false; reason: string };

const MAX_ISSUES_IN_REASON = 5;

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `field "${fieldPath(issue.path)}"` : 'document';
  const message = issue.message.replace(/^Invalid input: expected (.+), received undefined$/, 'is required ($1)');
  return `${where}: ${message}`;
}

/**
 * Full validation of one document of a collection, kind-specific parts included,
 * as the sync server and the client's import paths need it. The returned `doc`
 * is the parsed document (defaults filled in, RxDB's `_meta`, `_rev`, … removed).
 * `reason` is one English sentence naming the failing fields.
 */
export function validateDocument<C extends CollectionName>(name: C, doc: unknown): ValidationResult<DocOf<C>>;
export function validateDocument(name: string, doc: unknown): ValidationResult<unknown>;
export function validateDocument(name: string, doc: unknown): ValidationResult<unknown> {
  if (!isCollectionName(name)) return { ok: false, reason: `Unknown collection "${name}".` };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, reason: `A ${name} document must be a JSON object.` };
  }
  const plain: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  for (const field of RXDB_META_FIELDS) delete plain[field];
  const spec: CollectionSpec = collections[name];
  const result = (spec.docSchema ?? spec.schema).safeParse(plain);
  if (result.success) return { ok: true, doc: result.data };
  const kind = typeof plain.kind === 'string' && spec.kinds?.includes(plain.kind) ? ` of kind "${plain.kind}"` : '';
  const id = typeof plain.id === 'string' ? ` "${plain.id.slice(0, 100)}"` : '';
  const issues = result.error.issues;
  const listed = issues.slice(0, MAX_ISSUES_IN_REASON).map(describeIssue);
  if (issues.length > MAX_ISSUES_IN_REASON) listed.push(`and ${issues.length - MAX_ISSUES_IN_REASON} more`);
  return { ok: false, reason: `Invalid ${name} document${id}${kind}: ${listed.join('; ')}.` };
}
