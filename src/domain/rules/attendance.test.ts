import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultPolicy, policySchema } from '../policy';
import { instantOf, shiftInstants } from '../calendar/time-zone';
import { WorkingCalendar } from '../calendar/working-days';
import {
  classifyDay,
  classifyDays,
  classifyMonth,
  leftPostOutcome,
  monthlyFigures,
  siteMonthlyFigures,
  type AttendanceEventLike,
  type MinuteBreakdown,
  type RosteredShift,
} from './attendance';

const DAY = '2025-03-03'; // a Monday
let seq = 0;

function shift(day = DAY, start = '08:30', end = '16:30', id = `${day}-${start}`): RosteredShift {
  return { id, day, postId: 'win-1', ...shiftInstants(day, start, end) };
}

function ev(
  kind: AttendanceEventLike['kind'],
  time: string,
  extra: Partial<AttendanceEventLike> = {},
  day = DAY,
): AttendanceEventLike {
  seq += 1;
  const deviceTime = instantOf(day, time);
  return {
    id: `e${seq}`,
    kind,
    deviceTime,
    hlc: `${String(Date.parse(deviceTime)).padStart(13, '0')}:0000:dev`,
    ...extra,
  };
}

const inAt = (t: string, day = DAY) => ev('check-in', t, {}, day);
const outAt = (t: string, day = DAY) => ev('check-out', t, {}, day);
const day1 = (events: AttendanceEventLike[], opts: { nursing?: boolean; shifts?: RosteredShift[] } = {}, policy = defaultPolicy) =>
  classifyDay(DAY, opts.shifts ?? [shift()], events, { nursing: opts.nursing }, policy);

function minutesTotal(m: MinuteBreakdown): number {
  return Object.values(m).reduce((a, b) => a + b, 0);
}

