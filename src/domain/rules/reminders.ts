import { addDays } from '../calendar/days';
import type { Policy } from '../policy';
import type { Role } from '../roles';
import type { CorrectiveAction, Inspection } from '../schemas/inspection';
import type { InspectionPlan } from '../schemas/inspection-plan';
import type { Certificate } from '../schemas/training';
import { isOverdue } from './corrective-action';
import { scheduleView } from './inspection-schedule';
import { lifecycleReminders, type LifecycleReminderKind, type StaffLifecycleLike } from './lifecycle';
import { certificateReminders } from './training';

/**
 * The inbox (提醒): what each role must act on, from the local documents —
 * staff lifecycle deadlines, certificate expiries, due and missed inspections,
 * overdue corrective actions. Pure; the view lists what this returns.
 */

export type ReminderKind =
  | LifecycleReminderKind
  | 'inspection-due'
  | 'inspection-missed'
  | 'action-overdue'
  | 'action-due';

export interface Reminder {
  /** Stable for a reminder (React key; a dismissed reminder could be remembered by it). */
  key: string;
  kind: ReminderKind;
  siteId: string;
  dueOn: string;
  overdue: boolean;
  /** The person it is about (lifecycle, certificates, an action's owner). */
  staffId?: string;
  /** A certificate kind or course, a template key, an action's title. */
  subject?: string;
}

/** Which reminder groups a role sees (DOMAIN.md "Who uses it"). */
const ROLE_GROUPS: Record<Role, readonly ('lifecycle' | 'certificates' | 'inspections' | 'actions' | 'own')[]> = {
  admin: ['lifecycle', 'certificates', 'inspections', 'actions'],
  manager: ['lifecycle', 'certificates', 'inspections', 'actions'],
  superior: ['lifecycle', 'actions'],
  'team-leader': ['certificates', 'actions'],
  trainer: ['certificates'],
  inspector: ['inspections', 'actions'],
  'client-reviewer': ['actions'],
  guide: ['own'],
};

export interface ReminderInput {
  role: Role;
  /** The user's own staff record, for floor staff (their certificates and actions). */
  staffId?: string;
  userId: string;
  today: string;
  policy: Policy;
  staff: readonly (StaffLifecycleLike & { siteId: string })[];
  certificates: readonly Pick<Certificate, 'id' | 'siteId' | 'staffId' | 'courseId' | 'expiresOn' | 'revoked'>[];
  plans: readonly InspectionPlan[];
  inspections: readonly Pick<Inspection, 'siteId' | 'templateKey' | 'day' | 'status'>[];
  actions: readonly Pick<CorrectiveAction, 'id' | 'siteId' | 'status' | 'dueDay' | 'ownerId' | 'title'>[];
  isWorkingDay(siteId: string, day: string): boolean;
}

/** Days before an action's due day that it shows as due (our default). */
export const ACTION_DUE_LEAD_DAYS = 2;

export function reminders(input: ReminderInput): Reminder[] {
  const groups = new Set(ROLE_GROUPS[input.role]);
  const { today, policy } = input;
  const out: Reminder[] = [];
  const own = groups.has('own');
  const siteOf = new Map(input.staff.map((s) => [s.id, s.siteId]));

  if (groups.has('lifecycle')) {
    for (const s of input.staff) {
      // Certificates held on the staff record come with the lifecycle reminders; keep them under "certificates".
      for (const r of lifecycleReminders(s, today, policy)) {
        if (r.kind.startsWith('certificate') && !groups.has('certificates')) continue;
        out.push({ key: `${r.kind}:${s.id}:${r.subject ?? ''}:${r.dueOn}`, kind: r.kind, siteId: s.siteId, dueOn: r.dueOn, overdue: r.overdue, staffId: s.id, ...(r.subject ? { subject: r.subject } : {}) });
      }
    }
  }
  if (groups.has('certificates') || own) {
    const certs = own ? input.certificates.filter((c) => c.staffId === input.staffId) : input.certificates;
    for (const r of certificateReminders(certs, today, policy)) {
      const c = r.certificate;
      out.push({ key: `${r.kind}:${c.id}`, kind: r.kind, siteId: c.siteId, dueOn: r.dueOn, overdue: r.kind === 'certificate-expired', staffId: c.staffId, subject: c.courseId });
    }
  }
  if (groups.has('inspections')) {
    const view = scheduleView(input.plans, input.inspections, today, input.isWorkingDay);
    for (const p of view.today) {
      if (p.state !== 'due') continue;
      out.push({ key: `inspection-due:${p.plan.id}:${p.period.start}`, kind: 'inspection-due', siteId: p.plan.siteId, dueOn: p.period.end, overdue: false, subject: p.plan.templateKey });
    }
    for (const p of view.missed) {
      out.push({ key: `inspection-missed:${p.plan.id}:${p.period.start}`, kind: 'inspection-missed', siteId: p.plan.siteId, dueOn: p.period.end, overdue: true, subject: p.plan.templateKey });
    }
  }
  if (groups.has('actions') || own) {
    for (const a of input.actions) {
      if (a.status === 'closed') continue;
      if (own && a.ownerId !== input.staffId && a.ownerId !== input.userId) continue;
      const overdue = isOverdue(a, today);
      const soon = !overdue && a.dueDay <= addDays(today, ACTION_DUE_LEAD_DAYS);
      if (!overdue && !soon) continue;
      out.push({ key: `action:${a.id}`, kind: overdue ? 'action-overdue' : 'action-due', siteId: a.siteId, dueOn: a.dueDay, overdue, subject: a.title, ...(siteOf.has(a.ownerId) ? { staffId: a.ownerId } : {}) });
    }
  }
  // Overdue first, then by due day.
  return out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
}

