import { z } from 'zod';
import { daySchema, docBase, idSchema, instantSchema } from './common';

/** A salted slow hash of a staff member's kiosk PIN, verified on the device (never the PIN itself). */
export const pinHashSchema = z
  .object({
    algorithm: z.literal('PBKDF2-SHA256'),
    iterations: z.number().int().min(1000).max(10_000_000),
    salt: z.string().min(8).max(200),
    hash: z.string().min(16).max(200),
  })
  .strict();

export const certificateHeldSchema = z
  .object({
    kind: z.string().min(1).max(50),
    number: z.string().max(100).optional(),
    issuedOn: daySchema,
    expiresOn: daySchema.optional(),
  })
  .strict();

/** 全日制 full-time / 非全日制 part-time / 短期临时 short-term. */
export const employmentFormSchema = z.enum(['full-time', 'part-time', 'short-term']);
/** 劳动合同 labour contract / 劳务协议 service agreement (retirees, second jobs). */
export const agreementTypeSchema = z.enum(['labour-contract', 'service-agreement']);
/** Social insurance: D employer-paid / G individual / W none / T stopped. */
export const socialInsuranceSchema = z.enum(['D', 'G', 'W', 'T']);

/** The onboarding documents checklist (入职资料). */
export const onboardingDocumentsSchema = z
  .object({
    /** Copies of the ID card handed in (two are required). */
    idCopies: z.number().int().min(0).max(2).default(0),
    photos: z.boolean().default(false),
    householdRegisterCopy: z.boolean().default(false),
    diplomaCopy: z.boolean().default(false),
    bankCardCopy: z.boolean().default(false),
    /** Day of the medical report (no older than the policy's limit at hiring). */
    medicalReportOn: daySchema.optional(),
  })
  .strict();

/**
 * A transfer (调动 / 调岗) between sites or posts, kept on the record as its
 * history: the staff-changes report (人员异动) lists it, and `siteAt` in
 * src/domain/rules/staff-changes.ts tells where the person worked on a day.
 */
export const staffTransferSchema = z
  .object({
    /** The day the person starts at the new site or post. */
    day: daySchema,
    fromSiteId: idSchema,
    fromPostId: idSchema.optional(),
    toSiteId: idSchema,
    toPostId: idSchema.optional(),
    note: z.string().max(500).optional(),
    recordedAt: instantSchema,
    recordedBy: idSchema,
  })
  .strict();

/** The staff record (人事档案 / 花名册). History is the server's audit log, not a field here. */
export const staffSchema = z
  .object({
    ...docBase,
    staffNo: z.string().min(1).max(50),
    name: z.string().min(1).max(100),
    /** Pinyin initials for search at the kiosk, e.g. 张伟 → "zw". */
    pinyinInitials: z.string().max(50),
    gender: z.enum(['female', 'male']),
    postId: idSchema.optional(),
    status: z.enum(['on-post', 'standby', 'left']),
    /** Sensitive (DOMAIN.md "Confidentiality"): only HR and administrators see it unmasked. */
    idNumber: z.string().max(18).optional(),
    /** Sensitive. */
    phone: z.string().max(30).optional(),
    /** Sensitive: pay. */
    monthlyWage: z.number().min(0).max(1_000_000).optional(),
    certificates: z.array(certificateHeldSchema).max(50).default([]),
    /** Kiosk PIN; sent only to kiosk devices of the staff member's site. */
    pin: pinHashSchema.optional(),
    /** Code printed on the staff member's QR badge. */
    badgeCode: z.string().max(100).optional(),
    employmentForm: employmentFormSchema.optional(),
    agreementType: agreementTypeSchema.optional(),
    /** Interns may not take 婚假 (DOMAIN.md "Leave"). */
    intern: z.boolean().optional(),
    hiredOn: daySchema.optional(),
    contractStart: daySchema.optional(),
    contractEnd: daySchema.optional(),
    probationEnd: daySchema.optional(),
    socialInsurance: socialInsuranceSchema.optional(),
    onboardingDocuments: onboardingDocumentsSchema.optional(),
    leftOn: daySchema.optional(),
    /** Transfers between sites and posts, oldest first. */
    transfers: z.array(staffTransferSchema).max(200).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const days = (s.transfers ?? []).map((t) => t.day);
    if (days.some((d, i) => i > 0 && d < days[i - 1]!)) {
      ctx.addIssue({ code: 'custom', path: ['transfers'], message: 'Transfers are kept in day order' });
    }
    if (s.contractStart && s.contractEnd && s.contractEnd < s.contractStart) {
      ctx.addIssue({ code: 'custom', path: ['contractEnd'], message: 'contractEnd is before contractStart' });
    }
  });

/** Fields that are sent only to roles allowed to see them (sync server) and masked in the UI. */
export const SENSITIVE_STAFF_FIELDS = ['idNumber', 'phone', 'monthlyWage'] as const;

export type Staff = z.infer<typeof staffSchema>;
export type StaffTransfer = z.infer<typeof staffTransferSchema>;
export type PinHash = z.infer<typeof pinHashSchema>;
