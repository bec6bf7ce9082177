import { validateDocument, type CollectionSpec } from '../../src/domain/collections';
import type { Policy } from '../../src/domain/policy';
import type { SessionUser } from '../../src/domain/roles';
import { can } from '../auth/policy';
import { mergeHiddenFields, visibleTo } from '../auth/visibility';
import type { DocWrite, NewRejection, PushPlan, StoredDoc } from '../store/store';
import { isJsonObject, sameContent, splitClientDoc, type JsonObject } from './documents';

/** One row of RxDB's push body. */
export interface PushRow {
  newDocumentState: JsonObject;
  assumedMasterState?: JsonObject | null;
}

export interface PlanContext {
  spec: CollectionSpec;
  user: SessionUser;
  now: Date;
  /**
   * Keep the documents' own updatedAt/receivedAt when they have one. Only for
   * the server's own seeding of historic demo data; pushes are always stamped.
   */
  keepServerStamps?: boolean;
  /** Home sites of the staff records the pushed documents name (attendance by guides and kiosks). */
  staffSites?: ReadonlyMap<string, string>;
  /** The organisation's policy, for rules with thresholds. */
  policy?: Policy;
}

/** The ids a push touches, for loading their masters. */
export function pushedIds(rows: readonly PushRow[]): string[] {
  return rows.map((r) => r.newDocumentState.id).filter((id): id is string => typeof id === 'string');
}

/**
 * Stamps the server-owned fields the collection's schema has: `updatedAt` on
 * every write; `receivedAt` (attendance) only on the first write.
 */
function stamp(data: JsonObject, master: StoredDoc | undefined, nowIso: string, ctx: PlanContext): JsonObject {
  const shape = ctx.spec.schema.shape as Record<string, unknown>;
  const out: JsonObject = { ...data };
  const keep = (field: string) => ctx.keepServerStamps === true && typeof data[field] === 'string';
  if ('updatedAt' in shape && !keep('updatedAt')) out.updatedAt = nowIso;
  if ('receivedAt' in shape && !keep('receivedAt')) out.receivedAt = master?.data.receivedAt ?? nowIso;
  return out;
}

/** What one row comes to: a write, or the master answered (unchanged, or a conflict), or a rejection. */
type Outcome = { kind: 'write'; write: DocWrite } | { kind: 'answer'; master: StoredDoc } | { kind: 'reject'; reason: string };

/** The client compares against the copy it was sent: the master as this user sees it. */
function assumedMatches(assumed: JsonObject | null | undefined, master: StoredDoc, ctx: PlanContext): boolean {
  if (!isJsonObject(assumed)) return false;
  const assumedDeleted = assumed._deleted === true;
  return assumedDeleted === master.deleted && sameContent(splitClientDoc(assumed).data, visibleTo(ctx.user, ctx.spec.name, master.data));
}

/** Answering a master needs only the right to read it. */
function answer(master: StoredDoc, ctx: PlanContext): Outcome {
  const read = can(ctx.user, 'read', ctx.spec.name, master.data);
  return read.allowed ? { kind: 'answer', master } : { kind: 'reject', reason: read.reason };
}

/**
 * Decides one row against its current master. Fields the user cannot see are
 * first put back from the master, so a redacted copy pushed back changes
 * nothing it could not see; then the schema; then:
 * - equal to the master (a retried push): a no-op that answers the master;
 * - a stale or missing assumed master, or any change in an append-only
 *   collection: a conflict that answers the master (the client merges and
 *   pushes again, and only then are the field-level rules applied);
 * - otherwise the write permission decides.
 */
function decideRow(row: PushRow, master: StoredDoc | undefined, ctx: PlanContext): Outcome {
  const { data: sent, deleted } = splitClientDoc(row.newDocumentState);
  const merged = mergeHiddenFields(ctx.user, ctx.spec.name, sent, master?.data);
  if ('reason' in merged) return { kind: 'reject', reason: merged.reason };
  const nowIso = ctx.now.toISOString();
  // validateDocument uses the exact (per-kind) schema and fills in defaults.
  const parsed = validateDocument(ctx.spec.name, stamp(merged.doc, master, nowIso, ctx));
  if (!parsed.ok) return { kind: 'reject', reason: parsed.reason };
  const doc = parsed.doc as JsonObject;
  if (master) {
    if (master.deleted === deleted && sameContent(doc, master.data)) return answer(master, ctx);
    if (ctx.spec.appendOnly || !assumedMatches(row.assumedMasterState, master, ctx)) return answer(master, ctx);
  }
  const staffSites = ctx.staffSites;
  const decision = can(ctx.user, 'write', ctx.spec.name, doc, {
    master: master ? { data: master.data, deleted: master.deleted } : undefined,
    deleted,
    staffSite: staffSites ? (id) => staffSites.get(id) : undefined,
    policy: ctx.policy,
  });
  if (!decision.allowed) return { kind: 'reject', reason: decision.reason };
  return { kind: 'write', write: { id: doc.id as string, siteId: doc.siteId as string, deleted, data: doc, updatedAt: String(doc.updatedAt ?? nowIso) } };
}

/**
 * Decides a whole push (RxDB's push handler contract) from the current masters,
 * row by row (a later row for the same id builds on an earlier one). Any
 * rejected row rejects the push as a whole: nothing is written and every
 * failing row is listed. Otherwise unchanged rows and conflicts answer their
 * master, and the rest are written (docs/adr/0002-push-protocol.md).
 */
export function planPush(rows: readonly PushRow[], masters: ReadonlyMap<string, StoredDoc>, ctx: PlanContext): PushPlan {
  const current = new Map(masters);
  const rejections: NewRejection[] = [];
  const writes: DocWrite[] = [];
  const conflicts: StoredDoc[] = [];
  for (const row of rows) {
    const id = row.newDocumentState.id;
    const master = typeof id === 'string' ? current.get(id) : undefined;
    const outcome = decideRow(row, master, ctx);
    if (outcome.kind === 'reject') {
      const { deviceId } = row.newDocumentState;
      rejections.push({
        docId: typeof id === 'string' ? id : null,
        deviceId: typeof deviceId === 'string' ? deviceId : null,
        reason: outcome.reason,
        raw: row.newDocumentState,
      });
    } else if (outcome.kind === 'answer') {
      conflicts.push(outcome.master);
    } else {
      const { write } = outcome;
      writes.push(write);
      current.set(write.id, { collection: ctx.spec.name, id: write.id, seq: master?.seq ?? 0, siteId: write.siteId, deleted: write.deleted, data: write.data });
    }
  }
  if (rejections.length > 0) return { kind: 'reject', rejections };
  return { kind: 'apply', writes, conflicts };
}
