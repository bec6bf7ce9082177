import { describe, expect, it } from 'vitest';
import { addMonthsToMonth, daysOfMonth, monthOf } from '../calendar/days';
import { dayOfInstant, instantOf } from '../calendar/time-zone';
import { WorkingCalendar } from '../calendar/working-days';
import type { KindOf } from '../collections';
import { generateDemoOrg, type DemoOrg } from '../demo';
import { defaultPolicy } from '../policy';
import { monthDashboard, todayDashboard, type SiteData } from './dashboard';

/**
 * Must-hold 1: every month-dashboard figure for the seeded organisation equals
 * an independent computation straight from the raw documents (simple loops
 * here, not the attendance rules the dashboard uses).
 */

const TODAY = '2026-06-17';
const org = generateDemoOrg({ seed: 11, today: TODAY });
const calendar = new WorkingCalendar([], 'Asia/Shanghai');
const nowMs = Date.parse(instantOf(TODAY, '08:00', 'Asia/Shanghai'));

export function siteDataOf(o: DemoOrg, siteId: string): SiteData {
  const site = o.sites.find((s) => s.id === siteId)!;
  const by = <T extends { siteId: string }>(docs: readonly T[]) => docs.filter((d) => d.siteId === siteId);
  return {
    siteId,
    timeZone: site.timeZone,
    shiftTemplates: site.shiftTemplates,
    posts: site.posts,
    policy: defaultPolicy,
    isWorkingDay: (d) => calendar.isWorkingDay(d),
    staff: by(o.staff),
    slots: by(o.rosters).filter((d): d is KindOf<'rosters', 'slot'> => d.kind === 'slot'),
    events: by(o.attendance),
    leave: by(o.leave),
    sessions: by(o.training).filter((d): d is KindOf<'training', 'session'> => d.kind === 'session'),
    results: by(o.results).filter((d): d is KindOf<'results', 'exam-result'> => d.kind === 'exam-result'),
    inspections: by(o.inspections).filter((d): d is KindOf<'inspections', 'inspection'> => d.kind === 'inspection'),
    actions: by(o.inspections).filter((d): d is KindOf<'inspections', 'action'> => d.kind === 'action'),
  };
}

