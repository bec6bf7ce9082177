import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../policy';
import type { Inspection, InspectionAnswer, Signature } from '../schemas/inspection';
import { inspectionTemplateSchema, type InspectionTemplate, type TemplateSection } from '../schemas/inspection-template';
import { scoreInspection } from './inspection';
import {
  actionDefaults,
  applyAnswer,
  findAnswer,
  findingsWithoutAction,
  isItemShown,
  lockInspection,
  nextInstance,
  sectionInstances,
  submissionProblems,
  submitInspection,
  withSignature,
} from './inspection-run';
import { floorDisciplineTemplate, seedTemplateDocument, windowSupervisionTemplate } from './inspection-templates';

const meta = { updatedAt: '2025-03-01T00:00:00.000Z', updatedBy: 'system', deviceId: 'seed' };
const window = inspectionTemplateSchema.parse(seedTemplateDocument(windowSupervisionTemplate, meta));
const floor = inspectionTemplateSchema.parse(seedTemplateDocument(floorDisciplineTemplate, meta));
const AT = '2025-03-03T02:00:00.000Z';
const sha = (c: string) => c.repeat(64);

/** A template with a repeated section and conditional items, to exercise the edge cases. */
const conditional: TemplateSection[] = inspectionTemplateSchema.parse({
  ...seedTemplateDocument(
    {
      templateKey: 'conditional',
      name: 'Conditional',
      description: '',
      appliesTo: ['hall'],
      sections: [
        {
          id: 'general',
          title: 'General',
          weight: 50,
          items: [
            { id: 'queue-ok', label: 'Queue ok', type: 'pass-fail', weight: 10 },
            { id: 'queue-length', label: 'Queue length', type: 'number', min: 0, max: 200, showIf: { itemId: 'queue-ok', anyOf: ['fail'] } },
          ],
        },
        {
          id: 'window',
          title: 'Each window',
          weight: 50,
          repeatable: true,
          maxRepeats: 3,
          items: [
            { id: 'staffed', label: 'Staffed', type: 'yes-no-na', weight: 5 },
            { id: 'why-not', label: 'Why not', type: 'text', showIf: { itemId: 'staffed', anyOf: ['no'] } },
            { id: 'queue-note', label: 'Queue note', type: 'text', required: false, showIf: { itemId: 'queue-ok', anyOf: ['fail'] } },
          ],
        },
      ],
    },
    meta,
  ),
}).sections;

const answer = (itemId: string, fields: Partial<InspectionAnswer> = {}): InspectionAnswer => ({
  itemId,
  instance: 0,
  photos: [],
  answeredAt: AT,
  answeredBy: 'user-inspector',
  ...fields,
});
const signatures: Signature[] = [
  { role: 'inspector', name: '何建华', media: sha('a'), signedAt: AT },
  { role: 'site-lead', name: '王组长', media: sha('b'), signedAt: AT },
];
const best = (t: InspectionTemplate) =>
  t.sections.flatMap((s) => s.items.map((i) => answer(i.id, { choice: i.type === 'levels' ? 'good' : i.type === 'yes-no-na' ? 'yes' : 'pass' })));

function draft(t: InspectionTemplate, answers: InspectionAnswer[], sigs = signatures): Inspection {
  return {
    id: 'insp-1',
    siteId: 'site-hall-1',
    ...meta,
    kind: 'inspection',
    templateId: t.id,
    templateKey: t.templateKey,
    templateVersion: t.version,
    day: '2025-03-03',
    mode: 'patrol',
    inspectorId: 'user-inspector',
    staffId: 'staff-1',
    startedAt: AT,
    answers,
    instanceLabels: [],
    photos: [],
    signatures: sigs,
    status: 'draft',
  };
}

describe('repeated sections', () => {
  it.each([
    ['a section that does not repeat has instance 0 only', conditional[0]!, [answer('queue-ok', { instance: 3 })], [], [0]],
    ['answered and labelled instances of a repeated section', conditional[1]!, [answer('staffed', { instance: 2 })], [{ sectionId: 'window', instance: 1, label: '窗口2' }], [0, 1, 2]],
    ['labels of another section do not count', conditional[1]!, [], [{ sectionId: 'general', instance: 4, label: 'x' }], [0]],
  ])('%s', (_name, section, answers, instanceLabels, expected) => {
    expect(sectionInstances(section, { answers, instanceLabels })).toEqual(expected);
  });

  it('adds instances up to maxRepeats', () => {
    const section = conditional[1]!;
    expect(nextInstance(section, { answers: [], instanceLabels: [] })).toBe(1);
    expect(nextInstance(section, { answers: [answer('staffed', { instance: 1 }), answer('staffed', { instance: 2 })], instanceLabels: [] })).toBeNull();
    expect(nextInstance(conditional[0]!, { answers: [], instanceLabels: [] })).toBeNull();
  });
});

