import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultPolicy, policySchema } from '../policy';
import { inspectionTemplateSchema, type InspectionTemplate } from '../schemas/inspection-template';
import { gradeFor, scoreInspection, type AnswerLike, type SectionLike } from './inspection';
import {
  callQualityTemplate,
  floorDisciplineTemplate,
  seedTemplateDocument,
  seedTemplates,
  windowSupervisionTemplate,
  workOrderQualityTemplate,
  type SeedTemplate,
} from './inspection-templates';

const meta = { updatedAt: '2025-03-01T00:00:00.000Z', updatedBy: 'system', deviceId: 'seed' };
const parsed = (seed: SeedTemplate): InspectionTemplate => inspectionTemplateSchema.parse(seedTemplateDocument(seed, meta));
const all = (t: InspectionTemplate, choiceFor: (item: InspectionTemplate['sections'][number]['items'][number]) => string): AnswerLike[] =>
  t.sections.flatMap((s) => s.items.map((i) => ({ itemId: i.id, choice: choiceFor(i) })));
const best = (i: { type: string; levels?: { id: string; points: number }[] }) =>
  i.type === 'levels' ? [...i.levels!].sort((a, b) => b.points - a.points)[0]!.id : i.type === 'yes-no-na' ? 'yes' : 'pass';
const itemMax = (t: InspectionTemplate) => t.sections.flatMap((s) => s.items).reduce((n, i) => n + i.weight, 0);

describe('DOMAIN.md seed templates (ship them with the app), each totalling 100', () => {
  it.each(seedTemplates.map((t) => [t.name, t] as const))('%s is a valid template whose section weights total 100 and scores 100 when all is well', (_n, seed) => {
    const t = parsed(seed);
    expect(t.sections.reduce((n, s) => n + s.weight, 0)).toBe(100);
    expect(scoreInspection(t.sections, all(t, best), defaultPolicy).score).toBe(100);
  });

  it('窗口督导检查表: "seven dimensions (our weights, total 100): 服务环境 15 · 业务规范 10 · 服务态度 20 · 服务效率 15 · 仪容仪表 10 · 工作纪律 20 · 投诉监督 10"', () => {
    const t = parsed(windowSupervisionTemplate);
    expect(t.sections.map((s) => [s.title, s.weight])).toEqual([
      ['服务环境', 15],
      ['业务规范', 10],
      ['服务态度', 20],
      ['服务效率', 15],
      ['仪容仪表', 10],
      ['工作纪律', 20],
      ['投诉监督', 10],
    ]);
    for (const s of t.sections) expect(s.items.reduce((n, i) => n + i.weight, 0)).toBe(s.weight);
  });

  it('通话质量评分: "16 items, 100 points, three levels each" with the exact points', () => {
    const t = parsed(callQualityTemplate);
    const items = t.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(16);
    expect(itemMax(t)).toBe(100);
    expect(items.map((i) => i.levels!.map((l) => l.points).join('/'))).toEqual([
      '8/4/0', // opening and closing phrases
      '6/3/0', // clear speech
      '6/3/0', // standard phrasing
      '5/3/0', // pace
      '5/3/0', // tone
      '5/3/0', // patience
      '5/3/0', // emotional control
      '5/3/0', // listening
      '5/3/0', // expression
      '5/3/0', // responsiveness
      '5/3/0', // service guidance
      '10/5/0', // professional knowledge
      '5/3/0', // processing speed
      '5/3/0', // independent handling
      '10/5/0', // call reception
      '10/5/0', // operating rules
    ]);
  });

  it('工单质量评分: "customer information 30, order type and responsible unit 30, business content 30, other 10; veto to 0: process not followed, or a wrong responsible unit"', () => {
    const t = parsed(workOrderQualityTemplate);
    expect(t.sections.map((s) => s.weight)).toEqual([30, 30, 30, 10]);
    expect(itemMax(t)).toBe(100);
    const vetoes = t.sections.flatMap((s) => s.items).filter((i) => i.critical);
    expect(vetoes.map((i) => [i.id, i.vetoScope])).toEqual([
      ['unit-not-wrong', 'inspection'],
      ['process-followed', 'inspection'],
    ]);
    const wrongUnit = all(t, (i) => (i.id === 'unit-not-wrong' ? 'fail' : best(i)));
    expect(scoreInspection(t.sections, wrongUnit, defaultPolicy)).toMatchObject({ score: 0, vetoed: true, grade: { label: '不合格' } });
  });

  it('现场纪律检查: "(pass / fail items): desk tidy; uniform, badge; civil language; no personal items or non-work activity; arrived 10 minutes early; never refused a call or hid a complaint; confidentiality kept"', () => {
    const t = parsed(floorDisciplineTemplate);
    const items = t.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(7);
    expect(items.every((i) => i.type === 'pass-fail')).toBe(true);
    expect(itemMax(t)).toBe(100);
    const oneFail = all(t, (i) => (i.id === 'arrived-early' ? 'fail' : 'pass'));
    expect(scoreInspection(t.sections, oneFail, defaultPolicy)).toMatchObject({ score: 85, failed: [{ itemId: 'arrived-early', critical: false }] });
  });
});

