import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../domain/calendar/working-days';
import { defaultPolicy } from '../../domain/policy';
import { buildLeaveRequest, type LeaveFormState } from './form';

const cal = new WorkingCalendar();
const base: LeaveFormState = { staffId: 'alice', type: 'sick', startDay: '2025-03-03', endDay: '2025-03-07', startsAtNoon: false, endsAtNoon: false, reason: ' 发烧 ', pregnancyMonth: '' };
const ctx = (existing: Parameters<typeof buildLeaveRequest>[1]['existing'] = []) => ({
  id: 'l1',
  siteId: 'site-1',
  requestedAt: '2025-02-28T02:00:00.000Z',
  evidence: [],
  policy: defaultPolicy,
  isWorkingDay: (d: string) => cal.isWorkingDay(d),
  existing,
});
const keys = (r: ReturnType<typeof buildLeaveRequest>) => r.errors.map((e) => `${e.field}:${e.key}`);

describe('buildLeaveRequest', () => {
  it('a 5-day sick leave: 5 working days, manager then superior, evidence pending, reason trimmed', () => {
    const { doc, errors } = buildLeaveRequest(base, ctx());
    expect(errors).toEqual([]);
    expect(doc).toMatchObject({ days: 5, reason: '发烧', evidenceVerdict: 'pending', status: 'pending', siteId: 'site-1' });
    expect(doc!.steps.map((s) => s.level)).toEqual(['manager', 'superior']);
  });

  it('事假 needs no evidence; a half day counts 0.5', () => {
    const { doc } = buildLeaveRequest({ ...base, type: 'personal', endDay: '2025-03-03', startsAtNoon: true }, ctx());
    expect(doc).toMatchObject({ days: 0.5, evidenceVerdict: 'not-required' });
    expect(doc!.steps.map((s) => s.level)).toEqual(['manager']);
  });

  it.each([
    ['no person', { staffId: '' }, ['staffId:errors.staff']],
    ['no dates', { startDay: '', endDay: '' }, ['startDay:errors.startDay', 'endDay:errors.endDay']],
    ['end before start', { endDay: '2025-03-01' }, ['endDay:errors.endBeforeStart']],
    ['only a weekend', { startDay: '2025-03-08', endDay: '2025-03-09' }, ['days:errors.noWorkingDay']],
    ['a one-day leave starting and ending at noon', { endDay: '2025-03-03', startsAtNoon: true, endsAtNoon: true }, ['endsAtNoon:errors.invalid']],
    ['产检假 without the month of pregnancy', { type: 'prenatal' as const, endDay: '2025-03-03' }, ['pregnancyMonth:errors.pregnancyMonth']],
  ])('refuses %s', (_n, over, expected) => {
    expect(keys(buildLeaveRequest({ ...base, ...over }, ctx()))).toEqual(expected);
  });

  it('refuses an overlap with pending or approved leave, not with cancelled or rejected leave', () => {
    const other = { id: 'x', startDay: '2025-03-07', endDay: '2025-03-10', type: 'annual' as const };
    expect(keys(buildLeaveRequest(base, ctx([{ ...other, status: 'approved' }])))).toEqual(['startDay:errors.overlap']);
    expect(keys(buildLeaveRequest(base, ctx([{ ...other, status: 'pending' }])))).toEqual(['startDay:errors.overlap']);
    expect(keys(buildLeaveRequest(base, ctx([{ ...other, status: 'cancelled' }, { ...other, id: 'y', status: 'rejected' }])))).toEqual([]);
  });

  it('refuses 产检假 beyond the month’s allowance (month 8: 2 days)', () => {
    const prenatal = { ...base, type: 'prenatal' as const, pregnancyMonth: '8', startDay: '2025-03-10', endDay: '2025-03-10' };
    const taken = [{ id: 'p', startDay: '2025-03-03', endDay: '2025-03-04', type: 'prenatal' as const, pregnancyMonth: 8, days: 2, status: 'approved' as const }];
    expect(keys(buildLeaveRequest(prenatal, ctx(taken)))).toEqual(['pregnancyMonth:errors.prenatalAllowance']);
    expect(keys(buildLeaveRequest(prenatal, ctx()))).toEqual([]);
  });
});