describe('DOMAIN.md attendance table', () => {
  it('迟到 late: "Check-in after shift start (grace (our default 0 min))"', () => {
    const onTime = day1([inAt('08:30'), outAt('16:30')]);
    expect(onTime).toMatchObject({ status: 'present', onTime: true, lateCount: 0 });
    const late = day1([inAt('08:31'), outAt('16:30')]);
    expect(late).toMatchObject({ lateCount: 1, onTime: false, absenceHalfDays: 0 });
    expect(late.minutes.late).toBe(1);
    const graced = day1([inAt('08:35'), outAt('16:30')], {}, policySchema.parse({ attendance: { graceMinutes: 5 } }));
    expect(graced).toMatchObject({ lateCount: 0, onTime: true });
  });

  it('早退 early leave: "Check-out before shift end"', () => {
    const r = day1([inAt('08:20'), outAt('16:00')]);
    expect(r).toMatchObject({ earlyCount: 1, lateCount: 0, absenceHalfDays: 0, onTime: false });
    expect(r.minutes.early).toBe(30);
  });

  it.each([
    ['late 60 min stays late', '09:30', '16:30', { lateCount: 1, earlyCount: 0, absenceHalfDays: 0 }, 0],
    ['late 61 min is 旷工', '09:31', '16:30', { lateCount: 0, earlyCount: 0, absenceHalfDays: 1 }, 61],
    ['early 90 min is 旷工', '08:30', '15:00', { lateCount: 0, earlyCount: 0, absenceHalfDays: 1 }, 90],
    ['late 5 h is a full day of 旷工', '13:30', '16:30', { lateCount: 0, absenceHalfDays: 2 }, 300],
  ])(
    '旷工 absence: "Late or early by more than 60 min in one instance → the missed time counts as 旷工" (%s)',
    (_name, i, o, want, absentMinutes) => {
      const r = day1([inAt(i), outAt(o)]);
      expect(r).toMatchObject(want);
      expect(r.minutes.absent).toBe(absentMinutes);
    },
  );

  it('normal: "A missing punch, verified (team leader\'s explanation + manager\'s sign-off, or a witness)"', () => {
    const verifiedOut = ev('verified-missing-punch', '16:30', { punch: 'out', day: DAY, correctedTime: instantOf(DAY, '16:30') });
    const r = day1([inAt('08:30'), verifiedOut]);
    expect(r).toMatchObject({ onTime: true, absenceHalfDays: 0, unverifiedMissingPunches: 0, verifiedMissingPunches: 1 });
    // Without a time it stands for the shift boundary.
    const untimed = ev('verified-missing-punch', '18:00', { punch: 'in', day: DAY });
    expect(day1([untimed, outAt('16:30')])).toMatchObject({ onTime: true, absenceHalfDays: 0, verifiedMissingPunches: 1 });
  });

  it('half a day of 旷工: "A missing punch, not verified → half a day of 旷工 per missing punch"', () => {
    expect(day1([inAt('08:30')])).toMatchObject({ absenceHalfDays: 1, unverifiedMissingPunches: 1, onTime: false });
    expect(day1([outAt('16:30')])).toMatchObject({ absenceHalfDays: 1, unverifiedMissingPunches: 1 });
  });

  it.each([
    ['59 min → late', '10:00', '10:59', { lateCount: 1, absenceHalfDays: 0 }],
    ['60 min → half-day 旷工', '10:00', '11:00', { lateCount: 0, absenceHalfDays: 1 }],
    ['4 h → half-day 旷工', '10:00', '14:00', { lateCount: 0, absenceHalfDays: 1 }],
    ['4 h 01 → full-day 旷工', '10:00', '14:01', { lateCount: 0, absenceHalfDays: 2 }],
  ])(
    '"Left the post without registering: under 1 h / 1–4 h / over 4 h → late / half-day 旷工 / full-day 旷工" (%s)',
    (_name, left, back, want) => {
      const r = day1([inAt('08:30'), ev('left-post', left), ev('returned', back), outAt('16:30')]);
      expect(r).toMatchObject(want);
    },
  );

  it('left the post and never came back: away until the check-out', () => {
    const r = day1([inAt('08:30'), ev('left-post', '15:30'), outAt('16:30')]);
    expect(r).toMatchObject({ absenceHalfDays: 1 });
    expect(r.minutes.absent).toBe(60);
  });

  it('left-post bands follow the policy', () => {
    expect(leftPostOutcome(0, defaultPolicy)).toBe('none');
    const strict = policySchema.parse({ attendance: { leftPostLateBelowMinutes: 15 } });
    expect(leftPostOutcome(20, strict)).toBe('half-day');
  });

  it('full-day 旷工: "Rostered, no punch at all, no approved leave"', () => {
    const r = day1([]);
    expect(r).toMatchObject({ status: 'absent', absenceHalfDays: 2, onTime: false });
    const onLeave = classifyDay(DAY, [shift()], [], { leave: [{ type: 'sick', from: DAY, to: DAY, approved: true }] }, defaultPolicy);
    expect(onLeave).toMatchObject({ status: 'leave', leaveType: 'sick', absenceHalfDays: 0 });
    const unapproved = classifyDay(DAY, [shift()], [], { leave: [{ type: 'sick', from: DAY, to: DAY, approved: false }] }, defaultPolicy);
    expect(unapproved).toMatchObject({ status: 'absent', absenceHalfDays: 2 });
  });

  it('normal attendance: "Nursing breaks (哺乳): 2 × 30 min a day"', () => {
    const events = [inAt('08:30'), ev('left-post', '10:00'), ev('returned', '10:30'), ev('left-post', '14:00'), ev('returned', '14:30'), outAt('16:30')];
    const nursing = day1(events, { nursing: true });
    expect(nursing).toMatchObject({ onTime: true, lateCount: 0, absenceHalfDays: 0 });
    expect(nursing.minutes.nursing).toBe(60);
    // Without the entitlement the same breaks are unregistered absences (late each).
    expect(day1(events)).toMatchObject({ lateCount: 2 });
    // A third break, or a longer one, is not covered.
    const third = [...events, ev('left-post', '15:00'), ev('returned', '15:20')];
    expect(day1(third, { nursing: true })).toMatchObject({ lateCount: 1 });
  });
});

describe('DOMAIN.md rosters: "Staff arrive 10 minutes before shift start for the pre-shift meeting (班前会)"', () => {
  it('flags whether the check-in left time for the pre-shift meeting (it is not lateness)', () => {
    expect(day1([inAt('08:20'), outAt('16:30')]).shifts[0]!.preShiftArrival).toBe(true);
    const r = day1([inAt('08:25'), outAt('16:30')]);
    expect(r.shifts[0]!.preShiftArrival).toBe(false);
    expect(r).toMatchObject({ onTime: true, lateCount: 0 });
  });
});

