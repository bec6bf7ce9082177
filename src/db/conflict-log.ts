import { isCollectionName, type CollectionName } from '../domain/collections';
import { answerKey, canonicalJson, mergeCorrectiveActions, mergeInspections, mergeReviews } from '../domain/rules/merge';
import type { CorrectiveAction, Inspection } from '../domain/schemas/inspection';
import type { PerformanceReview } from '../domain/schemas/review';
import { mergeSiteReports } from '../domain/rules/site-report';
import type { SiteReport } from '../domain/schemas/site-report';
import type { AppDatabase } from './database';
import type { DeviceLogEntry } from './device-log';
import { upsertDoc, type Author, type NewDoc } from './write';

/**
 * The conflict log: versions that lost a conflict on this device (see
 * src/db/conflicts.ts), which the user can open and restore. Local only.
 */

export class ConflictEntryNotFoundError extends Error {
  constructor(readonly entryId: string) {
    super(`No conflict log entry ${entryId}.`);
    this.name = 'ConflictEntryNotFoundError';
  }
}

type Doc = Record<string, unknown> & { id: string; updatedAt: string };

function withoutMeta(doc: Record<string, unknown>): Doc {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) out[k] = v;
  return out as Doc;
}

/**
 * The document restoring `lost` over `current` makes. For last-write-wins
 * data the lost version replaces the current one. For merged data (an
 * inspection, a corrective action, a site report, a review) the lost version is merged in
 * as the newer side, so what others added since (answers, comments,
 * evidence) stays: an inspection gets back the answers it lost, re-timed now.
 */
export function restoredVersion(collection: CollectionName, lost: Doc, current: Doc | null, nowIso: string): Doc {
  const newer = { ...lost, updatedAt: nowIso };
  if (!current) return newer;
  if (collection === 'inspections' && lost.kind === 'inspection' && current.kind === 'inspection') {
    const have = new Map((current.answers as Inspection['answers']).map((a) => [answerKey(a), canonicalJson(a)]));
    const answers = (lost.answers as Inspection['answers']).map((a) => (have.get(answerKey(a)) === canonicalJson(a) ? a : { ...a, answeredAt: nowIso }));
    return mergeInspections(current as unknown as Inspection, { ...newer, answers } as unknown as Inspection) as unknown as Doc;
  }
  if (collection === 'inspections' && lost.kind === 'action' && current.kind === 'action') {
    return mergeCorrectiveActions(current as unknown as CorrectiveAction, newer as unknown as CorrectiveAction) as unknown as Doc;
  }
  if (collection === 'inspections' && lost.kind === 'site-report' && current.kind === 'site-report') {
    return mergeSiteReports(current as unknown as SiteReport, newer as unknown as SiteReport) as unknown as Doc;
  }
  if (collection === 'reviews') {
    return mergeReviews(current as unknown as PerformanceReview, newer as unknown as PerformanceReview) as unknown as Doc;
  }
  return newer;
}

/**
 * Restores a lost version from the conflict log as a new local write by
 * `author` (by default the lost version's own author), then removes the entry.
 * A lost deletion deletes the document again. Returns the document written,
 * or null for a deletion.
 */
export async function restoreConflict(db: AppDatabase, entryId: string, author?: Author): Promise<Doc | null> {
  const entry = (await db.devicelog.findOne(entryId).exec())?.toJSON() as DeviceLogEntry | undefined;
  if (!entry || entry.kind !== 'conflict' || !entry.doc || !isCollectionName(entry.collectionName)) throw new ConflictEntryNotFoundError(entryId);
  const name = entry.collectionName;
  const collection = db[name] as unknown as {
    findOne(id: string): { exec(): Promise<{ toJSON(): Record<string, unknown>; remove(): Promise<unknown> } | null> };
  };
  const currentDoc = await collection.findOne(entry.docId).exec();
  let written: Doc | null = null;
  if (entry.doc._deleted === true) {
    await currentDoc?.remove();
  } else {
    const lost = withoutMeta(entry.doc);
    const current = currentDoc ? withoutMeta(currentDoc.toJSON()) : null;
    const doc = restoredVersion(name, lost, current, new Date().toISOString());
    const by = author ?? { userId: String(lost.updatedBy), deviceId: String(lost.deviceId) };
    written = (await upsertDoc(db, name, doc as unknown as NewDoc<typeof name>, by)) as unknown as Doc;
  }
  await db.devicelog.findOne(entryId).remove();
  return written;
}

/** Dismisses an entry without restoring it. */
export async function discardConflict(db: AppDatabase, entryId: string): Promise<void> {
  await db.devicelog.findOne(entryId).remove();
}
