import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultPolicy, policySchema } from './policy';

describe('policy defaults (every number of DOMAIN.md is a default an administrator can change)', () => {
  it('parses {} to the documented defaults', () => {
    expect(policySchema.parse({})).toEqual(defaultPolicy);
    expect(defaultPolicy).toMatchObject({
      time: { timeZone: 'Asia/Shanghai', clockDriftThresholdMinutes: 2 },
      attendance: { graceMinutes: 0, absenceThresholdMinutes: 60, unverifiedMissingPunchHalfDays: 1, leftPostLateBelowMinutes: 60, leftPostHalfDayUpToMinutes: 240, nursingBreaksPerDay: 2, nursingBreakMinutes: 30, preShiftArrivalMinutes: 10 },
      roster: { minimumRestHours: 11 },
      leave: { managerApprovalMaxDays: 3, dailyWageDivisor: 21.75, marriageCertificateWithinDays: 3 },
      training: { passMark: 80, maxScore: 100, maxAttempts: 3, certificateValidityMonths: { onboarding: null, safety: 12 }, onboardingMinDaysForAgents: 10 },
      performance: { providerWeight: 0.3, clientWeight: 0.7, payPerPoint: 5, warningConsecutiveBelow: 80, warningAnyMonthBelow: 70 },
      serviceTargets: { satisfaction: 0.95, complaintReplyRate: 1, staffStability: 0.9, qualityPassRate: 0.95, staffingWithinDays: 15 },
      lifecycle: { contractSignWithinMonths: 1, consultationFormDay: 20, probationRatingDaysBefore: 10, renewalOpinionDaysBefore: 40, resignationNoticeDays: 30, resignationNoticeDaysInProbation: 3, personalDataChangeWorkingDays: 15 },
    });
    expect(defaultPolicy.leave.deductionRates).toMatchObject({ personal: 1, sick: 0.5, annual: 0 });
  });

  it('fills the rest of a group when one field is changed, and rejects unknown fields', () => {
    const p = policySchema.parse({ attendance: { graceMinutes: 5 } });
    expect(p.attendance).toEqual({ ...defaultPolicy.attendance, graceMinutes: 5 });
    expect(p.leave).toEqual(defaultPolicy.leave);
    expect(policySchema.safeParse({ attendance: { graceMinute: 5 } }).success).toBe(false);
    expect(policySchema.safeParse({ roster: { minimumRestHours: -1 } }).success).toBe(false);
  });

  it('gives fresh default arrays, so changing one parse does not change another', () => {
    const a = policySchema.parse({});
    a.performance.payBands.push({ min: 99, pay: 1 });
    expect(policySchema.parse({}).performance.payBands).toHaveLength(5);
  });

  it('turns into a JSON Schema (for RxDB) with the defaults in it', () => {
    const json = z.toJSONSchema(policySchema, { io: 'input' }) as { properties: Record<string, { default?: unknown }> };
    expect(json.properties.attendance!.default).toEqual(defaultPolicy.attendance);
  });
});
