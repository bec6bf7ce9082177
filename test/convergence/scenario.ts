import * as Y from 'yjs';
import { rosterSlotId } from '../../src/domain/ids';
import { base64FromBytes, bytesFromBase64 } from '../../src/domain/rules/merge';

/**
 * The documents and edits of the convergence tests, as plain data and pure
 * functions so the test (which decides) and the device workers (which apply
 * them to their local database) share them.
 */

export const CONV_SITE = 'site-conv';
export const CONV_ITEMS = ['desk-tidy', 'uniform', 'civil-language', 'arrived-early'] as const;

/** A small seeded PRNG (mulberry32): the same seed gives the same run of operations. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

/** The documents one round works on (ids unique per round so rounds do not interfere). */
export function roundDocs(round: number) {
  const day = new Date(Date.UTC(2027, 0, 1) + round * 86_400_000).toISOString().slice(0, 10);
  const post = `post-r${round}`;
  return {
    day,
    slots: ['early', 'late'].map((shift) => ({ collection: 'rosters' as const, id: rosterSlotId(CONV_SITE, post, day, shift), post, shift })),
    staffId: `staff-conv-r${round}`,
    inspectionId: `insp-conv-r${round}`,
    actionId: `action-conv-r${round}`,
  };
}
export type RoundDocs = ReturnType<typeof roundDocs>;

export function allIds(docs: RoundDocs): string[] {
  return [...docs.slots.map((s) => s.id), docs.staffId, docs.inspectionId, docs.actionId];
}

/** A new document as a device creates it (without the author stamps insertDoc adds). */
export function newDocument(docs: RoundDocs, which: string, rng: Rng): { collection: 'rosters' | 'staff' | 'inspections'; doc: Record<string, unknown> } {
  const base = { siteId: CONV_SITE };
  const slot = docs.slots.find((s) => s.id === which);
  if (slot) {
    return {
      collection: 'rosters',
      doc: { ...base, id: slot.id, kind: 'slot', postId: slot.post, day: docs.day, shiftId: slot.shift, staffId: `staff-${rng.int(1, 9)}`, status: 'draft' },
    };
  }
  if (which === docs.staffId) {
    return {
      collection: 'staff',
      doc: { ...base, id: docs.staffId, staffNo: `C${rng.int(1000, 9999)}`, name: '收敛测试员', pinyinInitials: 'slcsy', gender: 'female', status: 'standby', certificates: [] },
    };
  }
  if (which === docs.inspectionId) {
    return {
      collection: 'inspections',
      doc: {
        ...base,
        id: docs.inspectionId,
        kind: 'inspection',
        templateId: 'tpl:floor-discipline:1',
        templateKey: 'floor-discipline',
        templateVersion: 1,
        day: docs.day,
        mode: 'patrol',
        inspectorId: 'inspector-conv',
        startedAt: '2027-01-01T01:00:00.000Z',
        answers: [],
        status: 'draft',
      },
    };
  }
  return {
    collection: 'inspections',
    doc: {
      ...base,
      id: docs.actionId,
      kind: 'action',
      inspectionId: docs.inspectionId,
      itemId: 'desk-tidy',
      day: docs.day,
      dueDay: docs.day,
      title: '整理窗口桌面',
      ownerId: 'staff-1',
      requiredEvidence: '整改后照片',
      status: 'open',
    },
  };
}

/** An edit a device makes to its local copy of a document. */
export type Mutation =
  | { type: 'slot'; staffId: string; note: string }
  | { type: 'staff'; name: string; status: 'on-post' | 'standby' }
  | { type: 'answer'; itemId: string; choice: 'pass' | 'fail'; note: string }
  | { type: 'note'; token: string }
  | { type: 'submit' }
  | { type: 'advance' }
  | { type: 'comment'; token: string }
  | { type: 'evidence'; hash: string };

/** Appends text to a Yjs document state as this device (its own Yjs client id). */
export function appendYText(state: string | undefined, clientId: number, text: string): string {
  const doc = new Y.Doc({ guid: 'note' });
  if (state) Y.applyUpdate(doc, bytesFromBase64(state));
  // Set after loading: Yjs would otherwise pick a new id on seeing its own edits come back.
  doc.clientID = clientId;
  const t = doc.getText('text');
  t.insert(t.length, text);
  const out = base64FromBytes(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return out;
}

const NEXT_ACTION_STATUS: Record<string, string> = {
  open: 'in-progress',
  reopened: 'in-progress',
  'in-progress': 'evidence-submitted',
  'evidence-submitted': 'closed',
  closed: 'reopened',
};

/** Applies an edit; `now` is the device's clock, `who` the user, `clientId` the device's Yjs id. */
export function mutate(doc: Record<string, unknown>, m: Mutation, now: string, who: string, clientId: number): Record<string, unknown> {
  switch (m.type) {
    case 'slot':
      return { ...doc, staffId: m.staffId, note: m.note };
    case 'staff':
      return { ...doc, name: m.name, status: m.status };
    case 'answer': {
      const answers = ((doc.answers as Record<string, unknown>[]) ?? []).filter((a) => a.itemId !== m.itemId || (a.instance ?? 0) !== 0);
      return { ...doc, answers: [...answers, { itemId: m.itemId, instance: 0, choice: m.choice, photos: [], note: m.note, answeredAt: now, answeredBy: who }] };
    }
    case 'note':
      return { ...doc, notes: appendYText(doc.notes as string | undefined, clientId, m.token) };
    case 'submit':
      if (doc.status === 'draft') return { ...doc, status: 'submitted', submittedAt: now };
      if (doc.status === 'submitted') return { ...doc, status: 'locked', lockedAt: now };
      return doc;
    case 'advance': {
      const status = NEXT_ACTION_STATUS[doc.status as string]!;
      const round = (doc.round as number | undefined) ?? 0;
      const next: Record<string, unknown> = { ...doc, status, round: status === 'reopened' ? round + 1 : round };
      if (status === 'closed') Object.assign(next, { closedAt: now, closedBy: who });
      return next;
    }
    case 'comment':
      return { ...doc, comments: appendYText(doc.comments as string | undefined, clientId, m.token) };
    case 'evidence':
      return { ...doc, evidence: [...new Set([...((doc.evidence as string[]) ?? []), m.hash])].slice(0, 50) };
  }
}
