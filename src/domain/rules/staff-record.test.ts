import { describe, expect, it } from 'vitest';
import { defaultPolicy, policySchema } from '../policy';
import { certificateStates, onboardingStatus, worstCertificateState } from './staff-record';

const allDocs = {
  idCopies: 2,
  photos: true,
  householdRegisterCopy: true,
  diplomaCopy: true,
  bankCardCopy: true,
  medicalReportOn: '2025-01-10',
};

describe('onboardingStatus', () => {
  it('is complete with every document and a recent medical report', () => {
    const s = onboardingStatus({ onboardingDocuments: allDocs, hiredOn: '2025-03-01' }, '2025-06-01', defaultPolicy);
    expect(s).toMatchObject({ complete: true, missing: [] });
    expect(s.items).toHaveLength(6);
  });

  it.each([
    ['one ID copy', { idCopies: 1 }, ['idCopies']],
    ['no photos', { photos: false }, ['photos']],
    ['no household register', { householdRegisterCopy: false }, ['householdRegisterCopy']],
    ['no diploma, no bank card', { diplomaCopy: false, bankCardCopy: false }, ['diplomaCopy', 'bankCardCopy']],
    ['medical report older than 6 months at hiring', { medicalReportOn: '2024-08-31' }, ['medicalReport']],
    ['medical report after hiring', { medicalReportOn: '2025-03-02' }, ['medicalReport']],
  ])('%s is missing', (_label, change, missing) => {
    const s = onboardingStatus({ onboardingDocuments: { ...allDocs, ...change }, hiredOn: '2025-03-01' }, '2025-06-01', defaultPolicy);
    expect(s.missing).toEqual(missing);
    expect(s.complete).toBe(false);
  });

  it('accepts a medical report exactly 6 months old, and follows the policy', () => {
    const docs = { ...allDocs, medicalReportOn: '2024-09-01' };
    expect(onboardingStatus({ onboardingDocuments: docs, hiredOn: '2025-03-01' }, '2025-06-01', defaultPolicy).complete).toBe(true);
    const strict = policySchema.parse({ lifecycle: { medicalReportMaxAgeMonths: 3 } });
    expect(onboardingStatus({ onboardingDocuments: docs, hiredOn: '2025-03-01' }, '2025-06-01', strict).missing).toEqual(['medicalReport']);
  });

  it('without a hiring day, measures the medical report from today; without documents, everything is missing', () => {
    expect(onboardingStatus({ onboardingDocuments: allDocs }, '2025-08-01', defaultPolicy).missing).toEqual(['medicalReport']);
    expect(onboardingStatus({}, '2025-08-01', defaultPolicy).missing).toHaveLength(6);
  });
});

describe('certificateStates', () => {
  const certs = [
    { kind: '健康证', issuedOn: '2024-06-01', expiresOn: '2025-05-31' },
    { kind: '从业资格证', issuedOn: '2024-06-20', expiresOn: '2025-06-20' },
    { kind: '安全', issuedOn: '2025-01-01', expiresOn: '2026-01-01' },
    { kind: '岗前', issuedOn: '2025-01-01' },
  ];

  it('flags expired and expiring certificates (30-day lead by default)', () => {
    const states = certificateStates(certs, '2025-06-01', defaultPolicy);
    expect(states.map((s) => s.state)).toEqual(['expired', 'expiring', 'valid', 'no-expiry']);
    expect(states[1]!.daysLeft).toBe(19);
    expect(worstCertificateState(states)).toBe('expired');
    expect(worstCertificateState(states.slice(1))).toBe('expiring');
    expect(worstCertificateState(states.slice(2))).toBe('ok');
  });

  it('is valid on the last valid day and expired the day after', () => {
    const one = [{ expiresOn: '2025-06-01' }];
    expect(certificateStates(one, '2025-06-01', defaultPolicy)[0]!.state).toBe('expiring');
    expect(certificateStates(one, '2025-06-02', defaultPolicy)[0]!.state).toBe('expired');
    expect(certificateStates(one, '2025-04-01', defaultPolicy)[0]!.state).toBe('valid');
  });
});
