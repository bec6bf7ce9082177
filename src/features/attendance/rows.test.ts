import { describe, expect, it } from 'vitest';
import { instantOf } from '../../domain/calendar/time-zone';
import { WorkingCalendar } from '../../domain/calendar/working-days';
import type { DocOf } from '../../domain/collections';
import { defaultPolicy } from '../../domain/policy';
import { classifyMonthAsOf } from '../../domain/rules/attendance-today';
import { rosteredShifts } from '../../domain/rules/attendance-inputs';
import { buildDayRows, dayAlerts, type DayInput } from './day-rows';
import { buildMonthRows, monthColumns, percent } from './month-rows';

const DAY = '2025-03-04'; // a Tuesday
const TZ = 'Asia/Shanghai';
const at = (time: string, day = DAY) => Date.parse(instantOf(day, time, TZ));
const cal = new WorkingCalendar([], TZ);
const post = (id: string, holderA?: string, holderB?: string) => ({ id, name: id, kind: 'window' as const, requiredCertificates: [], requiredCourses: [], ...(holderA ? { holderA } : {}), ...(holderB ? { holderB } : {}) });
const site = {
  timeZone: TZ,
  shiftTemplates: [{ id: 'early', name: '早班', start: '08:30', end: '16:30', breakMinutes: 0 }],
  posts: [post('w1', 'a'), post('w2', 'b'), post('w3', 'c'), post('w4', 'd'), post('w5', 'e', 'f'), post('w6')],
};
const person = (id: string, status: 'on-post' | 'left' = 'on-post') => ({ id, name: `人${id}`, staffNo: `H-${id}`, status });
const slot = (staffId: string, postId: string, day = DAY) => ({ id: `slot-${staffId}-${day}`, day, postId, shiftId: 'early', staffId, status: 'published' as const });
let n = 0;
function ev(staffId: string, kind: DocOf<'attendance'>['kind'], time: string, day = DAY): DocOf<'attendance'> {
  n += 1;
  const ms = at(time, day);
  return { id: `e${n}`, siteId: 's', updatedAt: '2025-03-04T00:00:00.000Z', updatedBy: 'u', deviceId: 'd', staffId, kind, method: 'pin', deviceTime: new Date(ms).toISOString(), hlc: `${String(ms).padStart(13, '0')}:0000:d` };
}

// a on time; b late 20; c left the post 90 min; d not in yet; e on approved leave; f (B of w5) not rostered; g punched without a slot.
function input(nowMs: number): DayInput {
  return {
    day: DAY,
    nowMs,
    site,
    staff: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => person(id)),
    slots: [slot('a', 'w1'), slot('b', 'w2'), slot('c', 'w3'), slot('d', 'w4')],
    events: [ev('a', 'check-in', '08:15'), ev('b', 'check-in', '08:50'), ev('c', 'check-in', '08:20'), ev('c', 'left-post', '09:00'), ev('c', 'returned', '10:30'), ev('g', 'check-in', '09:00')],
    leave: [{ id: 'l1', staffId: 'e', type: 'sick', startDay: DAY, endDay: DAY, status: 'approved' }],
    sessions: [],
    policy: defaultPolicy,
    isWorkingDay: (d) => cal.isWorkingDay(d),
  };
}

