import { z } from 'zod';
import { calendarOverrideSchema, clockTimeSchema, docBase, idSchema } from './common';
import { policyOverridesSchema } from './organisation';

export const postKindSchema = z.enum(['window', 'desk', 'seat']);

/** A post (窗口, 咨询引导台, 坐席) with its A holder and designated B backup (AB岗位制). */
export const postSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(100),
    kind: postKindSchema,
    holderA: idSchema.optional(),
    holderB: idSchema.optional(),
    /** Certificate kinds a person needs to be rostered here (持证上岗). */
    requiredCertificates: z.array(z.string().max(50)).max(20).default([]),
    /** Course ids a person must have passed to be rostered here (考核通过方可上岗). */
    requiredCourses: z.array(idSchema).max(20).default([]),
  })
  .strict();

export const shiftTemplateSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(50),
    start: clockTimeSchema,
    /** May be earlier than start: the shift ends the next day. */
    end: clockTimeSchema,
    breakMinutes: z.number().int().min(0).max(240).default(0),
  })
  .strict();

/** A site (大厅 hall or 职场 hotline centre) with its posts and shift templates: small reference data kept in one document. */
export const siteSchema = z
  .object({
    ...docBase,
    name: z.string().min(1).max(200),
    kind: z.enum(['hall', 'hotline']),
    timeZone: z.string().min(1).max(64).default('Asia/Shanghai'),
    address: z.string().max(500).optional(),
    posts: z.array(postSchema).max(500),
    shiftTemplates: z.array(shiftTemplateSchema).max(50),
    /** This site's changes to the organisation's policy (e.g. a hotline centre's grace minutes). */
    policyOverrides: policyOverridesSchema.optional(),
    /** This site's changes to the working-day calendar, on top of the organisation's. */
    calendarOverrides: z.array(calendarOverrideSchema).max(400).optional(),
  })
  .strict();

export type Post = z.infer<typeof postSchema>;
export type ShiftTemplate = z.infer<typeof shiftTemplateSchema>;
export type Site = z.infer<typeof siteSchema>;
