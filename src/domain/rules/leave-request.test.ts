import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-days';
import { defaultPolicy, leaveTypes, policySchema, type LeaveType } from '../policy';
import type { Role } from '../roles';
import { leaveRequestSchema, type LeaveRequest } from '../schemas/leave';
import {
  approverLevels,
  canDecide,
  countLeaveDays,
  decideLeave,
  effectiveTypeOf,
  employmentStage,
  initialEvidenceVerdict,
  initialSteps,
  leaveCost,
  pendingLevel,
} from './leave-request';

const cal = new WorkingCalendar();
const working = (d: string) => cal.isWorkingDay(d);
const AT = '2025-03-01T02:00:00.000Z';

function request(startDay: string, endDay: string, over: Partial<LeaveRequest> = {}): LeaveRequest {
  return leaveRequestSchema.parse({
    id: 'l1',
    siteId: 's',
    updatedAt: AT,
    updatedBy: 'u',
    deviceId: 'd',
    staffId: 'alice',
    type: 'annual',
    startDay,
    endDay,
    requestedAt: AT,
    steps: initialSteps({ startDay, endDay }, defaultPolicy),
    status: 'pending',
    ...over,
  });
}

describe('countLeaveDays (working days, in half days)', () => {
  it.each([
    ['Mon–Fri', '2025-03-03', '2025-03-07', false, false, 5],
    ['Mon–Sun counts the five working days', '2025-03-03', '2025-03-09', false, false, 5],
    ['a half day start', '2025-03-03', '2025-03-04', true, false, 1.5],
    ['half days at both ends', '2025-03-03', '2025-03-05', true, true, 2],
    ['a half day on a weekend costs nothing', '2025-03-08', '2025-03-10', true, false, 1],
    ['国庆 holidays are not working days', '2025-10-01', '2025-10-08', false, false, 0],
    ['end before start', '2025-03-05', '2025-03-03', false, false, 0],
  ])('%s', (_n, startDay, endDay, startsAtNoon, endsAtNoon, days) => {
    expect(countLeaveDays({ startDay, endDay, startsAtNoon, endsAtNoon }, working)).toBe(days);
  });
});

describe('the approval chain of a request', () => {
  it.each([
    ['3 days: the manager only', '2025-03-03', '2025-03-05', ['manager']],
    ['5 days: the manager, then the superior', '2025-03-03', '2025-03-07', ['manager', 'superior']],
  ])('%s', (_n, from, to, levels) => {
    const steps = initialSteps({ startDay: from, endDay: to }, defaultPolicy);
    expect(steps.map((s) => s.level)).toEqual(levels);
    expect(steps.every((s) => s.decision === 'pending')).toBe(true);
  });

  it('follows the policy threshold', () => {
    const policy = policySchema.parse({ leave: { managerApprovalMaxDays: 7 } });
    expect(initialSteps({ startDay: '2025-03-03', endDay: '2025-03-07' }, policy).map((s) => s.level)).toEqual(['manager']);
  });

  it.each<[Role, string[]]>([
    ['manager', ['manager']],
    ['superior', ['superior']],
    ['admin', ['manager', 'superior']],
    ['team-leader', []],
    ['guide', []],
  ])('%s decides %j', (role, levels) => {
    expect(approverLevels(role)).toEqual(levels);
  });

  it('a 5-day request goes to the manager first, then to the superior, then is approved', () => {
    let leave: LeaveRequest = request('2025-03-03', '2025-03-07');
    expect(pendingLevel(leave)).toBe('manager');
    expect(canDecide('superior', leave)).toBe(false);
    expect(canDecide('manager', leave)).toBe(true);
    expect(() => decideLeave(leave, { level: 'superior', decision: 'approved', approverId: 'sup', at: AT })).toThrow();

    leave = { ...leave, ...decideLeave(leave, { level: 'manager', decision: 'approved', approverId: 'mgr', at: AT }) };
    expect(leave.status).toBe('pending');
    expect(pendingLevel(leave)).toBe('superior');
    expect(canDecide('manager', leave)).toBe(false);
    expect(canDecide('superior', leave)).toBe(true);

    leave = { ...leave, ...decideLeave(leave, { level: 'superior', decision: 'approved', approverId: 'sup', at: AT, comment: '同意' }) };
    expect(leave.status).toBe('approved');
    expect(pendingLevel(leave)).toBeUndefined();
    expect(leave.steps.map((s) => [s.level, s.decision, s.approverId])).toEqual([
      ['manager', 'approved', 'mgr'],
      ['superior', 'approved', 'sup'],
    ]);
    // The stored document stays valid at every stage.
    expect(leaveRequestSchema.safeParse(leave).success).toBe(true);
  });

  it('a rejection by the manager ends the request before the superior sees it', () => {
    const leave = request('2025-03-03', '2025-03-07');
    const decided = decideLeave(leave, { level: 'manager', decision: 'rejected', approverId: 'mgr', at: AT });
    expect(decided.status).toBe('rejected');
    expect(pendingLevel({ ...leave, ...decided })).toBeUndefined();
    expect(leaveRequestSchema.safeParse({ ...leave, ...decided }).success).toBe(true);
  });

  it('a cancelled request waits for nobody', () => {
    expect(pendingLevel({ ...request('2025-03-03', '2025-03-03'), status: 'cancelled' })).toBeUndefined();
  });
});

