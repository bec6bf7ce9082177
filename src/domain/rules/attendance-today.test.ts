import { describe, expect, it } from 'vitest';
import { instantOf, shiftInstants } from '../calendar/time-zone';
import { WorkingCalendar } from '../calendar/working-days';
import { defaultPolicy, policySchema } from '../policy';
import { classifyDays, type AttendanceEventLike, type RosteredShift } from './attendance';
import {
  asOf,
  classifyDaysAsOf,
  classifyMonthAsOf,
  duplicatePunch,
  missingPunchIssues,
  monthDaysUpTo,
  presence,
  punchVerdict,
  type PunchKind,
} from './attendance-today';

const DAY = '2025-03-03'; // a Monday
const at = (time: string, day = DAY) => Date.parse(instantOf(day, time));
const early: RosteredShift = { id: 'early', day: DAY, postId: 'w1', ...shiftInstants(DAY, '08:30', '16:30') };
const late: RosteredShift = { id: 'late', day: DAY, postId: 'w1', ...shiftInstants(DAY, '17:00', '21:00') };
let n = 0;
function ev(kind: AttendanceEventLike['kind'], time: string, extra: Partial<AttendanceEventLike> = {}): AttendanceEventLike & { staffId: string } {
  n += 1;
  const ms = at(time);
  return { id: `e${n}`, staffId: 's1', kind, deviceTime: new Date(ms).toISOString(), hlc: `${String(ms).padStart(13, '0')}:0000:d`, ...extra };
}

describe('punchVerdict: the kiosk answer follows the attendance rules', () => {
  it.each<[string, PunchKind, string, string, number?]>([
    ['check-in 15 min early: on time, in time for the pre-shift meeting', 'check-in', '08:15', 'on-time'],
    ['check-in exactly at the start: on time', 'check-in', '08:30', 'on-time'],
    ['check-in 1 min late: late 1', 'check-in', '08:31', 'late', 1],
    ['check-in 60 min late: still late (threshold is "more than 60")', 'check-in', '09:30', 'late', 60],
    ['check-in 61 min late: the missed time is 旷工', 'check-in', '09:31', 'late-absence', 61],
    ['check-out at the end: on time', 'check-out', '16:30', 'on-time-out'],
    ['check-out after the end: on time', 'check-out', '16:45', 'on-time-out'],
    ['check-out 10 min early: early leave', 'check-out', '16:20', 'early', 10],
    ['check-out 90 min early: 旷工 for the missed time', 'check-out', '15:00', 'early-absence', 90],
  ])('%s', (_label, kind, time, verdict, minutes) => {
    const v = punchVerdict(kind, at(time), [early], [], defaultPolicy);
    expect(v.kind).toBe(verdict);
    if (minutes !== undefined) expect(v).toMatchObject({ minutes });
    if (v.kind !== 'no-shift' && 'shiftId' in v) expect(v.shiftId).toBe('early');
  });

  it('knows the pre-shift meeting arrival (10 min before by default)', () => {
    expect(punchVerdict('check-in', at('08:20'), [early], [], defaultPolicy)).toMatchObject({ kind: 'on-time', preShift: true });
    expect(punchVerdict('check-in', at('08:25'), [early], [], defaultPolicy)).toMatchObject({ kind: 'on-time', preShift: false });
  });

  it('uses the site policy (grace minutes)', () => {
    const graced = policySchema.parse({ attendance: { graceMinutes: 5 } });
    expect(punchVerdict('check-in', at('08:34'), [early], [], graced).kind).toBe('on-time');
    expect(punchVerdict('check-in', at('08:36'), [early], [], graced).kind).toBe('late');
  });

  it('picks the nearest shift of several and answers no-shift far from any', () => {
    expect(punchVerdict('check-in', at('17:10'), [early, late], [], defaultPolicy)).toMatchObject({ kind: 'late', shiftId: 'late', minutes: 10 });
    expect(punchVerdict('check-out', at('21:00'), [early, late], [], defaultPolicy)).toMatchObject({ kind: 'on-time-out', shiftId: 'late' });
    expect(punchVerdict('check-in', at('08:00'), [], [], defaultPolicy)).toEqual({ kind: 'no-shift' });
    expect(punchVerdict('check-in', at('01:00'), [late], [], defaultPolicy)).toEqual({ kind: 'no-shift' });
  });

  it('an earlier check-in of the same shift is the one that counts', () => {
    const v = punchVerdict('check-in', at('09:00'), [early], [ev('check-in', '08:20')], defaultPolicy);
    expect(v).toMatchObject({ kind: 'on-time', effectiveAt: at('08:20') });
  });

  it('back at post: the time away decides (under 1 h late, 1–4 h half day, over 4 h full day)', () => {
    const left = ev('left-post', '09:00');
    expect(punchVerdict('returned', at('09:30'), [early], [ev('check-in', '08:20'), left], defaultPolicy)).toEqual({ kind: 'back', minutes: 30, outcome: 'late' });
    expect(punchVerdict('returned', at('10:30'), [early], [left], defaultPolicy)).toEqual({ kind: 'back', minutes: 90, outcome: 'half-day' });
    expect(punchVerdict('returned', at('13:01'), [early], [left], defaultPolicy)).toEqual({ kind: 'back', minutes: 241, outcome: 'full-day' });
    expect(punchVerdict('returned', at('10:30'), [early], [left, ev('returned', '09:10')], defaultPolicy)).toEqual({ kind: 'not-away' });
    expect(punchVerdict('left-post', at('09:00'), [early], [], defaultPolicy)).toEqual({ kind: 'left', lateBelowMinutes: 60 });
  });

  it('agrees with the full-day classification once the day is over', () => {
    const events = [ev('check-in', '08:50'), ev('check-out', '16:30')];
    const day = classifyDays([DAY], [early], events, {}, defaultPolicy)[0]!;
    const v = punchVerdict('check-in', at('08:50'), [early], [], defaultPolicy);
    expect(v).toMatchObject({ kind: 'late', minutes: day.minutes.late });
  });
});

