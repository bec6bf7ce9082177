import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reviewId } from '../ids';
import { correctiveActionSchema, inspectionSchema, type CorrectiveAction, type Inspection, type InspectionAnswer } from '../schemas/inspection';
import { performanceReviewSchema, type PerformanceReview } from '../schemas/review';
import { compareActionStates } from './corrective-action';
import {
  answerKey,
  base64FromBytes,
  canonicalJson,
  differsOnlyInServerStamps,
  lastWriteWins,
  laterAnswer,
  mergeCorrectiveActions,
  mergeInspections,
  mergeReviews,
  mergeYjs,
  sameContent,
  supersededAnswers,
  yjsTextOf,
} from './merge';

const RUNS = { numRuns: 300 };
const SHA = (c: string) => c.repeat(64);
const instant = fc.integer({ min: 0, max: 20 }).map((m) => new Date(Date.UTC(2026, 2, 2, 2, m)).toISOString());
const distinctInstants = (n: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: n, maxLength: n }).map((ms) => ms.map((m) => new Date(Date.UTC(2026, 2, 2, 3, 0, m)).toISOString()));

// ---------------------------------------------------------------- Yjs notes

/** A note every device started from, then each device's own inserts (device = Yjs client). */
const BASE_NOTE = (() => {
  const doc = new Y.Doc({ guid: 'note' });
  doc.clientID = 1;
  doc.getText('text').insert(0, '初始记录');
  return Y.encodeStateAsUpdate(doc);
})();

interface Edit {
  pos: number;
  text: string;
}
const edits = fc.array(fc.record({ pos: fc.nat({ max: 40 }), text: fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('甲', '乙', '丙', 'a', 'b', ' ') }) }), { maxLength: 3 });

