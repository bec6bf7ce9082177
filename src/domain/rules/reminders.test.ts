import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../policy';
import type { InspectionPlan } from '../schemas/inspection-plan';
import { reminders, type ReminderInput } from './reminders';

const stamp = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'u', deviceId: 'd' };
const TODAY = '2026-06-17';

const base: ReminderInput = {
  role: 'manager',
  userId: 'user-manager',
  today: TODAY,
  policy: defaultPolicy,
  staff: [
    // Contract ends in 45 days: the renewal opinion (40 days before) is within the 14-day lead.
    { id: 's1', siteId: 'h', status: 'on-post', contractStart: '2024-08-01', contractEnd: '2026-08-01' },
    // Probation ends in 12 days: rating due 10 days before (in 2 days).
    { id: 's2', siteId: 'h', status: 'on-post', contractStart: '2026-03-01', probationEnd: '2026-06-29' },
    { id: 's3', siteId: 'h', status: 'left', contractStart: '2024-01-01', contractEnd: '2026-07-01' },
  ],
  certificates: [
    { id: 'c1', siteId: 'h', staffId: 's1', courseId: 'safety', expiresOn: '2026-06-20', revoked: false },
    { id: 'c2', siteId: 'h', staffId: 's2', courseId: 'safety', expiresOn: '2026-06-10', revoked: false },
    { id: 'c3', siteId: 'h', staffId: 's2', courseId: 'safety', expiresOn: '2027-06-10', revoked: false },
  ],
  plans: [
    { id: 'p1', siteId: 'h', kind: 'inspection-plan', templateKey: 'window', frequency: 'weekly', perPeriod: 1, mode: 'scheduled', workingDaysOnly: true, startDay: '2026-06-01', active: true, ...stamp } as InspectionPlan,
  ],
  inspections: [{ siteId: 'h', templateKey: 'window', day: '2026-06-02', status: 'submitted' }],
  actions: [
    { id: 'a1', siteId: 'h', status: 'open', dueDay: '2026-06-15', ownerId: 's1', title: '整理台面' },
    { id: 'a2', siteId: 'h', status: 'in-progress', dueDay: '2026-06-18', ownerId: 'user-guide', title: '更换标识' },
    { id: 'a3', siteId: 'h', status: 'open', dueDay: '2026-07-30', ownerId: 's1', title: '远期' },
    { id: 'a4', siteId: 'h', status: 'closed', dueDay: '2026-06-01', ownerId: 's1', title: '已关闭' },
  ],
  isWorkingDay: () => true,
};

const kinds = (input: Partial<ReminderInput>) => reminders({ ...base, ...input }).map((r) => `${r.kind}${r.staffId ? `:${r.staffId}` : ''}${r.overdue ? '!' : ''}`);

describe('reminders per role', () => {
  it('a manager sees lifecycle deadlines, certificates, due and missed inspections and actions; overdue first', () => {
    const list = kinds({});
    expect(list.map((k) => k.endsWith('!'))).toEqual([true, true, true, false, false, false, false, false, false]);
    expect(list).toEqual(
      expect.arrayContaining(['renewal-opinion:s1', 'probation-rating:s2', 'certificate-expiring:s1', 'certificate-expired:s2!', 'inspection-missed!', 'inspection-due', 'action-overdue:s1!', 'action-due']),
    );
    expect(list.some((k) => k.includes('s3'))).toBe(false);
    expect(list.filter((k) => k.startsWith('inspection-missed'))).toHaveLength(1); // the week of 06-08 had none
  });

  it.each([
    ['inspector', ['inspection-due', 'inspection-missed!', 'action-overdue:s1!', 'action-due']],
    ['trainer', ['certificate-expired:s2!', 'certificate-expiring:s1']],
    ['client-reviewer', ['action-overdue:s1!', 'action-due']],
  ] as const)('%s sees only its groups', (role, expected) => {
    expect(kinds({ role }).sort()).toEqual([...expected].sort());
  });

  it('a guide sees only their own certificates and actions', () => {
    expect(kinds({ role: 'guide', staffId: 's1', userId: 'user-x' }).sort()).toEqual(['action-overdue:s1!', 'certificate-expiring:s1'].sort());
    expect(kinds({ role: 'guide', staffId: 'nobody', userId: 'user-guide' })).toEqual(['action-due']);
  });

  it('nothing is due when everything is done and far away', () => {
    expect(reminders({ ...base, staff: [], certificates: [], plans: [], actions: [] })).toEqual([]);
  });
});
