import { z } from 'zod';
import { templateVersionId } from '../ids';
import { docBase, nameSchema, textSchema } from './common';

/** Ids of sections and items: stable across template versions so answers and reports line up. */
export const itemKeySchema = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');

/**
 * Item kinds (DOMAIN.md "Inspections"): graded levels with points, pass/fail,
 * yes/no/not applicable, a number, text, a required photo.
 */
export const templateItemTypes = ['levels', 'pass-fail', 'yes-no-na', 'number', 'text', 'photo'] as const;
export const templateItemTypeSchema = z.enum(templateItemTypes);

/** One grade of a `levels` item, e.g. 好 8 / 中 4 / 差 0. */
export const templateLevelSchema = z
  .object({
    id: itemKeySchema,
    label: z.string().min(1).max(50),
    points: z.number().min(0).max(100),
  })
  .strict();

/** Shows an item only when an earlier item's answer is one of `anyOf` (choice values: level id, 'pass'/'fail', 'yes'/'no'/'na'). */
export const showIfSchema = z
  .object({
    itemId: itemKeySchema,
    anyOf: z.array(z.string().min(1).max(50)).min(1).max(20),
  })
  .strict();

export const templateItemSchema = z
  .object({
    id: itemKeySchema,
    label: z.string().min(1).max(300),
    type: templateItemTypeSchema,
    /**
     * Points the item is worth within its section: pass / yes earn them, fail / no earn 0,
     * 'na' leaves the item out (the section is re-normalised). For `levels` it is the
     * highest level's points. number, text and photo items are not scored (0).
     */
    weight: z.number().min(0).max(100).default(0),
    levels: z.array(templateLevelSchema).max(10).optional(),
    /** A veto item: failing it (fail, no, or the lowest level) zeroes `vetoScope`. */
    critical: z.boolean().default(false),
    vetoScope: z.enum(['section', 'inspection']).default('inspection'),
    /** An inspection cannot be submitted with this item unanswered (unless hidden by `showIf`). */
    required: z.boolean().default(true),
    /** A photo as evidence: never, always, or when the item fails. `photo` items always need one. */
    photo: z.enum(['never', 'always', 'on-fail']).default('never'),
    guidance: textSchema.optional(),
    showIf: showIfSchema.optional(),
    /** For number items. */
    unit: z.string().max(20).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.type === 'levels') {
      if (!item.levels || item.levels.length < 2) {
        ctx.addIssue({ code: 'custom', path: ['levels'], message: 'A levels item needs at least two levels' });
      } else if (item.weight !== Math.max(...item.levels.map((l) => l.points))) {
        ctx.addIssue({ code: 'custom', path: ['weight'], message: "A levels item's weight must equal its highest level's points" });
      }
    } else if (item.levels) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: `A ${item.type} item has no levels` });
    }
    if (['number', 'text', 'photo'].includes(item.type) && (item.weight !== 0 || item.critical)) {
      ctx.addIssue({ code: 'custom', path: ['weight'], message: `A ${item.type} item is not scored: weight 0 and not critical` });
    }
    if (item.min !== undefined && item.max !== undefined && item.min > item.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min is greater than max' });
    }
  });

export const templateSectionSchema = z
  .object({
    id: itemKeySchema,
    title: z.string().min(1).max(100),
    /** The section's share of the total (weights of all sections usually add up to 100); a dimension in reports. */
    weight: z.number().min(0).max(100),
    /** Repeated for each instance inspected (e.g. each window); instances are scored and averaged. */
    repeatable: z.boolean().default(false),
    maxRepeats: z.number().int().min(1).max(100).optional(),
    guidance: textSchema.optional(),
    items: z.array(templateItemSchema).min(1).max(100),
  })
  .strict();

/**
 * A versioned inspection checklist (catalog collection). A change is a new
 * document with the next version (id from `templateVersionId`); inspections
 * keep the version they were started on.
 */
export const inspectionTemplateSchema = z
  .object({
    ...docBase,
    kind: z.literal('inspection-template'),
    /** Stable across versions, e.g. 'window-supervision'. */
    templateKey: itemKeySchema,
    version: z.number().int().min(1).max(10_000),
    name: nameSchema,
    description: textSchema.optional(),
    appliesTo: z.array(z.enum(['hall', 'hotline'])).min(1).max(2).default(['hall', 'hotline']),
    status: z.enum(['draft', 'published', 'retired']).default('published'),
    sections: z.array(templateSectionSchema).min(1).max(50),
  })
  .strict()
  .superRefine((t, ctx) => {
    const expectedId = templateVersionId(t.templateKey, t.version);
    if (t.id !== expectedId) ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be ${expectedId} (templateVersionId)` });
    const sectionIds = new Set<string>();
    const itemIds = new Set<string>();
    t.sections.forEach((section, s) => {
      if (sectionIds.has(section.id)) ctx.addIssue({ code: 'custom', path: ['sections', s, 'id'], message: `Duplicate section id ${section.id}` });
      sectionIds.add(section.id);
      section.items.forEach((item, i) => {
        if (itemIds.has(item.id)) ctx.addIssue({ code: 'custom', path: ['sections', s, 'items', i, 'id'], message: `Duplicate item id ${item.id}` });
        // Conditions look back only, so a form can be filled top to bottom and cycles are impossible.
        if (item.showIf && !itemIds.has(item.showIf.itemId)) {
          ctx.addIssue({ code: 'custom', path: ['sections', s, 'items', i, 'showIf', 'itemId'], message: `showIf refers to ${item.showIf.itemId}, which is not an earlier item` });
        }
        itemIds.add(item.id);
      });
    });
  });

export type TemplateItem = z.infer<typeof templateItemSchema>;
export type TemplateSection = z.infer<typeof templateSectionSchema>;
export type InspectionTemplate = z.infer<typeof inspectionTemplateSchema>;