describe('DOMAIN.md scoring: "Items carry weights; a critical (veto) item failing sets its section or the whole inspection to 0"', () => {
  const lv = (id: string, good: number, fair: number, extra: object = {}) => ({
    id,
    type: 'levels' as const,
    weight: good,
    levels: [
      { id: 'good', label: '好', points: good },
      { id: 'fair', label: '中', points: fair },
      { id: 'poor', label: '差', points: 0 },
    ],
    critical: false,
    vetoScope: 'inspection' as const,
    ...extra,
  });
  const yn = (id: string, weight: number, extra: object = {}) => ({ id, type: 'yes-no-na' as const, weight, critical: false, vetoScope: 'inspection' as const, ...extra });
  const sections: SectionLike[] = [
    { id: 'a', weight: 60, items: [lv('a1', 8, 4), yn('a2', 2)] },
    { id: 'b', weight: 40, items: [yn('b1', 1), yn('b2', 1, { critical: true, vetoScope: 'section' })] },
  ];

  it('"graded levels with points (e.g. 8 / 4 / 0)" and weights per section', () => {
    const r = scoreInspection(sections, [{ itemId: 'a1', choice: 'fair' }, { itemId: 'a2', choice: 'yes' }, { itemId: 'b1', choice: 'yes' }, { itemId: 'b2', choice: 'yes' }], defaultPolicy);
    // a: 6 of 10 → 60 % of 60 = 36; b: 100 % of 40.
    expect(r.sections.map((s) => [s.sectionId, s.score, s.points])).toEqual([
      ['a', 60, 36],
      ['b', 100, 40],
    ]);
    expect(r).toMatchObject({ score: 76, grade: { grade: 'pass', label: '合格' } });
  });

  it('"yes / no / not applicable": not-applicable items are re-normalised away', () => {
    const r = scoreInspection(sections, [{ itemId: 'a1', choice: 'good' }, { itemId: 'a2', choice: 'na' }, { itemId: 'b1', choice: 'na' }, { itemId: 'b2', choice: 'yes' }], defaultPolicy);
    expect(r.score).toBe(100);
    const allNa = scoreInspection(sections, [{ itemId: 'a1', choice: 'good' }, { itemId: 'a2', choice: 'yes' }, { itemId: 'b1', choice: 'na' }, { itemId: 'b2', choice: 'na' }], defaultPolicy);
    expect(allNa.sections[1]!.score).toBeNull();
    expect(allNa.score).toBe(100);
  });

  it('a failed critical item with section scope zeroes its section only', () => {
    const r = scoreInspection(sections, [{ itemId: 'a1', choice: 'good' }, { itemId: 'a2', choice: 'yes' }, { itemId: 'b1', choice: 'yes' }, { itemId: 'b2', choice: 'no' }], defaultPolicy);
    expect(r.sections[1]).toMatchObject({ score: 0, vetoed: true });
    expect(r).toMatchObject({ score: 60, vetoed: false });
  });

  it('"a number, text, required photo" items are recorded but not scored', () => {
    const mixed: SectionLike[] = [
      {
        id: 's',
        weight: 100,
        items: [
          yn('ok', 1),
          { id: 'queue', type: 'number', weight: 0, critical: false, vetoScope: 'inspection' },
          { id: 'remark', type: 'text', weight: 0, critical: false, vetoScope: 'inspection' },
          { id: 'pic', type: 'photo', weight: 0, critical: false, vetoScope: 'inspection' },
        ],
      },
    ];
    expect(scoreInspection(mixed, [{ itemId: 'ok', choice: 'yes' }], defaultPolicy)).toMatchObject({ score: 100, unanswered: [], failed: [] });
  });

  it('unanswered items earn 0 and are listed; hidden items (showIf) do not count', () => {
    const cond: SectionLike[] = [{ id: 's', weight: 100, items: [yn('q', 1), yn('follow', 1, { showIf: { itemId: 'q', anyOf: ['no'] } })] }];
    expect(scoreInspection(cond, [{ itemId: 'q', choice: 'yes' }], defaultPolicy)).toMatchObject({ score: 100, unanswered: [] });
    expect(scoreInspection(cond, [{ itemId: 'q', choice: 'no' }], defaultPolicy)).toMatchObject({ score: 0, unanswered: [{ itemId: 'follow', instance: 0 }] });
  });

  it('repeated sections (each window) are scored per instance and averaged', () => {
    const rep: SectionLike[] = [{ id: 'w', weight: 100, repeatable: true, items: [yn('ok', 1)] }];
    const r = scoreInspection(rep, [{ itemId: 'ok', instance: 0, choice: 'yes' }, { itemId: 'ok', instance: 1, choice: 'no' }], defaultPolicy);
    expect(r).toMatchObject({ score: 50, sections: [{ instances: 2 }] });
  });

  it.each([
    [95, '优秀'],
    [90, '优秀'],
    [89.99, '良好'],
    [80, '良好'],
    [60, '合格'],
    [59.5, '不合格'],
    [0, '不合格'],
  ])('grade bands (our default: 优秀 ≥90, 良好 ≥80, 合格 ≥60, 不合格 <60): %d → %s', (score, label) => {
    expect(gradeFor(score, defaultPolicy)?.label).toBe(label);
  });

  it('grade bands follow the policy', () => {
    const p = policySchema.parse({ inspection: { gradeBands: [{ grade: 'ok', label: '达标', min: 70 }] } });
    expect(gradeFor(75, p)?.label).toBe('达标');
    expect(gradeFor(65, p)).toBeNull();
  });

  it('scores stay within 0–100 whatever the answers', () => {
    const choices = fc.constantFrom('good', 'fair', 'poor', 'yes', 'no', 'na', 'pass', 'fail', 'nonsense');
    fc.assert(
      fc.property(fc.constantFrom(...seedTemplates), fc.array(choices, { minLength: 20, maxLength: 20 }), (seed, picks) => {
        const t = parsed(seed);
        const answers = t.sections.flatMap((s) => s.items).map((i, k) => ({ itemId: i.id, choice: picks[k % picks.length]! }));
        const r = scoreInspection(t.sections, answers, defaultPolicy);
        for (const s of [r.score, ...r.sections.map((x) => x.score)]) {
          if (s === null) continue;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});
