import type { Policy, LeaveType } from '../../domain/policy';
import { overlappingLeave, prenatalRequestFits } from '../../domain/rules/leave';
import { countLeaveDays, initialEvidenceVerdict, initialSteps } from '../../domain/rules/leave-request';
import { leaveRequestSchema, type LeaveRequest } from '../../domain/schemas/leave';

/** What the leave form holds while it is being filled in. */
export interface LeaveFormState {
  staffId: string;
  type: LeaveType;
  startDay: string;
  endDay: string;
  startsAtNoon: boolean;
  endsAtNoon: boolean;
  reason: string;
  pregnancyMonth: string;
}

export type LeaveFormField = 'staffId' | 'type' | 'startDay' | 'endDay' | 'startsAtNoon' | 'endsAtNoon' | 'reason' | 'pregnancyMonth' | 'days' | 'form';

/** An error of the form: a message key of the leave catalog, or the schema's own sentence when there is none. */
export interface FormError {
  field: LeaveFormField;
  key: string;
  text?: string;
}

export interface BuiltRequest {
  doc?: Omit<LeaveRequest, 'updatedAt' | 'updatedBy' | 'deviceId'>;
  errors: FormError[];
}

const FIELDS: readonly LeaveFormField[] = ['staffId', 'type', 'startDay', 'endDay', 'startsAtNoon', 'endsAtNoon', 'reason', 'pregnancyMonth', 'days'];

/**
 * The request document from the form, checked by the shared zod schema (what
 * the server checks) and by the leave rules: a range with no working day, an
 * overlap with the person's other leave, and 产检假 beyond the month's allowance
 * are refused here with a message.
 */
export function buildLeaveRequest(
  form: LeaveFormState,
  ctx: {
    id: string;
    siteId: string;
    requestedAt: string;
    evidence: readonly string[];
    policy: Policy;
    isWorkingDay: (day: string) => boolean;
    /** The person's other requests (any status; cancelled and rejected ones are ignored). */
    existing: readonly Pick<LeaveRequest, 'id' | 'startDay' | 'endDay' | 'status' | 'type' | 'pregnancyMonth' | 'days'>[];
  },
): BuiltRequest {
  const errors: FormError[] = [];
  if (!form.staffId) errors.push({ field: 'staffId', key: 'errors.staff' });
  if (!form.startDay) errors.push({ field: 'startDay', key: 'errors.startDay' });
  if (!form.endDay) errors.push({ field: 'endDay', key: 'errors.endDay' });
  if (errors.length) return { errors };
  if (form.endDay < form.startDay) return { errors: [{ field: 'endDay', key: 'errors.endBeforeStart' }] };

  const days = countLeaveDays(form, ctx.isWorkingDay);
  if (days === 0) return { errors: [{ field: 'days', key: 'errors.noWorkingDay' }] };
  const pregnancyMonth = form.type === 'prenatal' && form.pregnancyMonth ? Number(form.pregnancyMonth) : undefined;

  const live = ctx.existing.filter((l) => l.status === 'pending' || l.status === 'approved');
  if (overlappingLeave({ from: form.startDay, to: form.endDay }, live.map((l) => ({ id: l.id, from: l.startDay, to: l.endDay }))).length) {
    errors.push({ field: 'startDay', key: 'errors.overlap' });
  }
  if (form.type === 'prenatal' && pregnancyMonth !== undefined) {
    const taken = live.filter((l) => l.type === 'prenatal' && l.pregnancyMonth === pregnancyMonth).reduce((sum, l) => sum + (l.days ?? 0), 0);
    if (!prenatalRequestFits(days, taken, pregnancyMonth, ctx.policy)) errors.push({ field: 'pregnancyMonth', key: 'errors.prenatalAllowance' });
  }

  const doc = {
    id: ctx.id,
    siteId: ctx.siteId,
    staffId: form.staffId,
    type: form.type,
    startDay: form.startDay,
    endDay: form.endDay,
    startsAtNoon: form.startsAtNoon,
    endsAtNoon: form.endsAtNoon,
    days,
    ...(form.reason.trim() ? { reason: form.reason.trim() } : {}),
    ...(pregnancyMonth !== undefined ? { pregnancyMonth } : {}),
    evidence: [...ctx.evidence],
    evidenceVerdict: initialEvidenceVerdict(form.type),
    requestedAt: ctx.requestedAt,
    steps: initialSteps(form, ctx.policy),
    status: 'pending' as const,
  };
  // The shared schema has the last word (the server runs the same one).
  const parsed = leaveRequestSchema.safeParse({ ...doc, updatedAt: ctx.requestedAt, updatedBy: 'form', deviceId: 'form' });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const head = issue.path[0];
      const field = FIELDS.find((f) => f === head) ?? 'form';
      errors.push({ field, key: field === 'pregnancyMonth' ? 'errors.pregnancyMonth' : 'errors.invalid', text: issue.message });
    }
  }
  return errors.length ? { errors } : { doc, errors };
}