describe('duplicatePunch: a double tap makes one event', () => {
  const first = ev('check-in', '08:20');
  it.each([
    ['same kind 2 s later', 'check-in', at('08:20') + 2000, true],
    ['same kind 59 s later', 'check-in', at('08:20') + 59_000, true],
    ['same kind 61 s later', 'check-in', at('08:20') + 61_000, false],
    ['another kind right after', 'check-out', at('08:20') + 2000, false],
  ] as const)('%s → duplicate: %s', (_l, kind, ms, dup) => {
    expect(Boolean(duplicatePunch([first], 's1', kind, ms, 60_000))).toBe(dup);
  });
  it('only for the same person', () => {
    expect(duplicatePunch([first], 's2', 'check-in', at('08:20'), 60_000)).toBeUndefined();
  });
});

describe('asOf: the running day', () => {
  it('drops shifts not yet started, ends running ones now, and does not count a check-out that cannot have happened', () => {
    const now = at('10:00');
    const cut = asOf([early, late], [ev('check-in', '08:20')], now);
    expect(cut.shifts.map((s) => s.id)).toEqual(['early']);
    expect(cut.shifts[0]!.end).toBe(new Date(now).toISOString());
    const [day] = classifyDaysAsOf([DAY], [early, late], [ev('check-in', '08:20')], {}, defaultPolicy, now);
    expect(day).toMatchObject({ status: 'present', onTime: true, unverifiedMissingPunches: 0, verifiedMissingPunches: 0, absenceHalfDays: 0 });
  });

  it('a running shift with no punch at all is missed so far, not a present day with missing punches', () => {
    const [day] = classifyDaysAsOf([DAY], [early], [], {}, defaultPolicy, at('10:00'));
    expect(day).toMatchObject({ status: 'absent', unverifiedMissingPunches: 0, absenceHalfDays: 2 });
    expect(day!.minutes.absent).toBe(90);
  });

  it('keeps a real early check-out of a running shift', () => {
    const [day] = classifyDaysAsOf([DAY], [early], [ev('check-in', '08:20'), ev('check-out', '09:00')], {}, defaultPolicy, at('09:30'));
    expect(day!.earlyCount).toBe(1);
    expect(day!.minutes.early).toBe(30);
  });

  it('counts lateness and leaving the post so far', () => {
    const events = [ev('check-in', '08:50'), ev('left-post', '09:00'), ev('returned', '10:30')];
    const [day] = classifyDaysAsOf([DAY], [early], events, {}, defaultPolicy, at('11:00'));
    expect(day).toMatchObject({ lateCount: 1, absenceHalfDays: 1, onTime: false });
    expect(day!.minutes.late).toBe(20);
  });

  it('equals the plain classification once every shift is over', () => {
    const events = [ev('check-in', '08:40'), ev('check-out', '16:00')];
    expect(classifyDaysAsOf([DAY], [early], events, {}, defaultPolicy, at('23:00'))).toEqual(classifyDays([DAY], [early], events, {}, defaultPolicy));
  });

  it('a day whose shift has not started yet is not counted', () => {
    const [day] = classifyDaysAsOf([DAY], [early], [], {}, defaultPolicy, at('07:00'));
    expect(day).toMatchObject({ status: 'off', rosteredMinutes: 0 });
  });
});

