import { z } from 'zod';
import { templateVersionId } from '../ids';
import { ORG_WIDE } from '../schemas/common';
import {
  inspectionTemplateSchema,
  type InspectionTemplate,
  type TemplateItem,
  type TemplateSection,
} from '../schemas/inspection-template';

/**
 * Versions of inspection templates (DOMAIN.md: "Templates are versioned; an
 * inspection keeps the version it was started on"): editing never changes a
 * stored version, it writes the next one; import and export as JSON.
 */

/** What an author edits: a template without its identity and bookkeeping. */
export type TemplateContent = Pick<InspectionTemplate, 'templateKey' | 'name' | 'appliesTo' | 'status' | 'sections'> &
  Partial<Pick<InspectionTemplate, 'description'>>;

type Versioned = Pick<InspectionTemplate, 'templateKey' | 'version' | 'status'>;

/** The newest version of each template key, in key order. */
export function latestVersions<T extends Versioned>(templates: readonly T[]): T[] {
  const newest = new Map<string, T>();
  for (const t of templates) {
    const seen = newest.get(t.templateKey);
    if (!seen || t.version > seen.version) newest.set(t.templateKey, t);
  }
  return [...newest.values()].sort((a, b) => a.templateKey.localeCompare(b.templateKey));
}

/** The newest published version of each key: what a new inspection starts on. */
export function startableTemplates<T extends Versioned>(templates: readonly T[]): T[] {
  return latestVersions(templates.filter((t) => t.status === 'published'));
}

/** The version number the next edit of `templateKey` gets. */
export function nextVersion(templates: readonly Versioned[], templateKey: string): number {
  return Math.max(0, ...templates.filter((t) => t.templateKey === templateKey).map((t) => t.version)) + 1;
}

/** The document of a new version (without author stamps, which the write path adds). */
export function templateVersionDocument(content: TemplateContent, version: number): Omit<InspectionTemplate, 'updatedAt' | 'updatedBy' | 'deviceId'> {
  return {
    id: templateVersionId(content.templateKey, version),
    siteId: ORG_WIDE,
    kind: 'inspection-template',
    templateKey: content.templateKey,
    version,
    name: content.name,
    ...(content.description ? { description: content.description } : {}),
    appliesTo: content.appliesTo,
    status: content.status,
    sections: content.sections,
  };
}

export function contentOf(t: InspectionTemplate): TemplateContent {
  return {
    templateKey: t.templateKey,
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    appliesTo: t.appliesTo,
    status: t.status,
    sections: t.sections,
  };
}

export interface ContentIssue {
  /** Path inside the content, e.g. ['sections', 0, 'items', 2, 'weight']. */
  path: (string | number)[];
  message: string;
}

const STAMP = { updatedAt: '2000-01-01T00:00:00.000Z', updatedBy: 'check', deviceId: 'check' };

/** Validates edited content with the shared template schema; issues carry content paths for the form. */
export function checkContent(content: TemplateContent): { ok: true; content: TemplateContent } | { ok: false; issues: ContentIssue[] } {
  const result = inspectionTemplateSchema.safeParse({ ...templateVersionDocument(content, 1), ...STAMP });
  if (result.success) return { ok: true, content: contentOf(result.data) };
  return {
    ok: false,
    issues: result.error.issues
      .filter((i) => i.path[0] !== 'id')
      .map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: i.message })),
  };
}

/** Sum of the section weights: the total points of the template (usually 100). */
export function totalWeight(sections: readonly Pick<TemplateSection, 'weight'>[]): number {
  return sections.reduce((n, s) => n + s.weight, 0);
}

/** A key not yet used among `taken`, from `base` (lower-case, digits, hyphens). */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const stem = base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'item';
  const start = /^[a-z0-9]/.test(stem) ? stem : `k-${stem}`;
  if (!used.has(start)) return start;
  for (let n = 2; ; n++) if (!used.has(`${start}-${n}`)) return `${start}-${n}`;
}

/** Every item id of a template (ids are unique across sections). */
export function itemIds(sections: readonly Pick<TemplateSection, 'items'>[]): string[] {
  return sections.flatMap((s) => s.items.map((i) => i.id));
}

/** A new item of a kind with sensible defaults (a levels item gets 好 / 中 / 差). */
export function newItem(type: TemplateItem['type'], id: string, label: string): TemplateItem {
  const base = { id, label, type, weight: 0, critical: false, vetoScope: 'inspection', required: true, photo: 'never' } as const;
  switch (type) {
    case 'levels':
      return { ...base, weight: 4, levels: [{ id: 'good', label: '好', points: 4 }, { id: 'fair', label: '中', points: 2 }, { id: 'poor', label: '差', points: 0 }] };
    case 'pass-fail':
    case 'yes-no-na':
      return { ...base, weight: 5 };
    case 'photo':
      return { ...base, photo: 'always' };
    default:
      return { ...base };
  }
}

/** The file format of an exported template. */
export const TEMPLATE_FILE_FORMAT = 'hallops.inspection-template';

const templateFileSchema = z
  .object({
    format: z.literal(TEMPLATE_FILE_FORMAT),
    formatVersion: z.literal(1),
    template: z
      .object({
        templateKey: z.string(),
        name: z.string(),
        description: z.string().optional(),
        appliesTo: z.array(z.enum(['hall', 'hotline'])).optional(),
        // Checked in detail by checkContent, which names the failing field.
        sections: z.array(z.unknown()),
      })
      .loose(),
  })
  .loose();

/** A template as a portable JSON file (its version and bookkeeping stay behind: an import makes a new version). */
export function exportTemplate(t: InspectionTemplate): string {
  const { status: _status, ...content } = contentOf(t);
  return JSON.stringify({ format: TEMPLATE_FILE_FORMAT, formatVersion: 1, sourceVersion: t.version, template: content }, null, 2);
}

/**
 * Reads a template file. The result is published content, to be written as
 * the next version of its key (so importing over an existing template keeps
 * the old version for the inspections that use it).
 */
export function parseTemplateFile(text: string): { ok: true; content: TemplateContent } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const file = templateFileSchema.safeParse(json);
  if (!file.success) return { ok: false, reason: 'not-a-template-file' };
  const t = file.data.template;
  const checked = checkContent({
    templateKey: t.templateKey,
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    appliesTo: t.appliesTo ?? ['hall', 'hotline'],
    status: 'published',
    sections: t.sections as TemplateSection[],
  });
  if (!checked.ok) return { ok: false, reason: checked.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return checked;
}
