// Before the first parse below (src/domain/zod-config.ts says why).
import './zod-config';
import { z } from 'zod';

/**
 * The policy: every number DOMAIN.md quotes (or marks "our default") as a
 * setting an administrator can change per organisation or site. Every field
 * has a default, so `policySchema.parse({})` is the documented default policy
 * and a stored policy only needs the fields that differ.
 */

/** Leave types of DOMAIN.md "Leave", keyed in English; the UI shows the Chinese term. */
export const leaveTypes = [
  'personal', // 事假
  'sick', // 病假
  'marriage', // 婚假
  'prenatal', // 产检假
  'maternity', // 产假
  'paternity', // 陪产/看护假
  'bereavement', // 丧假
  'annual', // 年休假
  'in-lieu', // 调休
] as const;
export const leaveTypeSchema = z.enum(leaveTypes);
export type LeaveType = z.infer<typeof leaveTypeSchema>;

/** Course kinds of DOMAIN.md "Training and exams". */
export const courseKinds = [
  'onboarding', // 岗前培训
  'safety', // 安全三级教育
  'business', // 业务知识
  'etiquette', // 服务礼仪
  'system', // 系统操作
  'standardisation', // 标准化专题
] as const;
export const courseKindSchema = z.enum(courseKinds);
export type CourseKind = z.infer<typeof courseKindSchema>;

/**
 * How a multiple-choice question scores a partly right answer:
 * all-or-nothing: exactly the right set or 0;
 * half-if-subset: a non-empty subset of the right options without a wrong one earns half (少选得半分);
 * proportional: share of right options chosen, 0 if any wrong one is chosen.
 */
export const multipleChoiceCreditSchema = z.enum(['all-or-nothing', 'half-if-subset', 'proportional']);
export type MultipleChoiceCredit = z.infer<typeof multipleChoiceCreditSchema>;

/** An object whose fields all have defaults, itself defaulting to the parse of `{}`. */
function group<S extends z.ZodRawShape>(shape: S) {
  const schema = z.object(shape).strict();
  // The generic output type is not provably NoUndefined to TypeScript; the parse result is.
  return schema.default(() => schema.parse({}) as never);
}

const minutes = z.number().int().min(0).max(24 * 60);
const days = z.number().int().min(0).max(3660);
const rate = z.number().min(0).max(1);
const score = z.number().min(0).max(100);

export const timePolicySchema = group({
  /** IANA time zone of the site; all instants are stored in UTC. */
  timeZone: z.string().min(1).max(64).default('Asia/Shanghai'),
  /** A device clock further off than this from the server is flagged (ARCHITECTURE.md "Time"). */
  clockDriftThresholdMinutes: minutes.default(2),
});

export const attendancePolicySchema = group({
  /** Check-in later than start + grace is 迟到 (our default 0). */
  graceMinutes: minutes.default(0),
  /** Check-out earlier than end − grace is 早退 (our default 0). */
  earlyLeaveGraceMinutes: minutes.default(0),
  /** Late or early by more than this in one instance: that missed time counts as 旷工. */
  absenceThresholdMinutes: minutes.default(60),
  /** An unverified missing punch counts as this many half days of 旷工. */
  unverifiedMissingPunchHalfDays: z.number().int().min(0).max(2).default(1),
  /** Left the post without registering for less than this: counts as late. */
  leftPostLateBelowMinutes: minutes.default(60),
  /** … up to and including this: half a day of 旷工; beyond it a full day. */
  leftPostHalfDayUpToMinutes: minutes.default(240),
  /** 哺乳 nursing breaks a day and their length; taken within this, they are normal attendance. */
  nursingBreaksPerDay: z.number().int().min(0).max(10).default(2),
  nursingBreakMinutes: minutes.default(30),
  /** Arrival before shift start for the pre-shift meeting (班前会). */
  preShiftArrivalMinutes: minutes.default(10),
  /** Kiosk: wrong PINs in a row before the person is locked out on that tablet (our default). */
  kioskPinMaxAttempts: z.number().int().min(1).max(20).default(5),
  /** Kiosk: how long that lockout lasts (our default). */
  kioskPinLockoutMinutes: minutes.default(5),
  /** Kiosk: back to the search screen, clearing the person's data, after this many idle seconds (our default). */
  kioskIdleSeconds: z.number().int().min(5).max(600).default(30),
});

export const rosterPolicySchema = group({
  /** Minimum rest between two shifts of one person (our default 11 h). */
  minimumRestHours: z.number().min(0).max(48).default(11),
});

export const prenatalBandSchema = z
  .object({
    fromMonth: z.number().int().min(1).max(10),
    /** Inclusive; absent means "and later". */
    toMonth: z.number().int().min(1).max(10).optional(),
    days: z.number().min(0).max(31),
  })
  .strict();

export const leavePolicySchema = group({
  /** Up to this many consecutive days the project manager approves; more also needs the superior. */
  managerApprovalMaxDays: z.number().min(0).max(365).default(3),
  /** Daily wage = monthly wage / divisor (our default 21.75). */
  dailyWageDivisor: z.number().positive().max(31).default(21.75),
  /** Share of the daily wage deducted per leave day, by type. */
  deductionRates: z
    .object(Object.fromEntries(leaveTypes.map((t) => [t, rate])) as Record<LeaveType, typeof rate>)
    .strict()
    .default(() => ({
      personal: 1,
      sick: 0.5,
      marriage: 0,
      prenatal: 0,
      maternity: 0,
      paternity: 0,
      bereavement: 0,
      annual: 0,
      'in-lieu': 0,
    })),
  /** 产检假 days allowed per pregnancy month. */
  prenatalDaysByMonth: z
    .array(prenatalBandSchema)
    .max(10)
    .default(() => [
      { fromMonth: 1, toMonth: 7, days: 1 },
      { fromMonth: 8, toMonth: 8, days: 2 },
      { fromMonth: 9, days: 4 },
    ]),
  /** 婚假 certificate must be handed in within this many days of return, else the leave becomes 事假. */
  marriageCertificateWithinDays: days.default(3),
});

