import { addDays, daysBetween, eachDay } from '../calendar/days';
import type { LeaveType, Policy } from '../policy';

/**
 * Leave rules of DOMAIN.md "Leave": who approves, which evidence each type
 * needs and what happens when it fails, pay deductions, 产检假 allowance, and
 * clashes with other leave and with the roster.
 */

/** The minimal leave shape the rules need; leave documents map onto it. */
export interface LeaveSpan {
  type: LeaveType;
  /** First and last day of leave, both included (site-local days). */
  from: string;
  to: string;
  approved: boolean;
  id?: string;
}

export type Approver = 'manager' | 'superior';

/** Consecutive calendar days of a leave span, both ends included. */
export function leaveDayCount(span: Pick<LeaveSpan, 'from' | 'to'>): number {
  return daysBetween(span.from, span.to) + 1;
}

/** "Up to 3 days: the project manager approves. More than 3 consecutive days: the manager's superior approves too." */
export function approvalChain(span: Pick<LeaveSpan, 'from' | 'to'>, policy: Policy): Approver[] {
  return leaveDayCount(span) > policy.leave.managerApprovalMaxDays ? ['manager', 'superior'] : ['manager'];
}

/** Where a request stands given the approvals it has, in chain order. */
export function approvalState(
  span: Pick<LeaveSpan, 'from' | 'to'>,
  approvals: readonly Approver[],
  policy: Policy,
): { approved: boolean; next?: Approver } {
  const chain = approvalChain(span, policy);
  const next = chain.find((step) => !approvals.includes(step));
  return next ? { approved: false, next } : { approved: true };
}

/** The evidence each leave type needs; 事假 needs none. */
export const requiredEvidence: Record<LeaveType, string | null> = {
  personal: null,
  sick: 'grade-3a-hospital-certificate',
  marriage: 'marriage-certificate',
  prenatal: 'prenatal-check-record',
  maternity: 'birth-certificate',
  paternity: 'birth-certificate',
  bereavement: 'death-certificate',
  annual: 'annual-leave-balance',
  'in-lieu': 'overtime-record',
};

export function needsEvidence(type: LeaveType): boolean {
  return requiredEvidence[type] !== null;
}

/** Direct relatives (直系亲属) for 丧假. */
export const directRelatives = ['parent', 'spouse', 'child', 'parent-in-law', 'grandparent'] as const;
export type Relation = (typeof directRelatives)[number] | 'other';

export interface LeaveEvidence {
  /** Result of the manager's check. `pending` = handed in, not checked yet. */
  status: 'accepted' | 'rejected' | 'pending';
  submittedOn: string;
  /** 病假: grade of the issuing hospital, e.g. '3A' for 三级甲等. */
  hospitalGrade?: string;
  /** 丧假: the deceased's relation to the staff member. */
  relation?: Relation;
}

export type EmploymentStage = 'regular' | 'probation' | 'intern';

export type LeaveEvidenceReason =
  | 'evidence-rejected'
  | 'evidence-missing'
  | 'hospital-not-grade-3a'
  | 'marriage-regular-staff-only'
  | 'marriage-certificate-late'
  | 'not-direct-relative';

export interface EffectiveLeave {
  /** The type the leave counts as for pay and reports. */
  type: LeaveType;
  /** Why it was converted to 事假 (empty when it kept its type). */
  reasons: LeaveEvidenceReason[];
  /** True while evidence may still arrive in time (the type may still change). */
  pending: boolean;
}

/**
 * The type leave counts as once evidence is judged: every type but 事假 needs
 * evidence, and leave whose evidence fails becomes 事假. 病假 needs a grade-3A
 * hospital; 婚假 is for regular staff only and its certificate is due within N
 * days of return (else 事假); 丧假 is for direct relatives. `today` decides
 * whether an evidence deadline has passed.
 */
