import { compareActionStates } from '../../src/domain/rules/corrective-action';
import { sameContent, yjsTextOf } from '../../src/domain/rules/merge';
import type { Ack } from './client-worker';

type Doc = Record<string, unknown>;

/** What the test typed into merged documents, to check nothing of it was lost. */
export interface Typed {
  noteTokens: string[];
  commentTokens: string[];
  evidence: string[];
}

const INSPECTION_RANK: Record<string, number> = { draft: 0, submitted: 1, locked: 2 };

/**
 * Checks, once every device has converged with the server, that nothing a
 * device was told had reached the server went missing, and that the merged
 * documents kept everything typed into them. Returns the problems found.
 */
export function checkInvariants(server: Record<string, Map<string, Doc>>, acks: Ack[], typed: Typed, ids: { inspectionId: string; actionId: string }): string[] {
  const problems: string[] = [];
  const find = (collection: string, id: string) => server[collection]?.get(id);

  // Every acknowledged write is present: the server still holds it, or a write it stamped later.
  for (const ack of acks) {
    const id = ack.doc.id as string;
    const final = find(ack.collection, id);
    if (!final) {
      problems.push(`acknowledged ${ack.collection}/${id} is missing on the server`);
      continue;
    }
    const finalAt = Date.parse(final.updatedAt as string);
    const ackAt = ack.master ? Date.parse(ack.master.updatedAt as string) : ack.startedAt - 1;
    const same = sameContent({ ...final }, { ...ack.doc, _deleted: ack.doc._deleted === true }) && final._deleted === (ack.doc._deleted === true);
    if (finalAt < ackAt && !same) problems.push(`acknowledged ${ack.collection}/${id} (${new Date(ackAt).toISOString()}) was rolled back to ${final.updatedAt}`);
  }

  const inspection = find('inspections', ids.inspectionId);
  const action = find('inspections', ids.actionId);
  if (inspection && inspection._deleted !== true) {
    const notes = yjsTextOf(inspection.notes as string | undefined);
    for (const token of typed.noteTokens) if (!notes.includes(token)) problems.push(`note text ${token} was lost`);
    const answers = new Map(((inspection.answers as Doc[]) ?? []).map((a) => [a.itemId as string, a]));
    for (const ack of acks.filter((a) => a.doc.id === ids.inspectionId)) {
      for (const a of (ack.doc.answers as Doc[]) ?? []) {
        const kept = answers.get(a.itemId as string);
        if (!kept || Date.parse(kept.answeredAt as string) < Date.parse(a.answeredAt as string)) problems.push(`answer to ${String(a.itemId)} at ${String(a.answeredAt)} was lost`);
      }
      if (INSPECTION_RANK[inspection.status as string]! < INSPECTION_RANK[ack.doc.status as string]!) problems.push(`inspection status went back from ${String(ack.doc.status)}`);
    }
  } else if (typed.noteTokens.length) problems.push('the inspection is missing');
  if (action && action._deleted !== true) {
    const comments = yjsTextOf(action.comments as string | undefined);
    for (const token of typed.commentTokens) if (!comments.includes(token)) problems.push(`comment ${token} was lost`);
    for (const hash of typed.evidence) if (!((action.evidence as string[]) ?? []).includes(hash)) problems.push(`evidence ${hash.slice(0, 8)} was lost`);
    for (const ack of acks.filter((a) => a.doc.id === ids.actionId)) {
      const state = { status: ack.doc.status, round: ack.doc.round ?? 0 } as Parameters<typeof compareActionStates>[0];
      if (compareActionStates(action as never, state) < 0) problems.push(`action status went back from ${String(ack.doc.status)}/${String(ack.doc.round)}`);
    }
  } else if (typed.commentTokens.length) problems.push('the corrective action is missing');
  return problems;
}