describe('shift shapes and event handling', () => {
  it('classifies an overnight shift (22:30–08:30) with the check-out on the next day', () => {
    const night = shift(DAY, '22:30', '08:30');
    const r = classifyDay(DAY, [night], [inAt('22:25'), outAt('08:31', '2025-03-04')], {}, defaultPolicy);
    expect(r).toMatchObject({ status: 'present', onTime: true, rosteredMinutes: 600 });
  });

  it('attaches punches to the right one of several shifts a day', () => {
    const shifts = [shift(DAY, '08:30', '12:30', 'am'), shift(DAY, '13:00', '17:00', 'pm')];
    const r = classifyDay(DAY, shifts, [inAt('08:30'), outAt('12:30'), inAt('13:10'), outAt('17:00')], {}, defaultPolicy);
    expect(r.shifts.map((s) => [s.shiftId, s.lateCount])).toEqual([
      ['am', 0],
      ['pm', 1],
    ]);
    // Skipping the afternoon shift of two equal halves is half a day of 旷工.
    const skipped = classifyDay(DAY, shifts, [inAt('08:30'), outAt('12:30')], {}, defaultPolicy);
    expect(skipped).toMatchObject({ status: 'present', absenceHalfDays: 1 });
  });

  it('a correction moves the punch it amends; the latest correction wins; one without a time withdraws it', () => {
    const late = inAt('09:00');
    const fix1 = ev('correction', '10:00', { amends: late.id, correctedTime: instantOf(DAY, '08:45') });
    const fix2 = ev('correction', '11:00', { amends: late.id, correctedTime: instantOf(DAY, '08:29') });
    expect(day1([late, outAt('16:30')])).toMatchObject({ lateCount: 1 });
    expect(day1([fix2, outAt('16:30'), late, fix1])).toMatchObject({ lateCount: 0, onTime: true });
    const strayOut = outAt('12:00');
    const withdraw = ev('correction', '12:05', { amends: strayOut.id });
    expect(day1([inAt('08:30'), strayOut, withdraw, outAt('16:30')])).toMatchObject({ earlyCount: 0, onTime: true });
    // A correction of a correction amends the original event.
    const fix3 = ev('correction', '12:00', { amends: fix2.id, correctedTime: instantOf(DAY, '09:10') });
    expect(day1([late, fix1, fix2, fix3, outAt('16:30')])).toMatchObject({ lateCount: 1 });
  });

  it('ignores punches far from every shift and reports days off', () => {
    const r = classifyDays([DAY, '2025-03-04'], [shift()], [inAt('08:30'), outAt('16:30'), inAt('20:00', '2025-03-04')], {}, defaultPolicy);
    expect(r.map((d) => d.status)).toEqual(['present', 'off']);
  });
});

describe('monthly figures (出勤率, 准时出勤率, counts)', () => {
  const cal = new WorkingCalendar();
  const month = '2025-03';
  const workdays = cal.workingDaysBetween('2025-03-01', '2025-03-31'); // 21 days
  const shifts = workdays.map((d) => shift(d));

  it('出勤率 = days attended / working days; 准时出勤率 = days on time / working days, excluding leave and training days', () => {
    const events: AttendanceEventLike[] = [];
    workdays.forEach((d, i) => {
      if (i === 0) return; // 旷工 (no punch)
      if (i === 1 || i === 2) return; // 事假 (leave)
      if (i === 3) return; // training
      events.push(inAt(i === 4 ? '08:40' : '08:30', d), outAt(i === 5 ? '16:00' : '16:30', d));
    });
    const leave = [{ type: 'personal' as const, from: workdays[1]!, to: workdays[2]!, approved: true }];
    const { figures } = classifyMonth(month, shifts, events, { leave, trainingDays: [workdays[3]!] }, (d) => cal.isWorkingDay(d), defaultPolicy);
    expect(workdays).toHaveLength(21);
    expect(figures).toMatchObject({
      workingDays: 21,
      attendedDays: 18, // 17 at the post + 1 training
      onTimeDays: 15,
      onTimeBase: 18,
      lateCount: 1,
      earlyCount: 1,
      absenceHalfDays: 2,
      leaveDaysByType: { personal: 2 },
    });
    expect(figures.attendanceRate).toBeCloseTo(18 / 21);
    expect(figures.onTimeRate).toBeCloseTo(15 / 18);

    const site = siteMonthlyFigures([figures, figures]);
    expect(site).toMatchObject({ workingDays: 42, lateCount: 2, leaveDaysByType: { personal: 4 } });
    expect(site.attendanceRate).toBeCloseTo(18 / 21);
  });

  it('relief staff: the rostered-days basis divides by the days rostered instead of the working days', () => {
    const few = workdays.slice(0, 3);
    const events = few.flatMap((d) => [inAt('08:30', d), outAt('16:30', d)]);
    const run = (basis: 'working-days' | 'rostered-days') =>
      classifyMonth(month, few.map((d) => shift(d)), events, {}, (d) => cal.isWorkingDay(d), defaultPolicy, basis).figures;
    expect(run('working-days')).toMatchObject({ attendanceBase: 21, attendedDays: 3 });
    expect(run('working-days').attendanceRate).toBeCloseTo(3 / 21);
    expect(run('rostered-days')).toMatchObject({ attendanceBase: 3, onTimeBase: 3, attendanceRate: 1, onTimeRate: 1 });
  });

  it('gives no rate without working days', () => {
    expect(monthlyFigures([], () => true)).toMatchObject({ attendanceRate: null, onTimeRate: null });
    expect(monthlyFigures([], () => true, 'rostered-days')).toMatchObject({ attendanceRate: null, onTimeRate: null });
  });
});

