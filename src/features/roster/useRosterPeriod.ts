import { useMemo } from 'react';
import { useLiveDocs } from '../../app/hooks';
import { addDays } from '../../domain/calendar/days';
import type { KindOf } from '../../domain/collections';
import type { Policy } from '../../domain/policy';
import type { RosterIssue } from '../../domain/rules/roster';
import type { SlotFields } from '../../domain/rules/roster-plan';
import type { LeaveRequest } from '../../domain/schemas/leave';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { rosterAnalyser, type RosterAnalyser } from './analysis';
import { useSiteCertificates, useSitePolicy, useSiteLeave, useSiteStaff } from './data';

export type SlotDoc = KindOf<'rosters', 'slot'>;

export interface RosterPeriod {
  policy: Policy;
  isWorkingDay: (day: string) => boolean;
  staff: Staff[];
  staffById: Map<string, Staff>;
  /** Slots of the period and a day either side (rest between shifts crosses the edges). */
  slots: SlotDoc[];
  leave: LeaveRequest[];
  /** Issues on the period's days. */
  issues: RosterIssue[];
  analyser: RosterAnalyser;
}

/**
 * A site's roster over days, checked by the domain rules: leave, certificates
 * and courses, overlaps and rest, and A/B coverage. `publishedOnly` hides
 * drafts from people who only see the published rota; `validate` false skips
 * the whole-period check when only single assignments are checked.
 */
export function useRosterPeriod(site: Site | undefined, days: readonly string[], publishedOnly: boolean, validate = true): RosterPeriod {
  const siteId = site?.id ?? '';
  const from = addDays(days[0]!, -1);
  const to = addDays(days.at(-1)!, 1);
  const { policy, calendar } = useSitePolicy(site);
  const staff = useSiteStaff(siteId);
  const certificates = useSiteCertificates(siteId);
  const leave = useSiteLeave(siteId, from, to);
  const { docs } = useLiveDocs('rosters', { selector: { siteId, kind: 'slot', day: { $gte: from, $lte: to } } });

  return useMemo(() => {
    const slots = (docs as SlotDoc[]).filter((s) => !publishedOnly || s.status === 'published');
    const isWorkingDay = (day: string) => calendar.isWorkingDay(day);
    const analyser = rosterAnalyser({
      site: site ?? { posts: [], shiftTemplates: [], timeZone: policy.time.timeZone },
      policy,
      isWorkingDay,
      staff,
      certificates,
      leave,
    });
    const inPeriod = new Set(days);
    const issues = site && validate ? analyser.validate(slots, days).filter((i) => inPeriod.has(i.day)) : [];
    return { policy, isWorkingDay, staff, staffById: new Map(staff.map((s) => [s.id, s])), slots, leave, issues, analyser };
  }, [docs, publishedOnly, calendar, site, policy, staff, certificates, leave, days, validate]);
}

/** A stored slot's planning fields (attribution left out, so it can be written back through upsertDoc). */
export function slotFields(slot: SlotDoc): SlotFields {
  const { id, siteId, postId, day, shiftId, staffId, status, acknowledgedWarnings, cover, note } = slot;
  return { id, siteId, postId, day, shiftId, staffId, status, acknowledgedWarnings, ...(cover ? { cover } : {}), ...(note !== undefined ? { note } : {}) };
}