export const trainingPolicySchema = group({
  passMark: score.default(80),
  maxScore: z.number().positive().max(1000).default(100),
  maxAttempts: z.number().int().min(1).max(20).default(3),
  multipleChoiceCredit: multipleChoiceCreditSchema.default('all-or-nothing'),
  /** Certificate validity in months by course kind; null = never expires. Kinds not listed never expire. */
  certificateValidityMonths: z
    .partialRecord(courseKindSchema, z.number().int().min(1).max(600).nullable())
    .default(() => ({ onboarding: null, safety: 12 })),
  /** Reminders this many days before a certificate expires (our default). */
  certificateReminderDaysBefore: z.array(days).max(10).default(() => [30, 7]),
  /** 岗前培训 for agents lasts at least this many days. */
  onboardingMinDaysForAgents: days.default(10),
});

export const gradeBandSchema = z
  .object({
    grade: z.string().min(1).max(30),
    label: z.string().min(1).max(30),
    /** Lowest score (inclusive) of this grade. */
    min: score,
  })
  .strict();

export const inspectionPolicySchema = group({
  /** Highest band first is not required; the best band whose min the score reaches wins (our default). */
  gradeBands: z
    .array(gradeBandSchema)
    .min(1)
    .max(10)
    .default(() => [
      { grade: 'excellent', label: '优秀', min: 90 },
      { grade: 'good', label: '良好', min: 80 },
      { grade: 'pass', label: '合格', min: 60 },
      { grade: 'fail', label: '不合格', min: 0 },
    ]),
  /** Default due time of a corrective action raised from a failed item (our default). */
  correctiveActionDueDays: days.default(7),
});

export const payBandSchema = z
  .object({
    /** Lowest total (inclusive) of this band. */
    min: score,
    pay: z.number().min(0).max(1_000_000),
  })
  .strict();

export const performancePolicySchema = group({
  providerWeight: rate.default(0.3),
  clientWeight: rate.default(0.7),
  payMode: z.enum(['bands', 'per-point']).default('bands'),
  payBands: z
    .array(payBandSchema)
    .min(1)
    .max(20)
    .default(() => [
      { min: 0, pay: 0 },
      { min: 60, pay: 100 },
      { min: 70, pay: 300 },
      { min: 80, pay: 500 },
      { min: 90, pay: 700 },
    ]),
  payPerPoint: z.number().min(0).max(10_000).default(5),
  /** Warning: this many months in a row under `consecutiveBelow`. */
  warningConsecutiveMonths: z.number().int().min(1).max(12).default(3),
  warningConsecutiveBelow: score.default(80),
  /** Warning: any month under `anyMonthBelow` within the last `anyMonthWindow` months. */
  warningAnyMonthBelow: score.default(70),
  warningAnyMonthWindow: z.number().int().min(1).max(12).default(3),
  /** Scored by this day of the next month. */
  scoreDueDayOfNextMonth: z.number().int().min(1).max(28).default(5),
});

export const serviceTargetsSchema = group({
  satisfaction: rate.default(0.95),
  complaintReplyRate: rate.default(1),
  complaintReplyWithinHours: z.number().min(0).max(720).default(24),
  staffStability: rate.default(0.9),
  qualityPassRate: rate.default(0.95),
  staffingWithinDays: days.default(15),
});

export const lifecyclePolicySchema = group({
  /** Lifecycle reminders show this many days before they are due (our default). */
  reminderLeadDays: days.default(14),
  /** … and stay this many days after, flagged overdue (our default). */
  reminderOverdueDays: days.default(30),
  contractSignWithinMonths: z.number().int().min(0).max(12).default(1),
  /** Contract consultation form on this day after start (day 1 = start day). */
  consultationFormDay: days.default(20),
  probationRatingDaysBefore: days.default(10),
  probationRatingSubmitDaysBefore: days.default(7),
  renewalOpinionDaysBefore: days.default(40),
  renewalDecisionWithinDays: days.default(10),
  renewalNoticeDaysBefore: days.default(30),
  newContractDaysBefore: days.default(15),
  resignationNoticeDays: days.default(30),
  resignationNoticeDaysInProbation: days.default(3),
  leaverPaperworkHours: z.number().min(0).max(72).default(2),
  personalDataChangeWorkingDays: days.default(15),
  medicalReportMaxAgeMonths: z.number().int().min(0).max(60).default(6),
});

export const policySchema = z
  .object({
    time: timePolicySchema,
    attendance: attendancePolicySchema,
    roster: rosterPolicySchema,
    leave: leavePolicySchema,
    training: trainingPolicySchema,
    inspection: inspectionPolicySchema,
    performance: performancePolicySchema,
    serviceTargets: serviceTargetsSchema,
    lifecycle: lifecyclePolicySchema,
  })
  .strict();

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

export const defaultPolicy: Policy = policySchema.parse({});