describe('properties', () => {
  const offsets = fc.integer({ min: -180, max: 600 });
  const eventArb = fc.record({
    kind: fc.constantFrom('check-in', 'check-out', 'left-post', 'returned', 'verified-missing-punch', 'correction') as fc.Arbitrary<AttendanceEventLike['kind']>,
    offset: offsets,
    punch: fc.constantFrom('in' as const, 'out' as const),
    /** For corrections: which event (by index) it amends, and whether it withdraws it. */
    target: fc.nat(),
    withdraw: fc.boolean(),
  });
  const shiftsArb = fc.constantFrom(
    [shift()],
    [shift(DAY, '22:30', '08:30')],
    [shift(DAY, '08:30', '12:00', 'am'), shift(DAY, '13:00', '17:00', 'pm')],
  );

  type Spec = { kind: AttendanceEventLike['kind']; offset: number; punch: 'in' | 'out'; target: number; withdraw: boolean };
  function build(specs: Spec[]): AttendanceEventLike[] {
    const base = Date.parse(instantOf(DAY, '08:30'));
    return specs.map((s, i) => {
      const t = new Date(base + s.offset * 60_000).toISOString();
      const e: AttendanceEventLike = {
        id: `p${i}`,
        kind: s.kind,
        deviceTime: t,
        hlc: `${String(Date.parse(t)).padStart(13, '0')}:${String(i).padStart(4, '0')}:d`,
      };
      if (s.kind === 'verified-missing-punch') Object.assign(e, { punch: s.punch, day: DAY, correctedTime: t });
      if (s.kind === 'correction') Object.assign(e, { amends: `p${s.target % specs.length}`, ...(s.withdraw ? {} : { correctedTime: t }) });
      return e;
    });
  }

  it("the day's classified minutes add up to the rostered minutes", () => {
    fc.assert(
      fc.property(shiftsArb, fc.array(eventArb, { maxLength: 10 }), fc.boolean(), (shifts, specs, nursing) => {
        const r = classifyDay(DAY, shifts, build(specs), { nursing }, defaultPolicy);
        expect(minutesTotal(r.minutes)).toBe(r.rosteredMinutes);
        for (const v of Object.values(r.minutes)) expect(v).toBeGreaterThanOrEqual(0);
        expect(r.absenceHalfDays).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('classification does not depend on event order', () => {
    fc.assert(
      fc.property(shiftsArb, fc.array(eventArb, { maxLength: 10 }), fc.integer(), (shifts, specs, seed) => {
        const events = build(specs);
        const shuffled = [...events].sort((a, b) => ((hash(a.id, seed) - hash(b.id, seed)) | 0));
        expect(classifyDay(DAY, shifts, shuffled, {}, defaultPolicy)).toEqual(classifyDay(DAY, shifts, events, {}, defaultPolicy));
      }),
    );
  });

  it('monthly rates stay within 0–1', () => {
    fc.assert(
      fc.property(fc.array(fc.array(eventArb, { maxLength: 4 }), { minLength: 1, maxLength: 6 }), (perDay) => {
        const days = perDay.map((_, i) => `2025-03-${String(i + 3).padStart(2, '0')}`);
        const shifts = days.map((d) => shift(d));
        const events = perDay.flatMap((specs, i) =>
          build(specs).map((e) => ({ ...e, id: `${i}-${e.id}`, deviceTime: new Date(Date.parse(e.deviceTime) + i * 86_400_000).toISOString() })),
        );
        const classified = classifyDays(days, shifts, events, {}, defaultPolicy);
        const weekdays = (d: string) => d !== '2025-03-08' && d !== '2025-03-09';
        const figures = [monthlyFigures(classified, weekdays), monthlyFigures(classified, weekdays, 'rostered-days')];
        for (const rate of figures.flatMap((f) => [f.attendanceRate, f.onTimeRate])) {
          if (rate !== null) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });
});

function hash(s: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 2654435761);
  return h;
}
