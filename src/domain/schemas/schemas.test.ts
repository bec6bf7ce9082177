import { describe, expect, it } from 'vitest';
import { collectionNames, collections, validateDocument, type CollectionName, type CollectionSpec } from '../collections';
import { defaultPolicy } from '../policy';
import { sampleDocuments } from './fixtures';
import { applyPolicyOverrides, policyOverridesSchema } from './organisation';

type Doc = Record<string, unknown>;
const sample = (name: CollectionName, kind?: string): Doc => {
  const docs = sampleDocuments()[name];
  const doc = kind ? docs.find((d) => d.kind === kind) : docs[0];
  if (!doc) throw new Error(`no sample for ${name}/${kind}`);
  return doc;
};
const without = (doc: Doc, ...keys: string[]) => Object.fromEntries(Object.entries(doc).filter(([k]) => !keys.includes(k)));

describe('validateDocument accepts every sample', () => {
  const all = sampleDocuments();
  const cases = collectionNames.flatMap((name) => all[name].map((doc) => [name, String(doc.kind ?? '-'), doc] as const));
  it.each(cases)('%s (%s)', (name, _kind, doc) => {
    const result = validateDocument(name, doc);
    expect(result.ok ? 'ok' : result.reason).toBe('ok');
  });

  it('fills defaults and drops RxDB meta fields', () => {
    const slot: Doc = { ...without(sample('rosters', 'slot'), 'acknowledgedWarnings'), _rev: '1-abc', _meta: { lwt: 1 }, _deleted: false, _attachments: {} };
    const result = validateDocument('rosters', slot);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc).toMatchObject({ acknowledgedWarnings: [] });
    expect(result.doc).not.toHaveProperty('_rev');
    const org = validateDocument('catalog', sample('catalog', 'organisation'));
    expect(org.ok && org.doc.kind === 'organisation' && org.doc.policy).toEqual(defaultPolicy);
  });
});

