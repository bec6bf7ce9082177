import * as Y from 'yjs';
import { SERVER_STAMPED_FIELDS } from '../schemas/common';
import type { CorrectiveAction, Inspection, InspectionAnswer, Signature } from '../schemas/inspection';
import type { PerformanceReview } from '../schemas/review';
import { canonicalJson } from './canonical-json';
import { compareActionStates } from './corrective-action';

/**
 * How two versions of one document written on different devices become one
 * (ARCHITECTURE.md "Conflicts, by kind of data"). The merges here are joins:
 * commutative, associative and idempotent, so devices that meet in any order
 * end on the same document, and nothing one side typed is dropped except where
 * the rule says a later answer supersedes an earlier one.
 */

// canonicalJson lives in its own module so code that needs only it (the replication) does not load Yjs.
export { canonicalJson };

function omit(doc: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** RxDB's bookkeeping: never part of what a person wrote. */
const RXDB_BOOKKEEPING = ['_meta', '_rev', '_attachments'] as const;
/** Who and which device wrote a version: different authors of the same content are not a conflict. */
const AUTHOR_FIELDS = ['updatedBy', 'deviceId'] as const;

/** Same document once the server's stamps (updatedAt, receivedAt) are set aside: the master is just our write, stamped. */
export function differsOnlyInServerStamps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ignore = [...SERVER_STAMPED_FIELDS, ...RXDB_BOOKKEEPING];
  return canonicalJson(omit(a, ignore)) === canonicalJson(omit(b, ignore));
}

/** Same content whoever wrote it: losing such a version loses nothing. */
export function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ignore = [...SERVER_STAMPED_FIELDS, ...RXDB_BOOKKEEPING, ...AUTHOR_FIELDS];
  return canonicalJson(omit(a, ignore)) === canonicalJson(omit(b, ignore));
}