describe('day view rows', () => {
  const rows = buildDayRows(input(at('11:00')));
  const row = (id: string) => rows.find((r) => r.staffId === id)!;

  it('lists the rostered, the people on leave and anyone who punched; not the others', () => {
    expect(rows.map((r) => r.staffId).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'g']);
  });

  it('classifies each as of now with the attendance rules', () => {
    expect(row('a')).toMatchObject({ presence: 'in', classification: { onTime: true, lateCount: 0, absenceHalfDays: 0 } });
    expect(row('b')).toMatchObject({ presence: 'in', classification: { onTime: false, lateCount: 1, absenceHalfDays: 0 } });
    expect(row('b').classification.minutes.late).toBe(20);
    expect(row('c')).toMatchObject({ presence: 'in', classification: { onTime: false, absenceHalfDays: 1 } });
    expect(row('d')).toMatchObject({ presence: 'missing', classification: { status: 'absent' } });
    expect(row('e')).toMatchObject({ presence: 'leave', leave: { type: 'sick' } });
    expect(row('g')).toMatchObject({ presence: 'not-due', shifts: [] });
  });

  it('before the shift nobody is missing yet', () => {
    const early = buildDayRows(input(at('08:00')));
    expect(early.find((r) => r.staffId === 'd')).toMatchObject({ presence: 'not-due', classification: { status: 'off' } });
  });

  it('alerts: posts without a slot on a working day, B not covering for A, and posts nobody is at now', () => {
    const alerts = dayAlerts(input(at('11:00')), rows);
    expect(alerts).toContainEqual({ kind: 'post-uncovered', postId: 'w5' });
    expect(alerts).toContainEqual({ kind: 'post-uncovered', postId: 'w6' });
    expect(alerts).toContainEqual({ kind: 'post-unattended', postId: 'w4', staffIds: ['d'] });
    expect(alerts.filter((a) => a.kind === 'post-unattended')).toHaveLength(1);
  });
});

describe('month summary rows', () => {
  const base = input(at('11:00'));
  const monthInput = { ...base, month: '2025-03', slots: [...base.slots, slot('a', 'w1', '2025-03-03')], events: [...base.events, ev('a', 'check-in', '08:40', '2025-03-03'), ev('a', 'check-out', '16:30', '2025-03-03')] };
  const { rows, total } = buildMonthRows(monthInput);

  it('gives each person the figures of the domain rules, month to date', () => {
    const a = rows.find((r) => r.staffId === 'a')!;
    const shifts = rosteredShifts(monthInput.slots.filter((s) => s.staffId === 'a'), site.shiftTemplates, TZ);
    const expected = classifyMonthAsOf('2025-03', at('11:00'), TZ, shifts, monthInput.events.filter((e) => e.staffId === 'a'), { leave: [], trainingDays: [] }, (d) => cal.isWorkingDay(d), defaultPolicy).figures;
    expect(a.figures).toEqual(expected);
    // Mon 3 (late 10 min) and Tue 4 (on time so far): 2 working days, both attended, one on time.
    expect(a.figures).toMatchObject({ workingDays: 2, attendedDays: 2, onTimeDays: 1, lateCount: 1, attendanceRate: 1, onTimeRate: 0.5 });
  });

  it('the site total pools the people', () => {
    expect(total.attendedDays).toBe(rows.reduce((s, r) => s + Math.min(r.figures.attendedDays, r.figures.attendanceBase), 0));
    expect(total.lateCount).toBe(rows.reduce((s, r) => s + r.figures.lateCount, 0));
  });

  it('leaves out people who left and were not rostered in the month', () => {
    const withLeaver = buildMonthRows({ ...monthInput, staff: [...monthInput.staff, person('z', 'left')] });
    expect(withLeaver.rows.some((r) => r.staffId === 'z')).toBe(false);
  });

  it('exports rates as percentages and absence in days', () => {
    const cols = monthColumns((k) => k, (t) => t);
    const a = rows.find((r) => r.staffId === 'a')!;
    const byHeader = Object.fromEntries(cols.map((c) => [c.header, c.value(a)]));
    expect(byHeader['attendance.month.col.onTimeRate']).toBe('50.0%');
    expect(byHeader['attendance.month.col.absence']).toBe(0);
    expect(percent(null)).toBe('');
    expect(percent(2 / 3)).toBe('66.7%');
  });
});

describe('day view rows and late amendments', () => {
  it('a correction or verification written later for another day does not list an unrostered person', () => {
    const base = input(at('11:00'));
    const later = { ...ev('f', 'verified-missing-punch', '10:00'), punch: 'in' as const, day: '2025-02-28', witness: 'w', explanation: 'x' };
    const rows = buildDayRows({ ...base, events: [...base.events, later] });
    expect(rows.some((r) => r.staffId === 'f')).toBe(false);
    const sameDay = { ...later, day: DAY };
    expect(buildDayRows({ ...base, events: [...base.events, sameDay] }).some((r) => r.staffId === 'f')).toBe(true);
  });
});
