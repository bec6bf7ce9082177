import { addDays, addMonths } from '../calendar/days';
import type { WorkingCalendar } from '../calendar/working-days';
import type { Policy } from '../policy';
import type { Staff } from '../schemas/staff';
import { certificateReminders } from './training';

/**
 * Staff lifecycle deadlines (DOMAIN.md "Places and people"): contract within a
 * month of start, consultation form at day 20, probation rating, contract
 * renewal steps, certificate expiry; plus the notice and reporting periods.
 */

export type StaffLifecycleLike = Pick<Staff, 'id' | 'status'> &
  Partial<Pick<Staff, 'hiredOn' | 'contractStart' | 'contractEnd' | 'probationEnd' | 'certificates'>> & {
    /** When the labour contract was signed, if recorded; a recorded contractStart also counts as signed. */
    contractSignedOn?: string;
  };

export type LifecycleReminderKind =
  | 'contract-sign'
  | 'consultation-form'
  | 'probation-rating'
  | 'probation-rating-submit'
  | 'renewal-opinion'
  | 'renewal-decision'
  | 'renewal-notice'
  | 'new-contract'
  | 'certificate-expiring'
  | 'certificate-expired';

export interface LifecycleReminder {
  staffId: string;
  kind: LifecycleReminderKind;
  dueOn: string;
  overdue: boolean;
  /** The certificate kind, for certificate reminders. */
  subject?: string;
}

/** Every lifecycle deadline of a person, whether or not it is near. */
export function lifecycleDeadlines(staff: StaffLifecycleLike, policy: Policy): { kind: LifecycleReminderKind; dueOn: string }[] {
  const l = policy.lifecycle;
  const out: { kind: LifecycleReminderKind; dueOn: string }[] = [];
  const start = staff.hiredOn ?? staff.contractStart;
  if (start) {
    if (!staff.contractSignedOn && !staff.contractStart) {
      out.push({ kind: 'contract-sign', dueOn: addMonths(start, l.contractSignWithinMonths) });
    }
    out.push({ kind: 'consultation-form', dueOn: addDays(start, l.consultationFormDay - 1) });
  }
  if (staff.probationEnd) {
    out.push({ kind: 'probation-rating', dueOn: addDays(staff.probationEnd, -l.probationRatingDaysBefore) });
    out.push({ kind: 'probation-rating-submit', dueOn: addDays(staff.probationEnd, -l.probationRatingSubmitDaysBefore) });
  }
  if (staff.contractEnd) {
    const opinion = addDays(staff.contractEnd, -l.renewalOpinionDaysBefore);
    out.push({ kind: 'renewal-opinion', dueOn: opinion });
    out.push({ kind: 'renewal-decision', dueOn: addDays(opinion, l.renewalDecisionWithinDays) });
    out.push({ kind: 'renewal-notice', dueOn: addDays(staff.contractEnd, -l.renewalNoticeDaysBefore) });
    out.push({ kind: 'new-contract', dueOn: addDays(staff.contractEnd, -l.newContractDaysBefore) });
  }
  return out;
}

/**
 * Reminders due on `today`: deadlines from `reminderLeadDays` before until
 * `reminderOverdueDays` after (flagged overdue once passed), and certificate
 * expiry reminders. People who left get none.
 */
export function lifecycleReminders(staff: StaffLifecycleLike, today: string, policy: Policy): LifecycleReminder[] {
  if (staff.status === 'left') return [];
  const l = policy.lifecycle;
  const out: LifecycleReminder[] = lifecycleDeadlines(staff, policy)
    .filter((d) => today >= addDays(d.dueOn, -l.reminderLeadDays) && today <= addDays(d.dueOn, l.reminderOverdueDays))
    .map((d) => ({ staffId: staff.id, ...d, overdue: today > d.dueOn }));
  for (const r of certificateReminders(staff.certificates ?? [], today, policy)) {
    out.push({ staffId: staff.id, kind: r.kind, dueOn: r.dueOn, overdue: r.kind === 'certificate-expired', subject: r.certificate.kind });
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** Last day of work after a resignation notice given on `noticeDay`: 30 days, or 3 in probation. */
export function resignationLastDay(noticeDay: string, inProbation: boolean, policy: Policy): string {
  const l = policy.lifecycle;
  return addDays(noticeDay, inProbation ? l.resignationNoticeDaysInProbation : l.resignationNoticeDays);
}

/** Whether a person is in probation on a day. */
export function inProbation(staff: Pick<StaffLifecycleLike, 'probationEnd'>, day: string): boolean {
  return staff.probationEnd !== undefined && day <= staff.probationEnd;
}

/** Deadline for reporting a personal-data change: 15 working days after it. */
export function personalDataChangeDeadline(changeDay: string, calendar: WorkingCalendar, policy: Policy): string {
  return calendar.addWorkingDays(changeDay, policy.lifecycle.personalDataChangeWorkingDays);
}

/** The onboarding medical report must be no older than 6 months on the hiring day. */
export function medicalReportValid(reportDay: string, hiredOn: string, policy: Policy): boolean {
  return reportDay <= hiredOn && reportDay >= addMonths(hiredOn, -policy.lifecycle.medicalReportMaxAgeMonths);
}

/** A leaver's paperwork is due within 2 hours of their arrival (UTC instant in, UTC instant out). */
export function leaverPaperworkDue(arrivedAt: string, policy: Policy): string {
  return new Date(Date.parse(arrivedAt) + policy.lifecycle.leaverPaperworkHours * 3_600_000).toISOString();
}