/** Straight from the events: per person and day, leave > training > punched > absent; rates pooled over people. */
function independentAttendance(o: DemoOrg, siteId: string, month: string) {
  const tz = 'Asia/Shanghai';
  const days = daysOfMonth(month).filter((d) => d < TODAY);
  const slots = o.rosters.filter((d): d is KindOf<'rosters', 'slot'> => d.kind === 'slot' && d.siteId === siteId && d.status === 'published');
  const site = o.sites.find((s) => s.id === siteId)!;
  const shiftOf = new Map(site.shiftTemplates.map((t) => [t.id, t]));
  const sessions = o.training.filter((d): d is KindOf<'training', 'session'> => d.kind === 'session' && d.siteId === siteId && d.status === 'held');
  const eventsOf = new Map<string, DemoOrg['attendance']>();
  for (const e of o.attendance) eventsOf.set(e.staffId, [...(eventsOf.get(e.staffId) ?? []), e]);
  let attended = 0;
  let base = 0;
  let onTime = 0;
  let onTimeBase = 0;
  const leaveByType: Record<string, number> = {};
  for (const person of o.staff.filter((s) => s.siteId === siteId)) {
    const mySlots = slots.filter((s) => s.staffId === person.id);
    if (person.status === 'left' && !mySlots.some((s) => s.day.startsWith(month))) continue;
    const myEvents = eventsOf.get(person.id) ?? [];
    const corrected = new Map(myEvents.filter((e) => e.kind === 'correction' && e.amends).map((e) => [e.amends!, e.correctedTime]));
    const myLeave = o.leave.filter((l) => l.staffId === person.id && l.status === 'approved');
    let personAttended = 0;
    let personBase = 0;
    let personOnTime = 0;
    let personOnTimeBase = 0;
    for (const day of days) {
      const working = calendar.isWorkingDay(day);
      const daySlots = mySlots.filter((s) => s.day === day);
      const leave = myLeave.find((l) => l.startDay <= day && l.endDay >= day);
      const training = sessions.some((s) => s.day === day && s.attendees.some((a) => a.staffId === person.id && (a.status === 'present' || a.status === 'late')));
      const ev = myEvents.filter((e) => (e.kind === 'verified-missing-punch' ? e.day === day : dayOfInstant(corrected.get(e.id) ?? e.deviceTime, tz) === day));
      const time = (e: (typeof ev)[number]) => Date.parse(e.kind === 'verified-missing-punch' ? e.correctedTime! : (corrected.get(e.id) ?? e.deviceTime));
      const ins = ev.filter((e) => e.kind === 'check-in' || (e.kind === 'verified-missing-punch' && e.punch === 'in')).map(time);
      const outs = ev.filter((e) => e.kind === 'check-out' || (e.kind === 'verified-missing-punch' && e.punch === 'out')).map(time);
      let status: 'leave' | 'training' | 'present' | 'absent' | 'off' = 'off';
      if (leave) status = 'leave';
      else if (training) status = 'training';
      else if (daySlots.length) status = ins.length || outs.length ? 'present' : 'absent';
      if (working) personBase += 1;
      if (status === 'present' || status === 'training') personAttended += 1;
      if (working && status !== 'leave' && status !== 'training') personOnTimeBase += 1;
      if (status === 'leave' && (working || daySlots.length)) {
        const type = leave!.effectiveType ?? leave!.type;
        leaveByType[type] = (leaveByType[type] ?? 0) + 1;
      }
      if (status === 'present') {
        const t = shiftOf.get(daySlots[0]!.shiftId)!;
        const start = Date.parse(instantOf(day, t.start, tz));
        const end = Date.parse(instantOf(day, t.end, tz));
        const leftPost = ev.some((e) => e.kind === 'left-post');
        if (ins.length && outs.length && Math.min(...ins) <= start && Math.max(...outs) >= end && !leftPost) personOnTime += 1;
      }
    }
    // A rate never goes above 1 for a person who also worked on non-working days (weekend shifts).
    attended += Math.min(personAttended, personBase);
    base += personBase;
    onTime += Math.min(personOnTime, personOnTimeBase);
    onTimeBase += personOnTimeBase;
  }
  return { attended, base, onTime, onTimeBase, leaveByType };
}