describe('evidence and the type a request counts as', () => {
  it.each(leaveTypes.map((t) => [t, t === 'personal' ? 'not-required' : 'pending'] as const))('%s starts with evidence %s', (type, verdict) => {
    expect(initialEvidenceVerdict(type)).toBe(verdict);
  });

  it.each([
    ['intern', { intern: true }, 'intern'],
    ['on probation', { probationEnd: '2025-03-31' }, 'probation'],
    ['past probation', { probationEnd: '2025-02-28' }, 'regular'],
    ['unknown', undefined, 'regular'],
  ] as const)('employmentStage: %s', (_n, staff, stage) => {
    expect(employmentStage(staff, '2025-03-03')).toBe(stage);
  });

  const sick = (over: Partial<LeaveRequest>) => request('2025-03-03', '2025-03-04', { type: 'sick', evidenceVerdict: 'pending', ...over });
  const hash = 'a'.repeat(64);

  it.each<[string, Partial<LeaveRequest>, string, LeaveType, boolean]>([
    ['accepted evidence keeps 病假', { evidence: [hash], evidenceVerdict: 'accepted' }, '2025-03-05', 'sick', false],
    ['rejected evidence turns it into 事假', { evidence: [hash], evidenceVerdict: 'rejected' }, '2025-03-05', 'personal', false],
    ['evidence handed in, not checked yet', { evidence: [hash] }, '2025-03-05', 'sick', true],
    ['no evidence yet, still in time', {}, '2025-03-04', 'sick', true],
    ['no evidence after the leave ended: 事假', {}, '2025-03-05', 'personal', false],
  ])('%s', (_n, over, today, type, pending) => {
    const result = effectiveTypeOf(sick(over), undefined, today, defaultPolicy);
    expect([result.type, result.pending]).toEqual([type, pending]);
  });

  it('婚假 of staff on probation counts as 事假', () => {
    const leave = request('2025-03-03', '2025-03-05', { type: 'marriage', evidence: [hash], evidenceVerdict: 'accepted' });
    expect(effectiveTypeOf(leave, { probationEnd: '2025-06-30' }, '2025-03-03', defaultPolicy).type).toBe('personal');
    expect(effectiveTypeOf(leave, {}, '2025-03-03', defaultPolicy).type).toBe('marriage');
  });

  it('事假 needs no evidence', () => {
    const leave = request('2025-03-03', '2025-03-03', { type: 'personal', evidenceVerdict: 'not-required' });
    expect(effectiveTypeOf(leave, undefined, '2025-04-01', defaultPolicy)).toEqual({ type: 'personal', reasons: [], pending: false });
  });
});

describe('leaveCost (daily wage = monthly wage / 21.75)', () => {
  it.each<[LeaveType, number, number, number]>([
    ['personal', 2, 1, 400],
    ['sick', 2, 0.5, 200],
    ['annual', 3, 0, 0],
  ])('%s for %s days deducts %s of the daily wage', (type, days, rate, amount) => {
    expect(leaveCost(type, days, 4350, defaultPolicy)).toEqual({ type, days, rate, dailyWage: 200, amount });
  });

  it('without the wage (a role that may not see pay) gives the rate only', () => {
    expect(leaveCost('personal', 1, undefined, defaultPolicy)).toEqual({ type: 'personal', days: 1, rate: 1 });
  });

  it('uses the policy divisor', () => {
    const policy = policySchema.parse({ leave: { dailyWageDivisor: 20 } });
    expect(leaveCost('personal', 1, 5000, policy).amount).toBe(250);
  });
});
