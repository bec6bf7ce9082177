import { addDays, daysBetween, eachDay } from '../calendar/days';
import { formatHlc } from '../hlc';
import { rosterSlotId } from '../ids';
import type { LeaveType } from '../policy';
import { approvalChain, needsEvidence } from '../rules/leave';
import type { AttendanceEvent } from '../schemas/attendance';
import type { ApprovalStep, LeaveRequest } from '../schemas/leave';
import type { Handover, RosterSlot, SwapRequest } from '../schemas/roster';
import type { ShiftTemplate, Site } from '../schemas/site';
import type { Staff } from '../schemas/staff';
import type { DemoContext } from './context';
import { SHIFTS, USER_IDS, type SitePair } from './org';
import { uuidv7At, type Rng } from './prng';

const MINUTE = 60_000;

const firstWorkingDay = new WeakMap<Staff, string>();

/** Whether a person can be rostered on a day: hired and through onboarding (two weeks), not yet left, not on standby. */
export function activeOn(staff: Staff, day: string): boolean {
  if (staff.status === 'standby') return false;
  let first = firstWorkingDay.get(staff);
  if (first === undefined) {
    first = staff.hiredOn ? addDays(staff.hiredOn, 14) : '';
    firstWorkingDay.set(staff, first);
  }
  if (day < first) return false;
  if (staff.leftOn && day >= staff.leftOn) return false;
  return true;
}

function fakeMediaHash(rng: Rng): string {
  return rng.hex(64);
}

const LEAVE_LENGTH: Record<LeaveType, [number, number]> = {
  personal: [1, 2],
  sick: [1, 5],
  marriage: [3, 10],
  prenatal: [1, 1],
  maternity: [98, 98],
  paternity: [10, 15],
  bereavement: [1, 3],
  annual: [1, 5],
  'in-lieu': [1, 1],
};

const LEAVE_REASONS: Record<LeaveType, string> = {
  personal: '家中有事需处理',
  sick: '发烧就医',
  marriage: '本人结婚',
  prenatal: '孕期产检',
  maternity: '生育',
  paternity: '配偶生育陪护',
  bereavement: '直系亲属去世',
  annual: '休年假',
  'in-lieu': '节假日加班调休',
};

