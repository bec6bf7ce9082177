import { describe, expect, it } from 'vitest';
import { defaultPolicy, leaveTypes, policySchema } from '../policy';
import {
  approvalChain,
  approvalState,
  dailyWage,
  effectiveLeaveType,
  leaveDaysByType,
  leaveDeduction,
  needsEvidence,
  overlappingLeave,
  prenatalAllowanceDays,
  prenatalRequestFits,
  rosteredDuringLeave,
  type LeaveEvidence,
} from './leave';

const span = (from: string, to: string) => ({ from, to });
const ok = (submittedOn: string, extra: Partial<LeaveEvidence> = {}): LeaveEvidence => ({ status: 'accepted', submittedOn, ...extra });

describe('DOMAIN.md leave rules', () => {
  it.each([
    ['1 day', '2025-03-03', '2025-03-03', ['manager']],
    ['3 days', '2025-03-03', '2025-03-05', ['manager']],
    ['4 consecutive days', '2025-03-03', '2025-03-06', ['manager', 'superior']],
  ])('"Up to 3 days: the project manager approves. More than 3 consecutive days: the manager\'s superior approves too." (%s)', (_n, from, to, chain) => {
    expect(approvalChain(span(from, to), defaultPolicy)).toEqual(chain);
  });

  it('approval moves along the chain', () => {
    const long = span('2025-03-03', '2025-03-10');
    expect(approvalState(long, [], defaultPolicy)).toEqual({ approved: false, next: 'manager' });
    expect(approvalState(long, ['manager'], defaultPolicy)).toEqual({ approved: false, next: 'superior' });
    expect(approvalState(long, ['manager', 'superior'], defaultPolicy)).toEqual({ approved: true });
  });

  it('"evidence is checked for every type but personal leave, and leave whose evidence fails is converted to personal leave"', () => {
    for (const t of leaveTypes) expect(needsEvidence(t)).toBe(t !== 'personal');
    const annual = { type: 'annual' as const, ...span('2025-03-03', '2025-03-04') };
    const ctx = { stage: 'regular' as const, today: '2025-03-10' };
    expect(effectiveLeaveType(annual, { ...ctx, evidence: { status: 'rejected', submittedOn: '2025-03-01' } }, defaultPolicy)).toEqual({
      type: 'personal',
      reasons: ['evidence-rejected'],
      pending: false,
    });
    expect(effectiveLeaveType(annual, ctx, defaultPolicy)).toMatchObject({ type: 'personal', reasons: ['evidence-missing'] });
    expect(effectiveLeaveType(annual, { ...ctx, today: '2025-03-02' }, defaultPolicy)).toMatchObject({ type: 'annual', pending: true });
    expect(effectiveLeaveType({ ...annual, type: 'personal' }, ctx, defaultPolicy)).toMatchObject({ type: 'personal', reasons: [] });
  });

  it('事假 personal: "deduct 100 % of the daily wage"; "The daily wage is the monthly wage divided by a configurable divisor (our default 21.75)"', () => {
    expect(dailyWage(4350, defaultPolicy)).toBe(200);
    expect(leaveDeduction(4350, 'personal', 2, defaultPolicy)).toBe(400);
    expect(leaveDeduction(4350, 'personal', 1, policySchema.parse({ leave: { dailyWageDivisor: 30 } }))).toBe(145);
  });

  it('病假 sick: "deduct 50 %; needs a certificate from a grade-3A hospital"', () => {
    expect(leaveDeduction(4350, 'sick', 3, defaultPolicy)).toBe(300);
    const sick = { type: 'sick' as const, ...span('2025-03-03', '2025-03-04') };
    const ctx = { stage: 'probation' as const, today: '2025-03-10' };
    expect(effectiveLeaveType(sick, { ...ctx, evidence: ok('2025-03-03', { hospitalGrade: '3A' }) }, defaultPolicy).type).toBe('sick');
    expect(effectiveLeaveType(sick, { ...ctx, evidence: ok('2025-03-03', { hospitalGrade: '2A' }) }, defaultPolicy)).toMatchObject({
      type: 'personal',
      reasons: ['hospital-not-grade-3a'],
    });
  });

  it.each([
    ['regular staff, certificate on the 3rd day after return', 'regular', ok('2025-03-10'), '2025-03-20', 'marriage', []],
    ['regular staff, certificate on the 4th day after return', 'regular', ok('2025-03-11'), '2025-03-20', 'personal', ['marriage-certificate-late']],
    ['regular staff, no certificate 4 days after return', 'regular', undefined, '2025-03-11', 'personal', ['evidence-missing']],
    ['probation', 'probation', ok('2025-03-01'), '2025-03-20', 'personal', ['marriage-regular-staff-only']],
    ['intern', 'intern', ok('2025-03-01'), '2025-03-20', 'personal', ['marriage-regular-staff-only']],
  ] as const)(
    '婚假 marriage: "paid; regular staff only (not probation or interns); certificate within 3 days of return, else 事假" (%s)',
    (_n, stage, evidence, today, type, reasons) => {
      // Leave 1–6 March: back on the 7th, certificate due by the 10th.
      const marriage = { type: 'marriage' as const, ...span('2025-03-01', '2025-03-06') };
      expect(effectiveLeaveType(marriage, { stage, evidence, today }, defaultPolicy)).toMatchObject({ type, reasons });
    },
  );

  it.each([
    [1, 1],
    [7, 1],
    [8, 2],
    [9, 4],
    [10, 4],
  ])('产检假 prenatal checks: "by pregnancy month: months 1–7: 1 day a month; month 8: 2; month 9+: 4" (month %i → %i)', (month, days) => {
    expect(prenatalAllowanceDays(month, defaultPolicy)).toBe(days);
  });

  it('a 产检假 request must fit the month\'s allowance', () => {
    expect(prenatalRequestFits(1, 1, 8, defaultPolicy)).toBe(true);
    expect(prenatalRequestFits(2, 1, 8, defaultPolicy)).toBe(false);
  });

  it.each(['maternity', 'paternity', 'bereavement', 'annual', 'in-lieu', 'marriage', 'prenatal'] as const)(
    '"产假 maternity, 陪产/看护假 paternity: paid"; "丧假 bereavement: paid"; "年休假 annual, 调休 time off in lieu: paid" (%s deducts nothing)',
    (type) => {
      expect(leaveDeduction(5000, type, 5, defaultPolicy)).toBe(0);
    },
  );

  it('丧假 bereavement: "paid; direct relatives"', () => {
    const b = { type: 'bereavement' as const, ...span('2025-03-03', '2025-03-05') };
    const ctx = { stage: 'regular' as const, today: '2025-03-04' };
    expect(effectiveLeaveType(b, { ...ctx, evidence: ok('2025-03-03', { relation: 'parent' }) }, defaultPolicy).type).toBe('bereavement');
    expect(effectiveLeaveType(b, { ...ctx, evidence: ok('2025-03-03', { relation: 'other' }) }, defaultPolicy)).toMatchObject({
      type: 'personal',
      reasons: ['not-direct-relative'],
    });
  });
});

