import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../policy';
import { WorkingCalendar } from '../calendar/working-days';
import {
  inProbation,
  leaverPaperworkDue,
  lifecycleDeadlines,
  lifecycleReminders,
  medicalReportValid,
  personalDataChangeDeadline,
  resignationLastDay,
  type StaffLifecycleLike,
} from './lifecycle';

const staff: StaffLifecycleLike = {
  id: 's1',
  status: 'on-post',
  hiredOn: '2025-03-03',
  probationEnd: '2025-06-02',
  contractEnd: '2026-03-02',
};
const due = (kind: string, s: StaffLifecycleLike = staff) => lifecycleDeadlines(s, defaultPolicy).find((d) => d.kind === kind)?.dueOn;

describe('DOMAIN.md lifecycle reminders (deadlines from the documents)', () => {
  it.each([
    ['"labour contract signed within 1 month of start"', 'contract-sign', '2025-04-03'],
    ['"contract consultation form at day 20"', 'consultation-form', '2025-03-22'],
    ['"probation rating 10 days before probation ends"', 'probation-rating', '2025-05-23'],
    ['"submitted 7 days before"', 'probation-rating-submit', '2025-05-26'],
    ['"renewal opinion 40 days before contract end"', 'renewal-opinion', '2026-01-21'],
    ['"decision within 10 days"', 'renewal-decision', '2026-01-31'],
    ['"notice 30 days before"', 'renewal-notice', '2026-01-31'],
    ['"new contract 15 days before"', 'new-contract', '2026-02-15'],
  ])('%s', (_quote, kind, dueOn) => {
    expect(due(kind)).toBe(dueOn);
  });

  it('no contract-sign reminder once the contract is recorded', () => {
    expect(due('contract-sign', { ...staff, contractSignedOn: '2025-03-10' })).toBeUndefined();
    expect(due('contract-sign', { ...staff, contractStart: '2025-03-03' })).toBeUndefined();
  });

  it('reminders show from 14 days before until 30 days after, flagged overdue once passed', () => {
    expect(lifecycleReminders(staff, '2025-03-02', defaultPolicy)).toEqual([]);
    expect(lifecycleReminders(staff, '2025-03-08', defaultPolicy).map((r) => [r.kind, r.overdue])).toEqual([['consultation-form', false]]);
    expect(lifecycleReminders(staff, '2025-04-05', defaultPolicy).map((r) => [r.kind, r.overdue])).toEqual([
      ['consultation-form', true],
      ['contract-sign', true],
    ]);
    expect(lifecycleReminders({ ...staff, status: 'left' }, '2025-04-05', defaultPolicy)).toEqual([]);
  });

  it('"certificates with expiry": reminders before expiry and once expired', () => {
    const withCert = { ...staff, hiredOn: undefined, probationEnd: undefined, contractEnd: undefined, certificates: [{ kind: 'health', issuedOn: '2024-06-01', expiresOn: '2025-05-31' }] };
    expect(lifecycleReminders(withCert, '2025-05-10', defaultPolicy)).toEqual([
      { staffId: 's1', kind: 'certificate-expiring', dueOn: '2025-05-01', overdue: false, subject: 'health' },
    ]);
    expect(lifecycleReminders(withCert, '2025-06-01', defaultPolicy)).toMatchObject([{ kind: 'certificate-expired', overdue: true }]);
  });

  it('"resignation notice 30 days (3 in probation)"', () => {
    expect(inProbation(staff, '2025-05-01')).toBe(true);
    expect(resignationLastDay('2025-05-01', inProbation(staff, '2025-05-01'), defaultPolicy)).toBe('2025-05-04');
    expect(resignationLastDay('2025-07-01', inProbation(staff, '2025-07-01'), defaultPolicy)).toBe('2025-07-31');
  });

  it('"personal-data changes reported within 15 working days"', () => {
    expect(personalDataChangeDeadline('2025-09-26', new WorkingCalendar(), defaultPolicy)).toBe('2025-10-23');
  });

  it('"leaver\'s paperwork done within 2 hours of arrival" and "medical report no older than 6 months"', () => {
    expect(leaverPaperworkDue('2025-03-03T01:00:00.000Z', defaultPolicy)).toBe('2025-03-03T03:00:00.000Z');
    expect(medicalReportValid('2024-09-03', '2025-03-03', defaultPolicy)).toBe(true);
    expect(medicalReportValid('2024-09-02', '2025-03-03', defaultPolicy)).toBe(false);
  });
});