/** Leave requests over the period: ~0.35 a person a month, types weighted as in the documents' examples. */
export function demoLeave(ctx: DemoContext, staff: readonly Staff[]): LeaveRequest[] {
  const rng = ctx.rng('leave');
  const out: LeaveRequest[] = [];
  const months = new Set(eachDay(ctx.periodStart, ctx.periodEnd).map((d) => d.slice(0, 7)));
  for (const person of staff) {
    const taken: { from: string; to: string }[] = [];
    for (const month of months) {
      if (!rng.chance(0.35)) continue;
      const probation = person.probationEnd !== undefined && `${month}-28` <= person.probationEnd;
      const type = rng.weighted<LeaveType>([
        ['personal', 30],
        ['sick', 25],
        ['annual', probation ? 0 : 20],
        ['in-lieu', 12],
        ['bereavement', 3],
        ['marriage', probation || person.intern ? 0 : 3],
        ['prenatal', person.gender === 'female' ? 4 : 0],
        ['paternity', person.gender === 'male' ? 3 : 0],
      ]);
      let startDay = `${month}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      while (!ctx.calendar.isWorkingDay(startDay)) startDay = addDays(startDay, 1);
      if (!activeOn(person, startDay)) continue;
      const [min, max] = LEAVE_LENGTH[type];
      const length = rng.int(min, max);
      const endDay = addDays(startDay, length - 1);
      if (taken.some((t) => t.from <= endDay && startDay <= t.to)) continue;
      const half = type === 'personal' && length === 1 && rng.chance(0.25);
      const workingDays = eachDay(startDay, endDay).filter((d) => ctx.calendar.isWorkingDay(d)).length;
      const days = half ? 0.5 : Math.max(0.5, workingDays);

      const requestDay = [addDays(startDay, -rng.int(1, 7)), addDays(ctx.today, -1)].sort()[0]!;
      const requestedMs = ctx.at(requestDay, '09:00') + rng.int(0, 480) * MINUTE;
      const decidedMs = Math.min(requestedMs + rng.int(20, 300) * MINUTE, ctx.nowMs - MINUTE);
      const future = startDay >= ctx.today;
      const outcome = future
        ? rng.weighted([['approved', 60], ['pending', 40]] as const)
        : rng.weighted([['approved', 92], ['rejected', 5], ['cancelled', 3]] as const);
      const chain = approvalChain({ from: startDay, to: endDay }, ctx.policy);
      const approver = (level: 'manager' | 'superior') => (level === 'manager' ? USER_IDS.manager : USER_IDS.superior);
      const steps: ApprovalStep[] = chain.map((level, i) => {
        const decided = outcome === 'approved' || (outcome === 'rejected' && i === 0) || (outcome === 'pending' && i === 0 && chain.length > 1 && rng.chance(0.5));
        if (!decided) return { level, approverId: approver(level), decision: 'pending' };
        return { level, approverId: approver(level), decision: outcome === 'rejected' ? 'rejected' : 'approved', decidedAt: ctx.iso(Math.min(decidedMs + i * 60 * MINUTE, ctx.nowMs)) };
      });
      const evidenceNeeded = needsEvidence(type);
      const evidenceFails = evidenceNeeded && !future && outcome === 'approved' && rng.chance(0.05);
      const request: LeaveRequest = {
        id: uuidv7At(requestedMs, rng),
        siteId: person.siteId,
        ...ctx.stamp(outcome === 'pending' ? requestedMs : decidedMs + chain.length * 60 * MINUTE),
        staffId: person.id,
        type,
        startDay,
        endDay,
        startsAtNoon: half,
        endsAtNoon: false,
        days,
        reason: LEAVE_REASONS[type],
        evidence: evidenceNeeded ? [fakeMediaHash(rng)] : [],
        evidenceVerdict: !evidenceNeeded ? 'not-required' : future || outcome !== 'approved' ? 'pending' : evidenceFails ? 'rejected' : 'accepted',
        requestedAt: ctx.iso(requestedMs),
        steps,
        status: outcome,
      };
      if (type === 'prenatal') request.pregnancyMonth = rng.int(3, 9);
      if (evidenceFails) request.effectiveType = 'personal';
      if (evidenceNeeded && !future && outcome === 'approved') request.evidenceCheckedBy = USER_IDS.manager;
      taken.push({ from: startDay, to: endDay });
      out.push(request);
    }
  }
  return out;
}

/** Days each person is on approved leave. */
export function approvedLeaveDays(leave: readonly LeaveRequest[]): Map<string, Set<string>> {
  const byStaff = new Map<string, Set<string>>();
  for (const l of leave) {
    if (l.status !== 'approved') continue;
    const days = byStaff.get(l.staffId) ?? new Set<string>();
    for (const d of eachDay(l.startDay, l.endDay)) days.add(d);
    byStaff.set(l.staffId, days);
  }
  return byStaff;
}

/** When the month's rota was published: the 25th of the month before, 10:00. */
function publishedMs(ctx: DemoContext, day: string): number {
  const month = Number(day.slice(5, 7));
  const year = Number(day.slice(0, 4));
  const prev = month === 1 ? `${year - 1}-12-25` : `${year}-${String(month - 1).padStart(2, '0')}-25`;
  return ctx.at(prev, '10:00');
}

function slot(ctx: DemoContext, site: Site, postId: string, day: string, shift: ShiftTemplate, staffId: string, cover: RosterSlot['cover']): RosterSlot {
  const draft = day > ctx.periodEnd;
  return {
    id: rosterSlotId(site.id, postId, day, shift.id),
    siteId: site.id,
    ...ctx.stamp(draft ? ctx.nowMs : publishedMs(ctx, day)),
    kind: 'slot',
    postId,
    day,
    shiftId: shift.id,
    staffId,
    status: draft ? 'draft' : 'published',
    cover,
    acknowledgedWarnings: [],
  };
}

/**
 * Rosters: the hall's posts on official working days (全天; the B backup covers an
 * absent A holder), the hotline's seats every day on a 5-on-2-off rotation of
 * 早班 and 晚班 (the two agents of a seat always on opposite shifts).
 */
export function demoRosters(ctx: DemoContext, pair: SitePair, onLeave: Map<string, Set<string>>): RosterSlot[] {
  const out: RosterSlot[] = [];
  const free = (s: Staff | undefined, day: string) => s !== undefined && activeOn(s, day) && !onLeave.get(s.id)?.has(day);
  const byId = new Map([...pair.hallStaff, ...pair.hotlineStaff].map((s) => [s.id, s]));

  for (const day of eachDay(ctx.periodStart, ctx.rosterEnd)) {
    if (ctx.calendar.isWorkingDay(day)) {
      const busy = new Set<string>();
      for (const post of pair.hall.posts) {
        const a = post.holderA ? byId.get(post.holderA) : undefined;
        const b = post.holderB ? byId.get(post.holderB) : undefined;
        if (free(a, day) && !busy.has(a!.id)) {
          busy.add(a!.id);
          out.push(slot(ctx, pair.hall, post.id, day, SHIFTS.full, a!.id, 'A'));
        } else if (free(b, day) && !busy.has(b!.id)) {
          busy.add(b!.id);
          out.push(slot(ctx, pair.hall, post.id, day, SHIFTS.full, b!.id, 'B'));
        }
      }
    }
    const dayIndex = daysBetween('2000-01-03', day); // a Monday
    const week = Math.floor(dayIndex / 7);
    pair.hotlineStaff.forEach((agent, i) => {
      if (!agent.postId || !free(agent, day)) return;
      if ((dayIndex + i) % 7 >= 5) return; // two days off a week, staggered
      const group = Math.floor(i / 30);
      const early = ((week + i) % 2 === 0) !== (group % 2 === 1);
      const post = pair.hotline.posts.find((p) => p.id === agent.postId)!;
      out.push(slot(ctx, pair.hotline, post.id, day, early ? SHIFTS.early : SHIFTS.late, agent.id, post.holderA === agent.id ? 'A' : 'B'));
    });
  }
  return out;
}

/**
 * Attendance events for the rostered shifts before today: mostly on time (the
 * pre-shift meeting is 10 minutes before start), with the lateness, early
 * leave, missing punches, left-post episodes, corrections and unexplained
 * absences the rules classify.
 */
export function demoAttendance(ctx: DemoContext, slots: readonly RosterSlot[], pair: SitePair): AttendanceEvent[] {
  const rng = ctx.rng(`attendance-${pair.index}`);
  const out: AttendanceEvent[] = [];
  const shifts = new Map([...pair.hall.shiftTemplates, ...pair.hotline.shiftTemplates].map((s) => [s.id, s]));
  const leaders = { [pair.hall.id]: pair.hallTeamLeader, [pair.hotline.id]: pair.hotlineTeamLeader };

  const event = (s: RosterSlot, kind: AttendanceEvent['kind'], deviceMs: number, extra: Partial<AttendanceEvent> = {}): AttendanceEvent => {
    const receivedAt = ctx.iso(Math.min(deviceMs + rng.int(1, 40) * 1000, ctx.nowMs));
    const e: AttendanceEvent = {
      id: uuidv7At(deviceMs, rng),
      siteId: s.siteId,
      updatedAt: receivedAt,
      updatedBy: 'system',
      deviceId: 'seed',
      staffId: s.staffId,
      kind,
      method: extra.method ?? rng.weighted([['pin', 70], ['qr', 25], ['manual', 5]] as const),
      deviceTime: ctx.iso(deviceMs),
      hlc: formatHlc({ ms: deviceMs, counter: 0, node: 'seed' }),
      receivedAt,
      ...extra,
    };
    out.push(e);
    return e;
  };

  for (const s of slots) {
    if (s.day >= ctx.today || s.status !== 'published') continue;
    const shift = shifts.get(s.shiftId)!;
    const start = ctx.at(s.day, shift.start);
    const end = ctx.at(s.day, shift.end);
    const leader = leaders[s.siteId];
    const verifier = { approvedBy: USER_IDS.manager, ...(leader && leader.id !== s.staffId ? { witness: leader.name } : {}) };

    const r = rng.next();
    if (r < 0.004) continue; // 旷工: rostered, no punch, no leave
    const missingIn = r < 0.01;
    const missingOut = !missingIn && r < 0.022;
    const lateBy = rng.chance(0.035) ? rng.int(1, 25) : rng.chance(0.004) ? rng.int(61, 150) : 0;
    const earlyBy = rng.chance(0.02) ? rng.int(5, 40) : rng.chance(0.003) ? rng.int(61, 120) : 0;

    if (!missingIn) {
      const checkIn = event(s, 'check-in', lateBy ? start + lateBy * MINUTE + rng.int(0, 59) * 1000 : start - rng.int(3, 20) * MINUTE - rng.int(0, 59) * 1000);
      if (!lateBy && rng.chance(0.005)) {
        // The tablet was down: the team leader enters the real time and the manager approves.
        event(s, 'correction', end + 10 * MINUTE, { method: 'manual', amends: checkIn.id, correctedTime: ctx.iso(start - 8 * MINUTE), explanation: '考勤平板故障，按组长记录补录', ...verifier });
      }
    } else if (rng.chance(0.5)) {
      event(s, 'verified-missing-punch', end + rng.int(20, 60) * MINUTE, { method: 'manual', punch: 'in', day: s.day, correctedTime: ctx.iso(start - 6 * MINUTE), explanation: '上班忘记打卡，组长可证明按时到岗', ...verifier });
    }
    if (rng.chance(0.006)) {
      const leftMs = start + rng.int(90, 240) * MINUTE;
      event(s, 'left-post', leftMs, { method: 'manual', note: '巡查发现未登记离岗' });
      event(s, 'returned', Math.min(leftMs + rng.weighted([[rng.int(10, 55), 6], [rng.int(61, 230), 3], [rng.int(241, 300), 1]] as const) * MINUTE, end - MINUTE), { method: 'manual' });
    }
    if (!missingOut) {
      event(s, 'check-out', earlyBy ? end - earlyBy * MINUTE - rng.int(0, 59) * 1000 : end + rng.int(0, 12) * MINUTE + rng.int(0, 59) * 1000);
    } else if (rng.chance(0.5)) {
      event(s, 'verified-missing-punch', end + rng.int(20, 60) * MINUTE, { method: 'manual', punch: 'out', day: s.day, correctedTime: ctx.iso(end + 2 * MINUTE), explanation: '下班忘记打卡，监控可证明', ...verifier });
    }
  }
  return out;
}

/** A few swap and cover requests for the coming days (pending), and some earlier ones that were turned down or withdrawn. */
export function demoSwaps(ctx: DemoContext, slots: readonly RosterSlot[], pair: SitePair): SwapRequest[] {
  const rng = ctx.rng(`swaps-${pair.index}`);
  const out: SwapRequest[] = [];
  const hotline = slots.filter((s) => s.siteId === pair.hotline.id && s.status === 'published');
  if (hotline.length < 2) return out;
  const byDay = new Map<string, RosterSlot[]>();
  for (const s of hotline) byDay.set(s.day, [...(byDay.get(s.day) ?? []), s]);
  const wanted = Math.max(1, ctx.months * 3);
  for (let i = 0; i < wanted * 4 && out.length < wanted; i++) {
    const mine = rng.pick(hotline);
    const theirs = byDay.get(mine.day)!.find((s) => s.shiftId !== mine.shiftId && s.staffId !== mine.staffId);
    if (!theirs) continue;
    const future = mine.day >= ctx.today;
    const requestedMs = Math.min(ctx.at(addDays(mine.day, -rng.int(1, 5)), '12:00'), ctx.nowMs - 60 * MINUTE);
    const requestType = rng.chance(0.6) ? 'swap' : 'cover';
    const status = future ? rng.weighted([['requested', 2], ['accepted', 1]] as const) : rng.weighted([['rejected', 1], ['cancelled', 1]] as const);
    const request: SwapRequest = {
      id: uuidv7At(requestedMs, rng),
      siteId: mine.siteId,
      ...ctx.stamp(requestedMs + 30 * MINUTE),
      kind: 'swap',
      staffId: mine.staffId,
      day: mine.day,
      slotId: mine.id,
      requestType,
      counterpartId: theirs.staffId,
      ...(requestType === 'swap' ? { counterpartSlotId: theirs.id } : {}),
      reason: rng.pick(['孩子学校开家长会', '需陪家人就医', '参加职称考试', '家中装修需在场']),
      requestedAt: ctx.iso(requestedMs),
      status,
    };
    if (status === 'rejected') Object.assign(request, { decidedBy: USER_IDS.teamLeader, decidedAt: ctx.iso(requestedMs + 30 * MINUTE) });
    out.push(request);
  }
  return out;
}

/** The hotline's daily handover (交接班) from an early-shift to a late-shift agent, witnessed by the team leader. */
export function demoHandovers(ctx: DemoContext, slots: readonly RosterSlot[], pair: SitePair): Handover[] {
  const rng = ctx.rng(`handovers-${pair.index}`);
  const out: Handover[] = [];
  const byDay = new Map<string, RosterSlot[]>();
  for (const s of slots) {
    if (s.siteId !== pair.hotline.id || s.day >= ctx.today || s.status !== 'published') continue;
    const list = byDay.get(s.day) ?? [];
    list.push(s);
    byDay.set(s.day, list);
  }
  const leader = pair.hotlineTeamLeader;
  for (const [day, list] of byDay) {
    const early = list.find((s) => s.shiftId === SHIFTS.early.id && s.staffId !== leader?.id);
    const late = list.find((s) => s.shiftId === SHIFTS.late.id && s.staffId !== leader?.id);
    if (!early || !late) continue;
    const atMs = ctx.at(day, SHIFTS.late.start);
    const items = rng.chance(0.3) ? [{ text: `工单 ${day.replaceAll('-', '')}${String(rng.int(1000, 9999))} 待回访市民`, resolved: rng.chance(0.5) }] : [];
    out.push({
      id: uuidv7At(atMs, rng),
      siteId: pair.hotline.id,
      ...ctx.stamp(atMs + 10 * MINUTE),
      kind: 'handover',
      day,
      postId: early.postId,
      shiftId: SHIFTS.early.id,
      staffId: early.staffId,
      receiverId: late.staffId,
      ...(leader ? { witnessId: leader.id, witnessConfirmedAt: ctx.iso(atMs + 8 * MINUTE) } : {}),
      at: ctx.iso(atMs),
      openItems: items,
      note: items.length ? '已口头交代' : '无遗留事项',
      receiverConfirmedAt: ctx.iso(atMs + 5 * MINUTE),
    });
  }
  return out;
}