describe('leave overlaps', () => {
  const existing = [
    { id: 'a', type: 'annual' as const, from: '2025-03-01', to: '2025-03-03', approved: true },
    { id: 'b', type: 'sick' as const, from: '2025-03-10', to: '2025-03-10', approved: false },
  ];

  it('finds overlapping leave (but not the request itself) and rostered shifts during leave', () => {
    expect(overlappingLeave({ from: '2025-03-03', to: '2025-03-10' }, existing).map((l) => l.id)).toEqual(['a', 'b']);
    expect(overlappingLeave({ id: 'a', from: '2025-03-03', to: '2025-03-04' }, existing)).toEqual([]);
    expect(overlappingLeave({ from: '2025-03-04', to: '2025-03-09' }, existing)).toEqual([]);
    const shifts = [{ day: '2025-03-02' }, { day: '2025-03-04' }];
    expect(rosteredDuringLeave({ from: '2025-03-01', to: '2025-03-03' }, shifts)).toEqual([{ day: '2025-03-02' }]);
  });

  it('counts approved leave days by type inside a period', () => {
    const weekday = (d: string) => !['2025-03-01', '2025-03-02'].includes(d);
    expect(leaveDaysByType(existing, '2025-03-02', '2025-03-31')).toEqual({ annual: 2 });
    expect(leaveDaysByType(existing, '2025-03-01', '2025-03-31', weekday)).toEqual({ annual: 1 });
  });
});