/** The note as one device leaves it: the base plus its own inserts, as a base64 state. */
function noteBy(client: number, list: readonly Edit[], extra = ''): string {
  const doc = new Y.Doc({ guid: 'note' });
  doc.clientID = client;
  Y.applyUpdate(doc, BASE_NOTE);
  const text = doc.getText('text');
  for (const e of list) text.insert(Math.min(e.pos, text.length), e.text + extra);
  const out = base64FromBytes(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return out;
}

function isSubsequence(part: string, whole: string): boolean {
  let i = 0;
  for (const ch of whole) if (i < part.length && ch === part[i]) i++;
  return i === part.length;
}

describe('mergeYjs', () => {
  it('keeps every insert typed on either device, in any order, and is idempotent', () => {
    fc.assert(
      fc.property(edits, edits, (ea, eb) => {
        const a = noteBy(10, ea, '①');
        const b = noteBy(11, eb, '②');
        const ab = mergeYjs(a, b)!;
        const ba = mergeYjs(b, a)!;
        expect(yjsTextOf(ab)).toBe(yjsTextOf(ba));
        // Compaction is deterministic: the same state gives the same bytes whichever side came first.
        expect(ab).toBe(ba);
        // Nothing typed is lost: each device's text survives in order inside the merge.
        expect(isSubsequence(yjsTextOf(a), yjsTextOf(ab))).toBe(true);
        expect(isSubsequence(yjsTextOf(b), yjsTextOf(ab))).toBe(true);
        expect(mergeYjs(ab, a)).toBe(ab);
        expect(mergeYjs(ab, ab)).toBe(ab);
      }),
      RUNS,
    );
  });

  it('returns a side unchanged when it already holds the other', () => {
    const a = noteBy(10, [{ pos: 0, text: '新' }]);
    expect(mergeYjs(a, base64FromBytes(BASE_NOTE))).toBe(a);
    expect(mergeYjs(undefined, a)).toBe(a);
    expect(mergeYjs(a, undefined)).toBe(a);
    expect(mergeYjs(undefined, undefined)).toBeUndefined();
  });

  it('is associative in content', () => {
    fc.assert(
      fc.property(edits, edits, edits, (ea, eb, ec) => {
        const [a, b, c] = [noteBy(10, ea, '1'), noteBy(11, eb, '2'), noteBy(12, ec, '3')];
        expect(yjsTextOf(mergeYjs(mergeYjs(a, b), c))).toBe(yjsTextOf(mergeYjs(a, mergeYjs(b, c))));
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------- inspections

const ITEMS = ['desk-tidy', 'uniform', 'civil-language', 'arrived-early'] as const;
const answer: fc.Arbitrary<InspectionAnswer> = fc.record({
  itemId: fc.constantFrom(...ITEMS),
  instance: fc.constantFrom(0, 1),
  choice: fc.constantFrom('pass', 'fail'),
  photos: fc.subarray([SHA('a'), SHA('b')]),
  note: fc.option(fc.constantFrom('桌面有杂物', '良好'), { nil: undefined }),
  answeredAt: instant,
  answeredBy: fc.constantFrom('inspector-1', 'inspector-2'),
});
const answers = fc.uniqueArray(answer, { selector: answerKey, maxLength: 6 });

function inspection(over: Partial<Inspection>): Inspection {
  return inspectionSchema.parse({
    id: 'insp-1',
    siteId: 'site-hall-1',
    updatedAt: '2026-03-02T03:00:00.000Z',
    updatedBy: 'inspector-1',
    deviceId: 'd1',
    kind: 'inspection',
    templateId: 'tpl:floor-discipline:1',
    templateKey: 'floor-discipline',
    templateVersion: 1,
    day: '2026-03-02',
    mode: 'patrol',
    inspectorId: 'inspector-1',
    startedAt: '2026-03-02T02:00:00.000Z',
    status: 'draft',
    ...over,
  });
}

const inspectionVersion = (client: number, updatedAt: fc.Arbitrary<string> = instant) =>
  fc
    .record({
      answers,
      notes: edits,
      status: fc.constantFrom('draft', 'submitted', 'locked') as fc.Arbitrary<Inspection['status']>,
      submittedAt: instant,
      photos: fc.subarray([SHA('c'), SHA('d'), SHA('e')]),
      signed: fc.option(instant, { nil: undefined }),
      postId: fc.constantFrom('post-w1', 'post-w2'),
      updatedAt,
      score: fc.integer({ min: 0, max: 100 }),
    })
    .map((v) =>
      inspection({
        answers: v.answers,
        notes: noteBy(client, v.notes, String(client)),
        status: v.status,
        submittedAt: v.status === 'draft' ? undefined : v.submittedAt,
        lockedAt: v.status === 'locked' ? v.submittedAt : undefined,
        photos: v.photos,
        signatures: v.signed ? [{ role: 'inspector', name: `督导${client}`, media: SHA('f'), signedAt: v.signed }] : [],
        postId: v.postId,
        updatedAt: v.updatedAt,
        deviceId: `d${client}`,
        score: v.status === 'draft' ? undefined : v.score,
      }),
    );

const STATUS_RANK = { draft: 0, submitted: 1, locked: 2 } as const;

describe('mergeInspections', () => {
  it('is commutative and idempotent, and the merge is a valid inspection', () => {
    fc.assert(
      fc.property(inspectionVersion(10), inspectionVersion(11), (a, b) => {
        const ab = mergeInspections(a, b);
        expect(canonicalJson(ab)).toBe(canonicalJson(mergeInspections(b, a)));
        expect(canonicalJson(mergeInspections(a, a))).toBe(canonicalJson(a));
        expect(canonicalJson(mergeInspections(ab, a))).toBe(canonicalJson(ab));
        expect(inspectionSchema.safeParse(ab).success).toBe(true);
      }),
      RUNS,
    );
  });

  it('loses no answer: every item answered on either side is answered, by the later answer', () => {
    fc.assert(
      fc.property(inspectionVersion(10), inspectionVersion(11), (a, b) => {
        const merged = new Map(mergeInspections(a, b).answers.map((x) => [answerKey(x), x]));
        const all = [...a.answers, ...b.answers];
        expect(new Set(merged.keys())).toEqual(new Set(all.map(answerKey)));
        for (const x of all) {
          const y = merged.get(answerKey(x))!;
          expect(canonicalJson(laterAnswer(x, y))).toBe(canonicalJson(y));
        }
      }),
      RUNS,
    );
  });

  it('merges notes as text, unites photos and signatures, and only moves the status forward', () => {
    fc.assert(
      fc.property(inspectionVersion(10), inspectionVersion(11), (a, b) => {
        const m = mergeInspections(a, b);
        expect(yjsTextOf(m.notes)).toBe(yjsTextOf(mergeYjs(a.notes, b.notes)));
        expect(new Set(m.photos)).toEqual(new Set([...a.photos, ...b.photos]));
        expect(m.signatures.length).toBe(new Set([...a.signatures, ...b.signatures].map((s) => s.role)).size);
        expect(STATUS_RANK[m.status]).toBe(Math.max(STATUS_RANK[a.status], STATUS_RANK[b.status]));
      }),
      RUNS,
    );
  });

  it('is associative (answers, notes, status and photos) for versions written at different times', () => {
    const three = distinctInstants(3).chain(([t1, t2, t3]) =>
      fc.tuple(inspectionVersion(10, fc.constant(t1!)), inspectionVersion(11, fc.constant(t2!)), inspectionVersion(12, fc.constant(t3!))),
    );
    const normal = (x: Inspection) => ({
      ...x,
      answers: [...x.answers].sort((p, q) => (answerKey(p) < answerKey(q) ? -1 : 1)),
      photos: [...x.photos].sort(),
      notes: yjsTextOf(x.notes),
    });
    fc.assert(
      fc.property(three, ([a, b, c]) => {
        expect(canonicalJson(normal(mergeInspections(mergeInspections(a, b), c)))).toBe(canonicalJson(normal(mergeInspections(a, mergeInspections(b, c)))));
      }),
      { numRuns: 150 },
    );
  });

  it('names the answers a merge superseded', () => {
    const mine = inspection({ answers: [{ itemId: 'uniform', instance: 0, choice: 'pass', photos: [], answeredAt: '2026-03-02T02:01:00.000Z', answeredBy: 'i1' }] });
    const theirs = inspection({ answers: [{ itemId: 'uniform', instance: 0, choice: 'fail', photos: [], answeredAt: '2026-03-02T02:05:00.000Z', answeredBy: 'i2' }] });
    const merged = mergeInspections(mine, theirs);
    expect(merged.answers[0]!.choice).toBe('fail');
    expect(supersededAnswers(mine, merged)).toEqual(mine.answers);
    expect(supersededAnswers(theirs, merged)).toEqual([]);
  });
});

// ---------------------------------------------------------------- corrective actions

function action(over: Partial<CorrectiveAction>): CorrectiveAction {
  return correctiveActionSchema.parse({
    id: 'action-1',
    siteId: 'site-hall-1',
    updatedAt: '2026-03-02T03:00:00.000Z',
    updatedBy: 'u1',
    deviceId: 'd1',
    kind: 'action',
    inspectionId: 'insp-1',
    itemId: 'desk-tidy',
    day: '2026-03-02',
    dueDay: '2026-03-09',
    title: '整理窗口桌面',
    ownerId: 'staff-1',
    requiredEvidence: '整改后照片',
    status: 'open',
    ...over,
  });
}

const STATES = [
  { status: 'open', round: 0 },
  { status: 'in-progress', round: 0 },
  { status: 'evidence-submitted', round: 0 },
  { status: 'closed', round: 0 },
  { status: 'reopened', round: 1 },
  { status: 'in-progress', round: 1 },
  { status: 'closed', round: 1 },
] as const;

const actionVersion = (client: number) =>
  fc
    .record({
      state: fc.constantFrom(...STATES),
      evidence: fc.subarray([SHA('a'), SHA('b'), SHA('c')]),
      comments: edits,
      title: fc.constantFrom('整理窗口桌面', '清理桌面杂物'),
      updatedAt: instant,
      closedAt: instant,
    })
    .map((v) =>
      action({
        ...v.state,
        ...(v.state.status === 'closed' ? { closedAt: v.closedAt, closedBy: `verifier-${client}` } : {}),
        evidence: v.evidence,
        comments: noteBy(client, v.comments, String(client)),
        title: v.title,
        updatedAt: v.updatedAt,
        deviceId: `d${client}`,
      }),
    );

describe('mergeCorrectiveActions', () => {
  it('is commutative and idempotent, never moves the status back, and keeps all evidence and comments', () => {
    fc.assert(
      fc.property(actionVersion(10), actionVersion(11), (a, b) => {
        const m = mergeCorrectiveActions(a, b);
        expect(canonicalJson(m)).toBe(canonicalJson(mergeCorrectiveActions(b, a)));
        expect(canonicalJson(mergeCorrectiveActions(a, a))).toBe(canonicalJson(a));
        expect(compareActionStates(m, a)).toBeGreaterThanOrEqual(0);
        expect(compareActionStates(m, b)).toBeGreaterThanOrEqual(0);
        expect(new Set(m.evidence)).toEqual(new Set([...a.evidence, ...b.evidence]));
        expect(yjsTextOf(m.comments)).toBe(yjsTextOf(mergeYjs(a.comments, b.comments)));
        expect(correctiveActionSchema.safeParse(m).success).toBe(true);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- reviews

function review(over: Partial<PerformanceReview>): PerformanceReview {
  return performanceReviewSchema.parse({
    id: reviewId('staff-1', '2026-02'),
    siteId: 'site-hall-1',
    updatedAt: '2026-03-02T03:00:00.000Z',
    updatedBy: 'u1',
    deviceId: 'd1',
    staffId: 'staff-1',
    month: '2026-02',
    ...over,
  });
}

const reviewVersion = fc
  .record({
    provider: fc.option(fc.tuple(fc.integer({ min: 50, max: 100 }), instant), { nil: undefined }),
    client: fc.option(fc.tuple(fc.integer({ min: 50, max: 100 }), instant), { nil: undefined }),
    lockAt: fc.option(instant, { nil: undefined }),
    updatedAt: instant,
  })
  .map((v) => {
    const provider = v.provider ?? (v.lockAt ? ([80, v.lockAt] as const) : undefined);
    const client = v.client ?? (v.lockAt ? ([90, v.lockAt] as const) : undefined);
    return review({
      updatedAt: v.updatedAt,
      ...(provider ? { providerScore: provider[0], providerScoredBy: 'manager', providerScoredAt: provider[1] } : {}),
      ...(client ? { clientScore: client[0], clientScoredBy: 'client', clientScoredAt: client[1] } : {}),
      ...(v.lockAt && provider && client ? { locked: true, lockedAt: v.lockAt, lockedBy: 'manager', total: provider[0] * 0.3 + client[0] * 0.7 } : {}),
    });
  });

describe('mergeReviews', () => {
  it('is commutative and idempotent and gives a valid review', () => {
    fc.assert(
      fc.property(reviewVersion, reviewVersion, (a, b) => {
        const m = mergeReviews(a, b);
        expect(canonicalJson(m)).toBe(canonicalJson(mergeReviews(b, a)));
        expect(canonicalJson(mergeReviews(a, a))).toBe(canonicalJson(a));
        expect(performanceReviewSchema.safeParse(m).success).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps the provider part and the client part each from the device that scored it', () => {
    const manager = review({ providerScore: 88, providerScoredBy: 'manager', providerScoredAt: '2026-03-03T01:00:00.000Z', updatedAt: '2026-03-03T01:00:00.000Z' });
    const client = review({ clientScore: 92, clientScoredBy: 'client', clientScoredAt: '2026-03-03T02:00:00.000Z', updatedAt: '2026-03-03T02:00:00.000Z' });
    const m = mergeReviews(manager, client);
    expect([m.providerScore, m.providerScoredBy, m.clientScore, m.clientScoredBy]).toEqual([88, 'manager', 92, 'client']);
  });

  it('a lock is final: the locked version’s scores stand', () => {
    const locked = review({
      providerScore: 80,
      providerScoredBy: 'manager',
      clientScore: 90,
      clientScoredBy: 'client',
      total: 87,
      locked: true,
      lockedAt: '2026-03-05T00:00:00.000Z',
      lockedBy: 'manager',
    });
    const late = review({ providerScore: 60, providerScoredBy: 'manager', providerScoredAt: '2026-03-06T00:00:00.000Z', updatedAt: '2026-03-06T00:00:00.000Z' });
    const m = mergeReviews(late, locked);
    expect([m.locked, m.providerScore, m.total]).toEqual([true, 80, 87]);
  });
});

// ---------------------------------------------------------------- last write wins and stamps

describe('lastWriteWins', () => {
  it.each([
    ['local later', '2026-03-02T03:00:05.000Z', '2026-03-02T03:00:00.000Z', 0, 'local'],
    ['master later', '2026-03-02T03:00:00.000Z', '2026-03-02T03:00:05.000Z', 0, 'master'],
    ['a tie goes to the master', '2026-03-02T03:00:00.000Z', '2026-03-02T03:00:00.000Z', 0, 'master'],
    ['a device clock 10 min fast does not win', '2026-03-02T03:09:00.000Z', '2026-03-02T03:00:00.000Z', 10 * 60_000, 'master'],
    ['a device clock 10 min slow still wins', '2026-03-02T02:55:00.000Z', '2026-03-02T03:00:00.000Z', -10 * 60_000, 'local'],
    ['an unreadable time does not win', 'garbage', '2026-03-02T03:00:00.000Z', 0, 'master'],
  ] as const)('%s', (_, local, master, offset, expected) => {
    expect(lastWriteWins(local, master, offset)).toBe(expected);
  });
});

describe('stamps and content', () => {
  const doc = { id: 'x', name: '甲', updatedAt: '2026-03-02T03:00:00.000Z', updatedBy: 'u1', deviceId: 'd1' };
  it.each([
    ['server stamps only', { ...doc, updatedAt: '2026-03-02T03:00:09.000Z', receivedAt: '2026-03-02T03:00:09.000Z' }, true, true],
    ['another author, same content', { ...doc, updatedBy: 'u2' }, false, true],
    ['key order and undefined members', { deviceId: 'd1', updatedBy: 'u1', updatedAt: doc.updatedAt, name: '甲', id: 'x', note: undefined }, true, true],
    ['a changed field', { ...doc, name: '乙' }, false, false],
    ['a deletion', { ...doc, _deleted: true }, false, false],
  ] as const)('%s', (_, other, onlyStamps, same) => {
    expect(differsOnlyInServerStamps({ ...doc, _deleted: false }, { _deleted: false, ...other })).toBe(onlyStamps);
    expect(sameContent({ ...doc, _deleted: false }, { _deleted: false, ...other })).toBe(same);
  });
});