export function effectiveLeaveType(
  span: Pick<LeaveSpan, 'type' | 'from' | 'to'>,
  ctx: { evidence?: LeaveEvidence; stage: EmploymentStage; today: string },
  policy: Policy,
): EffectiveLeave {
  const personal = (reason: LeaveEvidenceReason): EffectiveLeave => ({
    type: 'personal',
    reasons: [reason],
    pending: false,
  });
  if (!needsEvidence(span.type)) return { type: span.type, reasons: [], pending: false };
  const { evidence, stage, today } = ctx;

  if (span.type === 'marriage' && stage !== 'regular') return personal('marriage-regular-staff-only');

  // 婚假 may hand its certificate in after return; other types before the leave ends.
  const returnDay = addDays(span.to, 1);
  const deadline =
    span.type === 'marriage' ? addDays(returnDay, policy.leave.marriageCertificateWithinDays) : span.to;
  if (!evidence) {
    return today > deadline ? personal('evidence-missing') : { type: span.type, reasons: [], pending: true };
  }
  if (span.type === 'marriage' && evidence.submittedOn > deadline) return personal('marriage-certificate-late');
  if (evidence.status === 'rejected') return personal('evidence-rejected');
  if (span.type === 'sick' && evidence.hospitalGrade !== '3A') return personal('hospital-not-grade-3a');
  if (span.type === 'bereavement' && !directRelatives.some((r) => r === evidence.relation)) {
    return personal('not-direct-relative');
  }
  return { type: span.type, reasons: [], pending: evidence.status === 'pending' };
}

/** Daily wage = monthly wage / divisor (default 21.75). */
export function dailyWage(monthlyWage: number, policy: Policy): number {
  return monthlyWage / policy.leave.dailyWageDivisor;
}

/** Yuan deducted for `days` of leave of a type, rounded to the fen. */
export function leaveDeduction(monthlyWage: number, type: LeaveType, days: number, policy: Policy): number {
  const amount = dailyWage(monthlyWage, policy) * days * policy.leave.deductionRates[type];
  return Math.round(amount * 100) / 100;
}

/** 产检假 days allowed in a pregnancy month (1–7: 1, 8: 2, 9+: 4 by default). */
export function prenatalAllowanceDays(pregnancyMonth: number, policy: Policy): number {
  const band = policy.leave.prenatalDaysByMonth.find(
    (b) => pregnancyMonth >= b.fromMonth && (b.toMonth === undefined || pregnancyMonth <= b.toMonth),
  );
  return band?.days ?? 0;
}

/** Whether a 产检假 request fits what is left of the month's allowance. */
export function prenatalRequestFits(
  requestDays: number,
  alreadyTakenThisPregnancyMonth: number,
  pregnancyMonth: number,
  policy: Policy,
): boolean {
  return alreadyTakenThisPregnancyMonth + requestDays <= prenatalAllowanceDays(pregnancyMonth, policy);
}

/** Whether two day ranges share at least one day. */
export function spansOverlap(a: Pick<LeaveSpan, 'from' | 'to'>, b: Pick<LeaveSpan, 'from' | 'to'>): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** Other leave of the same person that a request overlaps (approved or still pending alike). */
export function overlappingLeave<T extends Pick<LeaveSpan, 'from' | 'to'> & { id?: string }>(
  request: Pick<LeaveSpan, 'from' | 'to'> & { id?: string },
  existing: readonly T[],
): T[] {
  return existing.filter((l) => (request.id === undefined || l.id !== request.id) && spansOverlap(request, l));
}

/** The person's rostered shifts that fall on leave days: they need cover or a change. */
export function rosteredDuringLeave<S extends { day: string }>(
  span: Pick<LeaveSpan, 'from' | 'to'>,
  shifts: readonly S[],
): S[] {
  return shifts.filter((s) => s.day >= span.from && s.day <= span.to);
}

/** The approved leave type covering a day, if any. */
export function approvedLeaveOn(day: string, leave: readonly LeaveSpan[]): LeaveSpan | undefined {
  return leave.find((l) => l.approved && l.from <= day && day <= l.to);
}

/** Days of leave by type within [from, to], counting only days `counts` accepts (e.g. working days). */
export function leaveDaysByType(
  leave: readonly LeaveSpan[],
  from: string,
  to: string,
  counts: (day: string) => boolean = () => true,
): Partial<Record<LeaveType, number>> {
  const out: Partial<Record<LeaveType, number>> = {};
  for (const l of leave) {
    if (!l.approved || !spansOverlap(l, { from, to })) continue;
    const days = eachDay(l.from > from ? l.from : from, l.to < to ? l.to : to).filter(counts).length;
    if (days > 0) out[l.type] = (out[l.type] ?? 0) + days;
  }
  return out;
}