describe('conditional items (show B when A fails)', () => {
  it.each([
    ['hidden while its condition is unanswered', 'general', 'queue-length', 0, [], false],
    ['shown when the condition holds', 'general', 'queue-length', 0, [answer('queue-ok', { choice: 'fail' })], true],
    ['hidden when it does not', 'general', 'queue-length', 0, [answer('queue-ok', { choice: 'pass' })], false],
    ['in a repeated section, the same instance decides', 'window', 'why-not', 1, [answer('staffed', { instance: 1, choice: 'no' })], true],
    ['… not another instance', 'window', 'why-not', 1, [answer('staffed', { instance: 0, choice: 'no' })], false],
    ['a condition in another section looks at instance 0', 'window', 'queue-note', 2, [answer('queue-ok', { choice: 'fail' })], true],
  ] as const)('%s', (_name, sectionId, itemId, instance, answers, shown) => {
    const item = conditional.flatMap((s) => s.items).find((i) => i.id === itemId)!;
    expect(isItemShown(conditional, sectionId, item, instance, answers)).toBe(shown);
  });

  it('agrees with the scoring rule: an unanswered scored item is counted exactly when it is shown', () => {
    const choice = fc.constantFrom(undefined, 'pass', 'fail', 'yes', 'no', 'na');
    fc.assert(
      fc.property(choice, choice, choice, (q, s0, s1) => {
        const answers = [
          ...(q ? [answer('queue-ok', { choice: q })] : []),
          ...(s0 ? [answer('staffed', { choice: s0 })] : []),
          ...(s1 ? [answer('staffed', { instance: 1, choice: s1 })] : []),
        ];
        const scored = scoreInspection(conditional, answers, defaultPolicy).unanswered.map((u) => `${u.itemId}#${u.instance}`);
        const expected = conditional.flatMap((section) =>
          sectionInstances(section, { answers, instanceLabels: [] }).flatMap((instance) =>
            section.items
              .filter((item) => item.weight > 0 && !findAnswer(answers, item.id, instance)?.choice)
              .filter((item) => isItemShown(conditional, section.id, item, instance, answers))
              .map((item) => `${item.id}#${instance}`),
          ),
        );
        expect(scored.sort()).toEqual(expected.sort());
      }),
    );
  });
});

describe('applyAnswer: one item, one instance, its own time stamp', () => {
  const before = [answer('desk-tidy', { choice: 'pass' }), answer('civil-language', { choice: 'pass', photos: [sha('c')] })];

  it('replaces only the answered item and stamps it', () => {
    const after = applyAnswer(before, 'civil-language', 0, { choice: 'fail' }, '2025-03-03T03:00:00.000Z', 'user-2');
    expect(after).toHaveLength(2);
    expect(findAnswer(after, 'desk-tidy', 0)).toBe(before[0]);
    expect(findAnswer(after, 'civil-language', 0)).toEqual({ ...before[1], choice: 'fail', answeredAt: '2025-03-03T03:00:00.000Z', answeredBy: 'user-2' });
  });

  it.each([
    ['adds a new answer', [], 'uniform-badge', 1, { choice: 'pass' }, { choice: 'pass', photos: [] }],
    ['clears a value with null', before, 'desk-tidy', 0, { choice: null }, { photos: [] }],
    ['keeps photos unique', before, 'civil-language', 0, { photos: [sha('c'), sha('d'), sha('c')] }, { choice: 'pass', photos: [sha('c'), sha('d')] }],
    ['records numbers and text', [], 'queue-length', 0, { number: 12, text: '排队' }, { number: 12, text: '排队', photos: [] }],
  ] as const)('%s', (_name, answers, itemId, instance, patch, expected) => {
    const got = findAnswer(applyAnswer(answers, itemId, instance, patch, AT, 'u'), itemId, instance)!;
    const { itemId: _i, instance: _n, answeredAt: _a, answeredBy: _b, ...value } = got;
    expect(value).toEqual(expected);
  });
});

