import { describe, expect, it } from 'vitest';
import { validateDocument } from '../collections';
import { sampleDocuments } from '../schemas/fixtures';
import type { Staff, StaffTransfer } from '../schemas/staff';
import { siteAt, staffChanges, transferStaff, type TransferProblem, type TransferRequest } from './staff-changes';

const HALL = 'site-hall-1';
const LINE = 'site-hotline-1';
const person = (extra: Partial<Staff> = {}): Staff => ({ ...(sampleDocuments().staff[0] as unknown as Staff), hiredOn: '2024-03-01', ...extra });
const move = (day: string, from: string, to: string, extra: Partial<StaffTransfer> = {}): StaffTransfer => ({
  day,
  fromSiteId: from,
  toSiteId: to,
  recordedAt: `${day}T01:00:00.000Z`,
  recordedBy: 'u-manager',
  ...extra,
});
const ctx = { today: '2026-06-17', postIdsAtTarget: new Set(['seat-a01', 'post-w2']), recordedAt: '2026-06-17T02:00:00.000Z', recordedBy: 'u-manager' };

describe('transferStaff', () => {
  it('moves the record and keeps the move as history', () => {
    const result = transferStaff(person(), { day: '2026-06-15', toSiteId: LINE, toPostId: 'seat-a01', note: ' 支援热线 ' }, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.staff).toMatchObject({ siteId: LINE, postId: 'seat-a01' });
    expect(result.staff.transfers).toEqual([
      { day: '2026-06-15', fromSiteId: HALL, fromPostId: 'post-w1', toSiteId: LINE, toPostId: 'seat-a01', note: '支援热线', recordedAt: ctx.recordedAt, recordedBy: 'u-manager' },
    ]);
    expect(validateDocument('staff', result.staff).ok).toBe(true);
  });

  it('to no post leaves the person without one at the new site', () => {
    const result = transferStaff(person(), { day: '2026-06-15', toSiteId: LINE }, ctx);
    expect(result.ok && result.staff.postId).toBeUndefined();
    expect(result.ok && result.staff.transfers?.[0]).not.toHaveProperty('toPostId');
  });

  it.each<[string, Partial<Staff>, TransferRequest, TransferProblem]>([
    ['a person who left', { status: 'left', leftOn: '2026-05-01' }, { day: '2026-06-15', toSiteId: LINE }, 'left'],
    ['to where they are', {}, { day: '2026-06-15', toSiteId: HALL, toPostId: 'post-w1' }, 'unchanged'],
    ['from a future day', {}, { day: '2026-06-18', toSiteId: LINE }, 'future'],
    ['before being hired', { hiredOn: '2026-06-16' }, { day: '2026-06-15', toSiteId: LINE }, 'before-hire'],
    ['before the last transfer', { transfers: [move('2026-06-10', LINE, HALL)] }, { day: '2026-06-09', toSiteId: LINE }, 'before-last-transfer'],
    ['to a post of another site', {}, { day: '2026-06-15', toSiteId: LINE, toPostId: 'post-w9' }, 'post-not-at-site'],
  ])('refuses a transfer of %s', (_title, extra, req, problem) => {
    expect(transferStaff(person(extra), req, ctx)).toEqual({ ok: false, problem });
  });

  it('a post change within the site is a transfer too (调岗)', () => {
    const result = transferStaff(person(), { day: '2026-06-17', toSiteId: HALL, toPostId: 'post-w2' }, ctx);
    expect(result.ok && result.staff.transfers?.[0]).toMatchObject({ fromSiteId: HALL, toSiteId: HALL, fromPostId: 'post-w1', toPostId: 'post-w2' });
  });

  it('the schema refuses transfers out of day order', () => {
    const doc = person({ transfers: [move('2026-06-10', HALL, LINE), move('2026-06-01', LINE, HALL)] });
    const result = validateDocument('staff', doc);
    expect(result.ok ? 'ok' : result.reason).toMatch(/field "transfers": Transfers are kept in day order/);
  });
});

describe('siteAt', () => {
  const twice = { siteId: HALL, transfers: [move('2026-03-01', HALL, LINE), move('2026-05-01', LINE, HALL)] };
  it.each([
    [{ siteId: HALL }, '2020-01-01', HALL],
    [twice, '2026-02-28', HALL],
    [twice, '2026-03-01', LINE],
    [twice, '2026-04-30', LINE],
    [twice, '2026-05-01', HALL],
  ])('%j on %s → %s', (staff, day, site) => {
    expect(siteAt(staff, day)).toBe(site);
  });
});

describe('staffChanges', () => {
  const staff = [
    { id: 's1', staffNo: 'H001', name: '甲', siteId: HALL, hiredOn: '2026-06-03' },
    { id: 's2', staffNo: 'H002', name: '乙', siteId: HALL, hiredOn: '2025-01-01', leftOn: '2026-06-20' },
    { id: 's3', staffNo: 'H003', name: '丙', siteId: LINE, hiredOn: '2025-01-01', postId: 'seat-a01', transfers: [move('2026-06-10', HALL, LINE, { fromPostId: 'post-w1', toPostId: 'seat-a01' })] },
    // Hired at the hall this month and moved to the hotline the same month.
    { id: 's4', staffNo: 'H004', name: '丁', siteId: LINE, hiredOn: '2026-06-01', transfers: [move('2026-06-10', HALL, LINE)] },
    { id: 's5', staffNo: 'L001', name: '戊', siteId: LINE, hiredOn: '2026-05-31' },
  ];
  const row = (day: string, change: string, staffId: string, siteId: string, extra: object = {}) => expect.objectContaining({ day, change, staffId, siteId, ...extra });

  it.each([
    [
      'the organisation in June',
      () => true,
      [
        row('2026-06-01', 'joined', 's4', HALL),
        row('2026-06-03', 'joined', 's1', HALL),
        row('2026-06-10', 'transferred', 's3', LINE, { fromSiteId: HALL, fromPostId: 'post-w1', toPostId: 'seat-a01' }),
        row('2026-06-10', 'transferred', 's4', LINE, { fromSiteId: HALL }),
        row('2026-06-20', 'left', 's2', HALL),
      ],
    ],
    [
      'the hall: transfers out are listed',
      (s: string) => s === HALL,
      [row('2026-06-01', 'joined', 's4', HALL), row('2026-06-03', 'joined', 's1', HALL), row('2026-06-10', 'transferred', 's3', LINE), row('2026-06-10', 'transferred', 's4', LINE), row('2026-06-20', 'left', 's2', HALL)],
    ],
    ['the hotline: transfers in, nobody joined there in June', (s: string) => s === LINE, [row('2026-06-10', 'transferred', 's3', LINE), row('2026-06-10', 'transferred', 's4', LINE)]],
  ])('%s', (_title, inScope, expected) => {
    expect(staffChanges(staff, '2026-06-01', '2026-06-30', inScope)).toEqual(expected);
  });

  it('a week lists only what happened in it', () => {
    expect(staffChanges(staff, '2026-06-15', '2026-06-21').map((c) => [c.staffId, c.change])).toEqual([['s2', 'left']]);
  });
});