describe('validateDocument rejects bad documents with a reason naming the field', () => {
  const cases: [string, CollectionName, Doc, RegExp][] = [
    ['unknown collection', 'nope' as CollectionName, sample('sites'), /Unknown collection "nope"/],
    ['not an object', 'staff', [] as unknown as Doc, /must be a JSON object/],
    ['missing base field', 'staff', without(sample('staff'), 'updatedBy'), /field "updatedBy": is required/],
    ['unknown field', 'staff', { ...sample('staff'), salary: 1 }, /Unrecognized key.*salary/],
    ['bad enum', 'staff', { ...sample('staff'), socialInsurance: 'X' }, /field "socialInsurance"/],
    ['contract ends before it starts', 'staff', { ...sample('staff'), contractEnd: '2020-01-01' }, /field "contractEnd": contractEnd is before contractStart/],
    ['unknown kind', 'rosters', { ...sample('rosters', 'slot'), kind: 'shift' }, /field "kind"/],
    ['slot with a random id', 'rosters', { ...sample('rosters', 'slot'), id: 'slot-1' }, /of kind "slot".*field "id": id must be slot:/],
    ['slot of another kind’s field', 'rosters', { ...sample('rosters', 'slot'), receiverId: 'x' }, /Unrecognized key.*receiverId/],
    ['swap without the colleague’s slot', 'rosters', { ...sample('rosters', 'swap'), requestType: 'swap' }, /field "counterpartSlotId"/],
    ['handover without receiver', 'rosters', without(sample('rosters', 'handover'), 'receiverId'), /field "receiverId": is required/],
    ['attendance with a bad time', 'attendance', { ...sample('attendance'), deviceTime: '2025-03-03 08:00' }, /field "deviceTime"/],
    ['leave ending before it starts', 'leave', { ...sample('leave'), endDay: '2025-03-01' }, /field "endDay": endDay is before startDay/],
    ['approved leave with a pending step', 'leave', { ...sample('leave'), steps: [{ level: 'manager', decision: 'pending' }] }, /field "status": An approved leave has every step approved/],
    ['decided step without time', 'leave', { ...sample('leave'), steps: [{ level: 'manager', approverId: 'm', decision: 'approved' }] }, /field "steps\[0\]\.decidedAt"/],
    ['evidence that is not a hash', 'leave', { ...sample('leave'), evidence: ['photo.jpg'] }, /field "evidence\[0\]": a SHA-256 hex digest/],
    ['single choice with two right answers', 'catalog', { ...sample('catalog', 'question-bank'), questions: [{ id: 'q', type: 'single', prompt: 'p', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], answer: ['a', 'b'] }] }, /field "questions\[0\]\.answer": a single choice question has exactly one right option/],
    ['true/false with an option answer', 'catalog', { ...sample('catalog', 'question-bank'), questions: [{ id: 'q', type: 'true-false', prompt: 'p', answer: ['a'] }] }, /questions\[0\]\.answer/],
    ['standardisation course without topic', 'catalog', { ...sample('catalog', 'course'), category: 'standardisation' }, /field "topic"/],
    ['organisation scoped to a site', 'catalog', { ...sample('catalog', 'organisation'), siteId: 'site-hall-1' }, /field "siteId": The organisation is organisation-wide/],
    ['bad policy value', 'catalog', { ...sample('catalog', 'organisation'), policy: { attendance: { graceMinutes: -1 } } }, /field "policy\.attendance\.graceMinutes"/],
    ['template with a levels item of one level', 'catalog', { ...sample('catalog', 'inspection-template'), sections: [{ id: 's', title: 'S', weight: 100, items: [{ id: 'i', label: 'L', type: 'levels', weight: 5, levels: [{ id: 'a', label: 'A', points: 5 }] }] }] }, /levels item needs at least two levels/],
    ['template whose condition looks ahead', 'catalog', { ...sample('catalog', 'inspection-template'), sections: [{ id: 's', title: 'S', weight: 100, items: [{ id: 'i', label: 'L', type: 'pass-fail', weight: 5, showIf: { itemId: 'j', anyOf: ['fail'] } }, { id: 'j', label: 'J', type: 'pass-fail', weight: 5 }] }] }, /showIf refers to j, which is not an earlier item/],
    ['template with the wrong id', 'catalog', { ...sample('catalog', 'inspection-template'), version: 2 }, /field "id": id must be template:floor-discipline:2/],
    ['session ending before it starts', 'training', { ...sample('training', 'session'), end: '08:00' }, /field "end"/],
    ['question-bank exam without a bank', 'training', without(sample('training', 'exam'), 'questionBankId'), /field "questionBankId"/],
    ['exam result with a random id', 'results', { ...sample('results', 'exam-result'), attempt: 2 }, /field "id": id must be result:exam-1:staff-1:2/],
    ['final result without a score', 'results', { ...sample('results', 'exam-result'), status: 'final' }, /field "finalScore"/],
    ['certificate expiring before issue', 'results', { ...sample('results', 'certificate'), expiresOn: '2025-01-01' }, /field "expiresOn"/],
    ['inspection with two answers to an item', 'inspections', { ...sample('inspections', 'inspection'), answers: [(sample('inspections', 'inspection').answers as Doc[])[0], (sample('inspections', 'inspection').answers as Doc[])[0]] }, /field "answers": An item has two answers/],
    ['submitted inspection without submittedAt', 'inspections', without(sample('inspections', 'inspection'), 'submittedAt'), /field "submittedAt"/],
    ['notes that are not base64', 'inspections', { ...sample('inspections', 'inspection'), notes: 'not base64!' }, /field "notes": base64/],
    ['score above 100', 'inspections', { ...sample('inspections', 'inspection'), score: 120 }, /field "score"/],
    ['closed action without verifier', 'inspections', { ...sample('inspections', 'action'), status: 'closed' }, /field "closedBy"/],
    ['action due before it was raised', 'inspections', { ...sample('inspections', 'action'), dueDay: '2025-03-01' }, /field "dueDay"/],
    ['locked review without client score', 'reviews', without(sample('reviews'), 'clientScore', 'clientScoredBy'), /field "locked": A locked review has both scores/],
    ['review with a bad month', 'reviews', { ...sample('reviews'), month: '2025-13' }, /field "month": YYYY-MM/],
  ];
  it.each(cases)('%s', (_title, name, doc, reason) => {
    const result = validateDocument(name, doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('limits a long list of problems', () => {
    const result = validateDocument('staff', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/and \d+ more\.$/);
  });
});

describe('multi-kind envelopes', () => {
  it('declare every field of every kind and require only what all kinds require', () => {
    const spec: CollectionSpec = collections.rosters;
    const shape = spec.schema.shape;
    for (const field of ['postId', 'shiftId', 'slotId', 'receiverId', 'openItems', 'requestedAt']) expect(shape).toHaveProperty(field);
    const required = Object.keys(shape).filter((k) => !shape[k]!.safeParse(undefined).success);
    expect(required.sort()).toEqual(['day', 'deviceId', 'id', 'kind', 'siteId', 'staffId', 'updatedAt', 'updatedBy']);
  });

  it('merge enums of the same field across kinds and still validate each kind exactly', () => {
    const spec: CollectionSpec = collections.inspections;
    const status = spec.schema.shape.status as unknown as { options: string[] };
    expect(status.options.sort()).toEqual(['closed', 'draft', 'evidence-submitted', 'in-progress', 'locked', 'open', 'reopened', 'submitted']);
    // 'open' is a status of actions only: the envelope alone would accept it; the kind's schema does not.
    expect(spec.schema.safeParse({ ...sample('inspections', 'inspection'), status: 'open' }).success).toBe(false);
  });
});

describe('site policy overrides', () => {
  it('keep only what the site changed (no defaults filled in)', () => {
    const parsed = policyOverridesSchema.parse({ attendance: { graceMinutes: 5 } });
    expect(parsed).toEqual({ attendance: { graceMinutes: 5 } });
    expect(policyOverridesSchema.safeParse({ attendance: { graceMinutes: -5 } }).success).toBe(false);
    expect(policyOverridesSchema.safeParse({ attendance: { grace: 5 } }).success).toBe(false);
  });

  it('apply field by field over the organisation policy', () => {
    const policy = applyPolicyOverrides(defaultPolicy, { attendance: { graceMinutes: 5 } });
    expect(policy.attendance.graceMinutes).toBe(5);
    expect(policy.attendance.absenceThresholdMinutes).toBe(defaultPolicy.attendance.absenceThresholdMinutes);
    expect(policy.leave).toBe(defaultPolicy.leave);
    expect(applyPolicyOverrides(defaultPolicy, undefined)).toBe(defaultPolicy);
  });
});