describe('submission', () => {
  it('a fully answered, twice signed inspection may be submitted', () => {
    expect(submissionProblems(window.sections, draft(window, best(window)))).toEqual([]);
  });

  it('lists unanswered items, missing photos and missing signatures', () => {
    const answers = best(floor)
      .filter((a) => a.itemId !== 'civil-language')
      .map((a) => (a.itemId === 'desk-tidy' ? { ...a, choice: 'fail' } : a));
    expect(submissionProblems(floor.sections, draft(floor, answers, [signatures[0]!]))).toEqual([
      { kind: 'photo-required', sectionId: 'discipline', itemId: 'desk-tidy', instance: 0 },
      { kind: 'unanswered', sectionId: 'discipline', itemId: 'civil-language', instance: 0 },
      { kind: 'signature-missing', role: 'site-lead' },
    ]);
  });

  it('a failed item whose photo rule is on-fail is fine with a photo', () => {
    const answers = best(floor).map((a) => (a.itemId === 'desk-tidy' ? { ...a, choice: 'fail', photos: [sha('e')] } : a));
    expect(submissionProblems(floor.sections, draft(floor, answers))).toEqual([]);
  });

  it('hidden conditional items are not required; shown ones are, numbers within range', () => {
    const base = [answer('queue-ok', { choice: 'pass' }), answer('staffed', { choice: 'yes' })];
    const t = { ...window, sections: conditional };
    expect(submissionProblems(conditional, draft(t, base))).toEqual([]);
    const failing = [answer('queue-ok', { choice: 'fail' }), answer('queue-length', { number: 500 }), answer('staffed', { choice: 'no' })];
    expect(submissionProblems(conditional, draft(t, failing))).toEqual([
      { kind: 'out-of-range', sectionId: 'general', itemId: 'queue-length', instance: 0 },
      { kind: 'unanswered', sectionId: 'window', itemId: 'why-not', instance: 0 },
    ]);
  });

  it('submitting stores the score of the domain rule and moves the status forward', () => {
    const answers = best(window).map((a) =>
      a.itemId === 'premises-clean' ? { ...a, choice: 'poor', photos: [sha('f')] } : a.itemId === 'manner' ? { ...a, choice: 'fair' } : a,
    );
    const submitted = submitInspection(draft(window, answers), window.sections, defaultPolicy, '2025-03-03T04:00:00.000Z');
    const expected = scoreInspection(window.sections, answers, defaultPolicy);
    expect(submitted.status).toBe('submitted');
    expect(submitted.submittedAt).toBe('2025-03-03T04:00:00.000Z');
    expect(submitted.score).toBe(expected.score);
    expect(submitted.score).toBe(93.5);
    expect(submitted.grade).toBe('excellent');
    expect(submitted.sectionScores?.find((s) => s.sectionId === 'environment')?.score).toBe(73.33);
    expect(() => submitInspection(submitted, window.sections, defaultPolicy, AT)).toThrow(/already submitted/);
    expect(() => submitInspection(draft(window, []), window.sections, defaultPolicy, AT)).toThrow(/not ready/);
    expect(lockInspection(submitted, AT)).toMatchObject({ status: 'locked', lockedAt: AT });
    expect(() => lockInspection(draft(window, answers), AT)).toThrow();
  });

  it('a second signature of the same role replaces the first', () => {
    const again = withSignature(signatures, { role: 'inspector', name: '李', media: sha('9'), signedAt: AT });
    expect(again.map((s) => [s.role, s.name])).toEqual([
      ['site-lead', '王组长'],
      ['inspector', '李'],
    ]);
  });
});

describe('corrective actions from failed items', () => {
  it('are due after the policy’s days and ask for a photo when the item had one', () => {
    const item = window.sections[0]!.items[0]!;
    expect(actionDefaults({ day: '2025-03-03', staffId: 'staff-1' }, item, defaultPolicy)).toEqual({
      day: '2025-03-03',
      dueDay: '2025-03-10',
      title: '整改：场所干净整洁',
      requiredEvidence: '整改后现场照片',
      staffId: 'staff-1',
    });
    const policy = { ...defaultPolicy, inspection: { ...defaultPolicy.inspection, correctiveActionDueDays: 3 } };
    expect(actionDefaults({ day: '2025-03-03' }, window.sections[1]!.items[0]!, policy)).toMatchObject({ dueDay: '2025-03-06', requiredEvidence: '整改情况说明及照片' });
  });

  it('findings already raised are not offered again', () => {
    const failed = [
      { sectionId: 's', itemId: 'a', instance: 0, critical: false },
      { sectionId: 's', itemId: 'a', instance: 1, critical: false },
      { sectionId: 's', itemId: 'b', instance: 0, critical: true },
    ];
    expect(findingsWithoutAction(failed, [{ itemId: 'a', instance: 1 }])).toEqual([failed[0], failed[2]]);
  });
});