describe('monthDashboard on the seeded demo organisation', () => {
  const month = addMonthsToMonth(monthOf(TODAY), -1);
  for (const siteId of ['site-hall-1', 'site-hotline-1']) {
    it(`${siteId}, ${month}: every figure equals an independent count from the raw documents`, () => {
      const dash = monthDashboard([siteDataOf(org, siteId)], month, nowMs, defaultPolicy);
      const a = independentAttendance(org, siteId, month);
      expect(dash.attendance.attendedDays).toBe(a.attended);
      expect(dash.attendance.attendanceBase).toBe(a.base);
      expect(dash.attendance.onTimeBase).toBe(a.onTimeBase);
      expect(dash.attendance.onTimeDays).toBe(a.onTime);
      expect(dash.attendance.attendanceRate).toBeCloseTo(a.attended / a.base, 10);
      expect(dash.attendance.onTimeRate).toBeCloseTo(a.onTime / a.onTimeBase, 10);
      expect(dash.leaveDaysByType).toEqual(a.leaveByType);
      expect(a.base).toBeGreaterThan(100);

      const sessions = org.training.filter((d) => d.kind === 'session' && d.siteId === siteId && d.status === 'held' && d.day.startsWith(month));
      const seats = sessions.flatMap((s) => (s.kind === 'session' ? s.attendees : [])).filter((x) => x.status !== 'excused');
      expect(dash.training.sessionsHeld).toBe(sessions.length);
      expect(dash.training.seats).toBe(seats.length);
      expect(dash.training.attended).toBe(seats.filter((x) => x.status === 'present' || x.status === 'late').length);
      const finals = org.results.filter((r) => r.kind === 'exam-result' && r.siteId === siteId && r.status === 'final' && r.day.startsWith(month));
      expect(dash.training.examsFinal).toBe(finals.length);
      expect(dash.training.examsPassed).toBe(finals.filter((r) => r.kind === 'exam-result' && r.passed).length);

      const insp = org.inspections.filter((i) => i.kind === 'inspection' && i.siteId === siteId && i.status !== 'draft' && i.day.startsWith(month));
      const scores = insp.map((i) => (i.kind === 'inspection' ? i.score! : 0));
      expect(dash.inspections.count).toBe(scores.length);
      expect(scores.length).toBeGreaterThan(0);
      expect(dash.inspections.averageScore).toBe(Math.round((scores.reduce((x, y) => x + y, 0) / scores.length) * 10) / 10);
      expect(dash.inspections.passed).toBe(scores.filter((s) => s >= 60).length);
      const sections: Record<string, number[]> = {};
      for (const i of insp) if (i.kind === 'inspection') for (const s of i.sectionScores ?? []) (sections[s.sectionId] ??= []).push(s.score);
      expect(Object.fromEntries(dash.inspections.byDimension.map((d) => [d.sectionId, d.average]))).toEqual(
        Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, Math.round((v.reduce((x, y) => x + y, 0) / v.length) * 10) / 10])),
      );

      const monthEnd = daysOfMonth(month).at(-1)!;
      const actions = org.inspections.filter((x) => x.kind === 'action' && x.siteId === siteId && x.day <= monthEnd);
      expect(dash.actions.open).toBe(actions.filter((x) => x.status !== 'closed').length);
      expect(dash.actions.overdue).toBe(actions.filter((x) => x.kind === 'action' && x.status !== 'closed' && x.dueDay < monthEnd).length);
      const quality = dash.targets.find((t) => t.key === 'qualityPassRate')!;
      expect(quality.value).toBeCloseTo(scores.filter((s) => s >= 60).length / scores.length, 10);
      expect(quality.met).toBe(quality.value >= 0.95);
    }, 120_000);
  }

  it('the organisation dashboard pools both sites', () => {
    const sites = ['site-hall-1', 'site-hotline-1'].map((id) => siteDataOf(org, id));
    const all = monthDashboard(sites, month, nowMs, defaultPolicy);
    const parts = sites.map((s) => monthDashboard([s], month, nowMs, defaultPolicy));
    expect(all.attendance.attendedDays).toBe(parts[0]!.attendance.attendedDays + parts[1]!.attendance.attendedDays);
    expect(all.inspections.count).toBe(parts[0]!.inspections.count + parts[1]!.inspections.count);
  }, 120_000);
});

describe('todayDashboard', () => {
  it('counts rostered people and uncovered posts at 08:00 before the first shift (nobody missing yet)', () => {
    const site = siteDataOf(org, 'site-hall-1');
    const today = todayDashboard([site], nowMs);
    const slots = site.slots.filter((s) => s.day === TODAY && s.status === 'published');
    expect(today.rostered).toBe(new Set(slots.map((s) => s.staffId)).size);
    expect(today.missing).toBe(0);
    const covered = new Set(slots.map((s) => s.postId));
    expect(today.uncoveredPosts).toBe(calendar.isWorkingDay(TODAY) ? site.posts.filter((p) => !covered.has(p.id)).length : 0);
  });

  it('after the shifts started, everyone rostered is in, missing or on leave', () => {
    const site = siteDataOf(org, 'site-hall-1');
    const later = Date.parse(instantOf(TODAY, '18:00', 'Asia/Shanghai'));
    const t = todayDashboard([site], later);
    expect(t.in + t.missing + t.onLeave).toBeLessThanOrEqual(t.rostered);
    expect(t.missing).toBeGreaterThan(0); // the demo history stops at 08:00: no punches today
  });
});
