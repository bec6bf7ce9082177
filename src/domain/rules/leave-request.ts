import { eachDay } from '../calendar/days';
import type { LeaveType, Policy } from '../policy';
import type { Role } from '../roles';
import type { ApprovalStep, LeaveRequest } from '../schemas/leave';
import type { Staff } from '../schemas/staff';
import { approvalChain, dailyWage, effectiveLeaveType, leaveDeduction, needsEvidence, type Approver, type EffectiveLeave, type EmploymentStage } from './leave';

/**
 * The life of a leave request document (请假单) with the rules of ./leave.ts:
 * counting its days, the approval chain it starts with, who may decide its
 * next step, the decision itself, the type it counts as after the evidence
 * check, and the pay deduction.
 */

export interface LeaveDates {
  startDay: string;
  endDay: string;
  startsAtNoon: boolean;
  endsAtNoon: boolean;
}

/** Working days of leave in half days: a half-day start or end takes half of that day, if it is a working day. */
export function countLeaveDays(dates: LeaveDates, isWorkingDay: (day: string) => boolean): number {
  if (dates.endDay < dates.startDay) return 0;
  let days = 0;
  for (const day of eachDay(dates.startDay, dates.endDay)) {
    if (!isWorkingDay(day)) continue;
    const half = (day === dates.startDay && dates.startsAtNoon) || (day === dates.endDay && dates.endsAtNoon);
    days += half ? 0.5 : 1;
  }
  return days;
}

/** The pending steps a new request starts with: the manager, and the superior too beyond the policy's threshold. */
export function initialSteps(dates: Pick<LeaveDates, 'startDay' | 'endDay'>, policy: Policy): ApprovalStep[] {
  return approvalChain({ from: dates.startDay, to: dates.endDay }, policy).map((level) => ({ level, decision: 'pending' }));
}

/** The step waiting for a decision: the first pending one, and only while the request is pending (the superior decides after the manager). */
export function pendingLevel(leave: Pick<LeaveRequest, 'steps' | 'status'>): Approver | undefined {
  if (leave.status !== 'pending') return undefined;
  return leave.steps.find((s) => s.decision === 'pending')?.level;
}

/** The approval levels a role may decide: the project manager the first, the superior the second, an administrator either. */
export function approverLevels(role: Role): Approver[] {
  if (role === 'manager') return ['manager'];
  if (role === 'superior') return ['superior'];
  if (role === 'admin') return ['manager', 'superior'];
  return [];
}

export function canDecide(role: Role, leave: Pick<LeaveRequest, 'steps' | 'status'>): boolean {
  const level = pendingLevel(leave);
  return level !== undefined && approverLevels(role).includes(level);
}

export interface Decision {
  level: Approver;
  decision: 'approved' | 'rejected';
  approverId: string;
  /** ISO instant. */
  at: string;
  comment?: string;
}

/**
 * A decision on the pending step. A rejection ends the request; an approval
 * of the last step approves it. Deciding a step that is not the pending one is
 * an error (the superior cannot approve before the manager).
 */
export function decideLeave(leave: Pick<LeaveRequest, 'steps' | 'status'>, d: Decision): Pick<LeaveRequest, 'steps' | 'status'> {
  const level = pendingLevel(leave);
  if (level !== d.level) throw new Error(`The ${d.level} step is not the one waiting for a decision`);
  let done = false;
  const steps = leave.steps.map((s): ApprovalStep => {
    if (done || s.level !== d.level || s.decision !== 'pending') return s;
    done = true;
    return { level: s.level, approverId: d.approverId, decision: d.decision, decidedAt: d.at, ...(d.comment ? { comment: d.comment } : {}) };
  });
  const status = d.decision === 'rejected' ? 'rejected' : steps.every((s) => s.decision === 'approved') ? 'approved' : 'pending';
  return { steps, status };
}

/** The evidence verdict a new request starts with: none needed for 事假, otherwise pending the manager's check. */
export function initialEvidenceVerdict(type: LeaveType): 'not-required' | 'pending' {
  return needsEvidence(type) ? 'pending' : 'not-required';
}

/** Regular staff, on probation, or interns (婚假 is for regular staff only). */
export function employmentStage(staff: Pick<Staff, 'intern' | 'probationEnd'> | undefined, day: string): EmploymentStage {
  if (staff?.intern) return 'intern';
  if (staff?.probationEnd && day <= staff.probationEnd) return 'probation';
  return 'regular';
}

/**
 * The type a request counts as. The manager's verdict on the evidence stands
 * for the type-specific checks (grade-3A hospital for 病假, a direct relative
 * for 丧假): "accepted" means the evidence met them. A missing or rejected
 * proof, or a 婚假 of non-regular staff, makes it 事假.
 */
export function effectiveTypeOf(
  leave: Pick<LeaveRequest, 'type' | 'startDay' | 'endDay' | 'evidence' | 'evidenceVerdict' | 'requestedAt'>,
  staff: Pick<Staff, 'intern' | 'probationEnd'> | undefined,
  today: string,
  policy: Policy,
): EffectiveLeave {
  const submittedOn = leave.requestedAt.slice(0, 10);
  const verdict = leave.evidenceVerdict;
  const handedIn = leave.evidence.length > 0 || verdict === 'accepted' || verdict === 'rejected';
  const evidence = handedIn
    ? {
        status: verdict === 'accepted' ? ('accepted' as const) : verdict === 'rejected' ? ('rejected' as const) : ('pending' as const),
        submittedOn,
        // The type-specific facts are what the manager judges: met when accepted, open while pending.
        ...(verdict !== 'rejected' ? { hospitalGrade: '3A', relation: 'parent' as const } : {}),
      }
    : undefined;
  return effectiveLeaveType(
    { type: leave.type, from: leave.startDay, to: leave.endDay },
    { ...(evidence ? { evidence } : {}), stage: employmentStage(staff, leave.startDay), today },
    policy,
  );
}

export interface Deduction {
  type: LeaveType;
  days: number;
  /** Share of the daily wage deducted per day. */
  rate: number;
  /** Known only to roles that may see pay. */
  dailyWage?: number;
  amount?: number;
}

/** What the leave costs: days × rate × (monthly wage / divisor), rounded to the fen; the amount only when the wage is known. */
export function leaveCost(type: LeaveType, days: number, monthlyWage: number | undefined, policy: Policy): Deduction {
  const rate = policy.leave.deductionRates[type];
  if (monthlyWage === undefined) return { type, days, rate };
  const perDay = Math.round(dailyWage(monthlyWage, policy) * 100) / 100;
  return { type, days, rate, dailyWage: perDay, amount: leaveDeduction(monthlyWage, type, days, policy) };
}