describe('month to date', () => {
  it('lists the days up to today only', () => {
    expect(monthDaysUpTo('2025-03', at('10:00', '2025-03-03'), 'Asia/Shanghai')).toEqual(['2025-03-01', '2025-03-02', '2025-03-03']);
    expect(monthDaysUpTo('2025-02', at('10:00', '2025-03-03'), 'Asia/Shanghai')).toHaveLength(28);
    expect(monthDaysUpTo('2025-04', at('10:00', '2025-03-03'), 'Asia/Shanghai')).toEqual([]);
  });
  it('rates over the working days so far', () => {
    const cal = new WorkingCalendar();
    const { figures } = classifyMonthAsOf('2025-03', at('10:00'), 'Asia/Shanghai', [early], [ev('check-in', '08:40')], {}, (d) => cal.isWorkingDay(d), defaultPolicy);
    // 1 working day so far (Mon 3 March); attended, late.
    expect(figures).toMatchObject({ workingDays: 1, attendedDays: 1, onTimeDays: 0, lateCount: 1, attendanceRate: 1, onTimeRate: 0 });
  });
});

describe('presence', () => {
  const p = (events: AttendanceEventLike[], time: string, person = {}) => presence(DAY, [early], events, person, at(time));
  it.each([
    ['before the shift, no punch', [], '08:00', 'not-due'],
    ['shift started, no punch', [], '08:45', 'missing'],
    ['shift over, no punch', [], '17:00', 'absent'],
    ['checked in', [ev('check-in', '08:20')], '09:00', 'in'],
    ['left the post', [ev('check-in', '08:20'), ev('left-post', '09:00')], '09:30', 'away'],
    ['back at post', [ev('check-in', '08:20'), ev('left-post', '09:00'), ev('returned', '09:20')], '09:30', 'in'],
    ['checked out', [ev('check-in', '08:20'), ev('check-out', '16:30')], '16:40', 'out'],
    ['a punch in the future (device clock) is not seen yet', [ev('check-in', '09:00')], '08:45', 'missing'],
  ] as const)('%s → %s', (_l, events, time, expected) => {
    expect(p([...events], time)).toBe(expected);
  });
  it('leave and training come first', () => {
    expect(p([], '09:00', { leave: [{ type: 'sick', from: DAY, to: DAY, approved: true }] })).toBe('leave');
    expect(p([], '09:00', { leave: [{ type: 'sick', from: DAY, to: DAY, approved: false }] })).toBe('missing');
    expect(p([], '09:00', { trainingDays: [DAY] })).toBe('training');
  });
});

describe('missingPunchIssues: explanation plus a witness or a manager sign-off', () => {
  it.each([
    [{ explanation: '打卡机故障', witness: '李组长' }, []],
    [{ explanation: '打卡机故障', approvedBy: 'user-manager' }, []],
    [{ explanation: '打卡机故障' }, ['witness-or-sign-off-required']],
    [{ explanation: '  ', witness: '李组长' }, ['explanation-required']],
    [{ explanation: '', witness: ' ' }, ['explanation-required', 'witness-or-sign-off-required']],
  ])('%j → %j', (input, issues) => {
    expect(missingPunchIssues(input)).toEqual(issues);
  });
});