/** A total order on two values for tie-breaks that must not depend on argument order. */
function compareCanonical(a: unknown, b: unknown): number {
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares optional ISO instants: absent sorts first. */
function compareInstants(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return Date.parse(a) - Date.parse(b) || (a < b ? -1 : 1);
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  return compareInstants(a, b) <= 0 ? (a ?? b) : (b ?? a);
}

/** The version a tie-break prefers: the later `updatedAt`, then the larger canonical JSON. */
function laterVersion<T extends { updatedAt: string }>(a: T, b: T): T {
  return (compareInstants(a.updatedAt, b.updatedAt) || compareCanonical(a, b)) >= 0 ? a : b;
}

/** Drops undefined members so merged documents have exactly the keys their values have. */
function defined<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------- last write wins

/**
 * Last write wins for documents without a finer rule (roster slots, staff,
 * sites, leave…): the local version's time is the device's clock when it was
 * written, corrected by the device's measured offset (device minus server),
 * and the master's is the server's stamp. A tie goes to the master, which
 * other devices may already hold.
 */
export function lastWriteWins(localUpdatedAt: string, masterUpdatedAt: string, clockOffsetMs = 0): 'local' | 'master' {
  const local = Date.parse(localUpdatedAt) - clockOffsetMs;
  const master = Date.parse(masterUpdatedAt);
  return Number.isFinite(local) && Number.isFinite(master) && local > master ? 'local' : 'master';
}

// ---------------------------------------------------------------- Yjs text

export function base64FromBytes(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function bytesFromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function docOf(update: Uint8Array): Y.Doc {
  // A fixed guid spares Yjs from drawing a random one; the content is all that matters.
  const doc = new Y.Doc({ guid: 'merge', gc: true });
  Y.applyUpdate(doc, update);
  return doc;
}

/**
 * Merges two Yjs document states (base64 `Y.encodeStateAsUpdate`) with
 * `Y.mergeUpdates`, then compacts the result by loading and re-encoding it.
 * When one side already contains everything of the other, that side is
 * returned byte for byte, so a merge already made is never re-encoded (and
 * never pushed again).
 */
export function mergeYjs(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined || a === b) return a ?? b;
  const ua = bytesFromBase64(a);
  const ub = bytesFromBase64(b);
  const merged = docOf(Y.mergeUpdates([ua, ub]));
  const docA = docOf(ua);
  const docB = docOf(ub);
  try {
    const snap = Y.snapshot(merged);
    const hasA = Y.equalSnapshots(snap, Y.snapshot(docA));
    const hasB = Y.equalSnapshots(snap, Y.snapshot(docB));
    if (hasA && hasB) return a < b ? a : b;
    if (hasA) return a;
    if (hasB) return b;
    return base64FromBytes(Y.encodeStateAsUpdate(merged));
  } finally {
    merged.destroy();
    docA.destroy();
    docB.destroy();
  }
}

/** The text of a Yjs document state (for views and tests); `field` is the Y.Text's name. */
export function yjsTextOf(update: string | undefined, field = 'text'): string {
  if (!update) return '';
  const doc = docOf(bytesFromBase64(update));
  try {
    return doc.getText(field).toString();
  } finally {
    doc.destroy();
  }
}

// ---------------------------------------------------------------- helpers for lists

/** Union of two lists by key; on a shared key `pick` chooses. Order: `first`'s, then `second`'s new keys. */
function unionBy<T>(first: readonly T[] | undefined, second: readonly T[] | undefined, key: (t: T) => string, pick: (x: T, y: T) => T): T[] {
  const chosen = new Map<string, T>();
  for (const item of [...(first ?? []), ...(second ?? [])]) {
    const k = key(item);
    const prev = chosen.get(k);
    chosen.set(k, prev === undefined ? item : pick(prev, item));
  }
  return [...chosen.values()];
}

function unionStrings(first: readonly string[] | undefined, second: readonly string[] | undefined, max: number): string[] {
  return [...new Set([...(first ?? []), ...(second ?? [])])].slice(0, max);
}

// ---------------------------------------------------------------- inspections

const INSPECTION_STATUS_RANK: Record<Inspection['status'], number> = { draft: 0, submitted: 1, locked: 2 };

export function answerKey(a: Pick<InspectionAnswer, 'itemId' | 'instance'>): string {
  return `${a.itemId}#${a.instance ?? 0}`;
}

/** The later answer to an item wins (by `answeredAt`); equal times fall to a fixed order. */
export function laterAnswer(a: InspectionAnswer, b: InspectionAnswer): InspectionAnswer {
  return (compareInstants(a.answeredAt, b.answeredAt) || compareCanonical(a, b)) >= 0 ? a : b;
}

function laterSignature(a: Signature, b: Signature): Signature {
  return (compareInstants(a.signedAt, b.signedAt) || compareCanonical(a, b)) >= 0 ? a : b;
}

/** Which version leads an inspection merge: further along (draft → submitted → locked), then the later write. */
function leadingInspection(a: Inspection, b: Inspection): Inspection {
  const byStatus = INSPECTION_STATUS_RANK[a.status] - INSPECTION_STATUS_RANK[b.status];
  if (byStatus !== 0) return byStatus > 0 ? a : b;
  return laterVersion(a, b);
}

/**
 * Merges two versions of an inspection: answers per item (the later answer
 * wins), notes as Yjs text, photos and signatures united, and the status only
 * moves forward. Header fields and the score come from the version further
 * along (the score is recomputed when the inspection is submitted).
 */
export function mergeInspections(a: Inspection, b: Inspection): Inspection {
  const lead = leadingInspection(a, b);
  const other = lead === a ? b : a;
  const status = lead.status;
  return defined({
    ...lead,
    answers: unionBy(lead.answers, other.answers, answerKey, laterAnswer),
    notes: mergeYjs(lead.notes, other.notes),
    photos: unionStrings(lead.photos, other.photos, 50),
    signatures: unionBy(lead.signatures, other.signatures, (s) => s.role, laterSignature),
    instanceLabels: unionBy(lead.instanceLabels, other.instanceLabels, (l) => `${l.sectionId}#${l.instance}`, (x) => x),
    status,
    submittedAt: status === 'draft' ? undefined : earliest(lead.submittedAt, other.submittedAt),
    lockedAt: status === 'locked' ? earliest(lead.lockedAt, other.lockedAt) : undefined,
  });
}

/** Answers of `from` that `merged` no longer holds (superseded by a later answer): what a device should keep in its conflict log. */
export function supersededAnswers(from: Inspection, merged: Inspection): InspectionAnswer[] {
  const kept = new Map((merged.answers ?? []).map((x) => [answerKey(x), canonicalJson(x)]));
  return (from.answers ?? []).filter((x) => kept.get(answerKey(x)) !== canonicalJson(x));
}

// ---------------------------------------------------------------- corrective actions

type ActionStatusGroup = Pick<CorrectiveAction, 'status' | 'round' | 'closedAt' | 'closedBy'>;

function statusGroup(a: CorrectiveAction): ActionStatusGroup {
  return { status: a.status, round: a.round, closedAt: a.closedAt, closedBy: a.closedBy };
}

/**
 * Merges two versions of a corrective action: the status moves only forward
 * (`mergeActionStatus`' order, with who closed it and when), evidence is
 * united, comments merge as Yjs text; the other fields come from the later write.
 */
export function mergeCorrectiveActions(a: CorrectiveAction, b: CorrectiveAction): CorrectiveAction {
  const lead = laterVersion(a, b);
  const other = lead === a ? b : a;
  const byState = compareActionStates(a, b) || compareCanonical(statusGroup(a), statusGroup(b));
  const statusFrom = byState >= 0 ? a : b;
  return defined({
    ...lead,
    ...statusGroup(statusFrom),
    evidence: unionStrings(lead.evidence, other.evidence, 50),
    comments: mergeYjs(lead.comments, other.comments),
  });
}

// ---------------------------------------------------------------- performance reviews

const PROVIDER_FIELDS = ['providerScore', 'providerScoredBy', 'providerScoredAt'] as const;
const CLIENT_FIELDS = ['clientScore', 'clientScoredBy', 'clientScoredAt'] as const;
const LOCK_FIELDS = ['locked', 'lockedAt', 'lockedBy', 'total', 'pay'] as const;

function pick<T extends object, K extends keyof T>(doc: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = doc[k];
  return out;
}

function laterScore(a: PerformanceReview, b: PerformanceReview, at: 'providerScoredAt' | 'clientScoredAt', keys: readonly (keyof PerformanceReview)[]): PerformanceReview {
  return (compareInstants(a[at], b[at]) || compareCanonical(pick(a, keys), pick(b, keys))) >= 0 ? a : b;
}

/**
 * Merges two versions of a monthly review: the provider's part and the
 * client's part each come from the version that scored it last, so a manager
 * and a client reviewer scoring offline at the same time both keep their score.
 * A lock is final: once either side locked the review, the locked version's
 * scores and total stand (the first lock if both locked).
 */
export function mergeReviews(a: PerformanceReview, b: PerformanceReview): PerformanceReview {
  const lead = laterVersion(a, b);
  const locks = [a, b].filter((r) => r.locked);
  const firstLock = locks.length === 2 ? (compareInstants(a.lockedAt, b.lockedAt) || compareCanonical(a, b)) <= 0 ? a : b : locks[0];
  const provider = firstLock ?? laterScore(a, b, 'providerScoredAt', PROVIDER_FIELDS);
  const client = firstLock ?? laterScore(a, b, 'clientScoredAt', CLIENT_FIELDS);
  return defined({
    ...lead,
    ...pick(provider, PROVIDER_FIELDS),
    ...pick(client, CLIENT_FIELDS),
    ...pick(firstLock ?? lead, LOCK_FIELDS),
    confirmedAt: earliest(a.confirmedAt, b.confirmedAt),
  });
}
