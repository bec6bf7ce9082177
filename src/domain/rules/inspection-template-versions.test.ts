import { describe, expect, it } from 'vitest';
import { validateDocument } from '../collections';
import { templateVersionId } from '../ids';
import { inspectionTemplateSchema, type InspectionTemplate } from '../schemas/inspection-template';
import {
  checkContent,
  contentOf,
  exportTemplate,
  latestVersions,
  newItem,
  nextVersion,
  parseTemplateFile,
  startableTemplates,
  templateVersionDocument,
  totalWeight,
  uniqueKey,
} from './inspection-template-versions';
import { seedTemplateDocument, seedTemplates, windowSupervisionTemplate } from './inspection-templates';

const meta = { updatedAt: '2025-03-01T00:00:00.000Z', updatedBy: 'system', deviceId: 'seed' };
const window = inspectionTemplateSchema.parse(seedTemplateDocument(windowSupervisionTemplate, meta));
const version = (t: InspectionTemplate, v: number, status: InspectionTemplate['status'] = 'published'): InspectionTemplate => ({
  ...t,
  id: templateVersionId(t.templateKey, v),
  version: v,
  status,
});

describe('versions', () => {
  const all = [window, version(window, 3, 'draft'), version(window, 2), ...seedTemplates.slice(1).map((s) => inspectionTemplateSchema.parse(seedTemplateDocument(s, meta)))];

  it('the newest version per key, and the newest published one to start inspections on', () => {
    expect(latestVersions(all).map((t) => `${t.templateKey}@${t.version}`)).toEqual([
      'call-quality@1',
      'floor-discipline@1',
      'window-supervision@3',
      'work-order-quality@1',
    ]);
    expect(startableTemplates(all).find((t) => t.templateKey === 'window-supervision')?.version).toBe(2);
  });

  it.each([
    ['window-supervision', 4],
    ['new-template', 1],
  ])('the next version of %s is %i', (key, expected) => {
    expect(nextVersion(all, key)).toBe(expected);
  });

  it('an edit becomes a new valid document with its own id; the old version is untouched', () => {
    const content = contentOf(window);
    const edited = { ...content, sections: content.sections.map((s, i) => (i === 0 ? { ...s, title: '服务环境（新）' } : s)) };
    const doc = templateVersionDocument(edited, 2);
    expect(doc.id).toBe(templateVersionId('window-supervision', 2));
    const checked = validateDocument('catalog', { ...doc, ...meta });
    expect(checked.ok).toBe(true);
    expect(window.sections[0]!.title).toBe('服务环境');
  });
});

describe('checking edited content', () => {
  it('accepts a seed template', () => {
    expect(checkContent(contentOf(window)).ok).toBe(true);
  });

  it.each([
    ['a levels item whose weight differs from its top level', (c: ReturnType<typeof contentOf>) => {
      c.sections[0]!.items[0] = { ...c.sections[0]!.items[0]!, weight: 7 };
    }, ['sections', 0, 'items', 0, 'weight']],
    ['a duplicate item id', (c: ReturnType<typeof contentOf>) => {
      c.sections[1]!.items[0] = { ...c.sections[1]!.items[0]!, id: 'premises-clean' };
    }, ['sections', 1, 'items', 0, 'id']],
    ['a condition on a later item', (c: ReturnType<typeof contentOf>) => {
      c.sections[0]!.items[0] = { ...c.sections[0]!.items[0]!, showIf: { itemId: 'manner', anyOf: ['poor'] } };
    }, ['sections', 0, 'items', 0, 'showIf', 'itemId']],
    ['an empty name', (c: ReturnType<typeof contentOf>) => {
      c.name = '';
    }, ['name']],
  ])('refuses %s and says where', (_name, mutate, path) => {
    const content = structuredClone(contentOf(window));
    mutate(content);
    const result = checkContent(content);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContainEqual(path);
  });

  it('new items of every kind are valid in a section', () => {
    for (const type of ['levels', 'pass-fail', 'yes-no-na', 'number', 'text', 'photo'] as const) {
      const content = contentOf(window);
      const item = newItem(type, uniqueKey(type, ['levels']), '新项目');
      const sections = [{ ...content.sections[0]!, items: [...content.sections[0]!.items, item] }, ...content.sections.slice(1)];
      expect(checkContent({ ...content, sections }).ok, type).toBe(true);
    }
  });

  it('section weights add up to the total', () => {
    expect(totalWeight(window.sections)).toBe(100);
  });

  it.each([
    ['Desk tidy!', [], 'desk-tidy'],
    ['desk-tidy', ['desk-tidy', 'desk-tidy-2'], 'desk-tidy-3'],
    ['桌面', [], 'item'],
    ['-x', [], 'x'],
  ])('uniqueKey(%s)', (base, taken, expected) => {
    expect(uniqueKey(base, taken)).toBe(expected);
  });
});

describe('import and export as JSON', () => {
  it('round-trips every seed template', () => {
    for (const seed of seedTemplates) {
      const t = inspectionTemplateSchema.parse(seedTemplateDocument(seed, meta));
      const back = parseTemplateFile(exportTemplate(t));
      expect(back).toEqual({ ok: true, content: { ...contentOf(t), status: 'published' } });
    }
  });

  it.each([
    ['not JSON', '{', 'not-json'],
    ['another file', JSON.stringify({ hello: 1 }), 'not-a-template-file'],
  ])('refuses %s', (_name, text, reason) => {
    expect(parseTemplateFile(text)).toEqual({ ok: false, reason });
  });

  it('refuses a template that breaks the rules, naming the field', () => {
    const file = JSON.parse(exportTemplate(window));
    file.template.sections[0].items[0].weight = 99;
    const result = parseTemplateFile(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/sections\.0\.items\.0\.weight/);
  });
});
