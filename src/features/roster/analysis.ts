import type { Policy } from '../../domain/policy';
import { leaveSpanOf, qualificationsOf, toRuleSlot, type SlotFields } from '../../domain/rules/roster-plan';
import { validateRoster, type RosterContext, type RosterIssue, type RosterSlotLike } from '../../domain/rules/roster';
import type { LeaveRequest } from '../../domain/schemas/leave';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import type { Certificate } from '../../domain/schemas/training';

/** What the roster rules need to know about a site, from its documents. */
export interface RosterInputs {
  site: Pick<Site, 'posts' | 'shiftTemplates' | 'timeZone'>;
  policy: Policy;
  isWorkingDay: (day: string) => boolean;
  staff: readonly Pick<Staff, 'id' | 'certificates'>[];
  certificates: readonly Pick<Certificate, 'staffId' | 'courseId' | 'issuedOn' | 'expiresOn' | 'revoked'>[];
  leave: readonly Pick<LeaveRequest, 'id' | 'staffId' | 'type' | 'effectiveType' | 'startDay' | 'endDay' | 'status'>[];
}

export interface RosterAnalyser {
  /** Issues of a set of slots; coverage is checked on `days`. */
  validate(slots: readonly SlotFields[], days: readonly string[]): RosterIssue[];
  /** Issues that assigning `candidate` would raise, against the person's other slots. */
  candidate(candidate: SlotFields, others: readonly SlotFields[]): RosterIssue[];
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The roster rules (src/domain/rules/roster.ts) bound to one site's documents. */
export function rosterAnalyser(inputs: RosterInputs): RosterAnalyser {
  const shifts = new Map(inputs.site.shiftTemplates.map((s) => [s.id, s]));
  const staff = new Map(inputs.staff.map((s) => [s.id, s]));
  const certs = groupBy(inputs.certificates, (c) => c.staffId);
  const leave = groupBy(inputs.leave.filter((l) => l.status !== 'cancelled' && l.status !== 'rejected'), (l) => l.staffId);
  const context = (days: readonly string[]): RosterContext => ({
    posts: inputs.site.posts,
    qualifications: (id) => qualificationsOf(staff.get(id), certs.get(id) ?? []),
    leave: (id) => (leave.get(id) ?? []).map(leaveSpanOf),
    days,
    isWorkingDay: inputs.isWorkingDay,
  });
  const ruleSlots = (slots: readonly SlotFields[]) =>
    slots.map((s) => toRuleSlot(s, shifts, inputs.site.timeZone)).filter((s): s is RosterSlotLike => s !== undefined);
  return {
    validate: (slots, days) => validateRoster(ruleSlots(slots), context(days), inputs.policy),
    candidate: (candidate, others) => {
      const mine = others.filter((s) => s.staffId === candidate.staffId && s.id !== candidate.id);
      return validateRoster(ruleSlots([candidate, ...mine]), context([]), inputs.policy).filter(
        (i) => i.slotId === candidate.id || i.otherSlotId === candidate.id,
      );
    },
  };
}
