import { validateDocument, type CollectionSpec } from '../../src/domain/collections';
import type { SessionUser } from '../../src/domain/roles';
import { can } from '../auth/policy';
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

type Checked = { ok: true; write: DocWrite } | { ok: false; reason: string };

/** Validates one row against the schema and the permissions; the document as it would be stored. */
function checkRow(row: PushRow, master: StoredDoc | undefined, ctx: PlanContext): Checked {
  const { data, deleted } = splitClientDoc(row.newDocumentState);
  const nowIso = ctx.now.toISOString();
  // validateDocument uses the exact (per-kind) schema and fills in defaults.
  const parsed = validateDocument(ctx.spec.name, stamp(data, master, nowIso, ctx));
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const doc = parsed.doc as JsonObject;
  const decision = can(ctx.user, 'write', ctx.spec.name, doc);
  if (!decision.allowed) return { ok: false, reason: decision.reason };
  // Moving a document out of a site needs the right to write it where it is now.
  if (master) {
    const onMaster = can(ctx.user, 'write', ctx.spec.name, master.data);
    if (!onMaster.allowed) return { ok: false, reason: onMaster.reason };
  }
  return { ok: true, write: { id: doc.id as string, siteId: doc.siteId as string, deleted, data: doc, updatedAt: String(doc.updatedAt ?? nowIso) } };
}

function assumedMatches(assumed: JsonObject | null | undefined, master: StoredDoc): boolean {
  if (!isJsonObject(assumed)) return false;
  const assumedDeleted = assumed._deleted === true;
  return assumedDeleted === master.deleted && sameContent(splitClientDoc(assumed).data, master.data);
}

/**
 * Decides a whole push (RxDB's push handler contract) from the current masters:
 * 1. every row is validated first; any failure rejects the push as a whole;
 * 2. a row equal to its master is a no-op (a retried push changes nothing) that answers the master;
 * 3. a row whose assumed master is missing or stale is a conflict (the master is answered);
 *    in an append-only collection any change to an existing document is a conflict;
 * 4. otherwise the row is written.
 */
export function planPush(rows: readonly PushRow[], masters: ReadonlyMap<string, StoredDoc>, ctx: PlanContext): PushPlan {
  const current = new Map(masters);
  const checked = rows.map((row) => {
    const id = row.newDocumentState.id;
    return checkRow(row, typeof id === 'string' ? current.get(id) : undefined, ctx);
  });
  const rejections: NewRejection[] = [];
  checked.forEach((c, i) => {
    if (c.ok) return;
    const { id, deviceId } = rows[i].newDocumentState;
    rejections.push({
      docId: typeof id === 'string' ? id : null,
      deviceId: typeof deviceId === 'string' ? deviceId : null,
      reason: c.reason,
      raw: rows[i].newDocumentState,
    });
  });
  if (rejections.length > 0) return { kind: 'reject', rejections };

  const writes: DocWrite[] = [];
  const conflicts: StoredDoc[] = [];
  checked.forEach((c, i) => {
    if (!c.ok) return;
    const { write } = c;
    const master = current.get(write.id);
    if (master) {
      if (master.deleted === write.deleted && sameContent(write.data, master.data)) {
        // Unchanged (a retried push): nothing is written, but the master is answered so
        // a client whose first answer was lost still gets the server-stamped copy.
        conflicts.push(master);
        return;
      }
      if (ctx.spec.appendOnly || !assumedMatches(rows[i].assumedMasterState, master)) {
        conflicts.push(master);
        return;
      }
    }
    writes.push(write);
    // A later row for the same id in this push sees this one as its master.
    current.set(write.id, { collection: ctx.spec.name, id: write.id, seq: master?.seq ?? 0, siteId: write.siteId, deleted: write.deleted, data: write.data });
  });
  return { kind: 'apply', writes, conflicts };
}

