import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../policy';
import { repliedInTime, serviceTargetStatus } from './service-targets';

describe('DOMAIN.md service targets: "satisfaction ≥ 95 %, complaint reply rate 100 % (enquiries answered within 24 h), staff stability ≥ 90 % a year, service-quality pass rate ≥ 95 %, staff in place within 15 days of a request"', () => {
  it('compares each measure with its target', () => {
    const status = serviceTargetStatus(
      { satisfaction: 0.95, complaintReplyRate: 0.99, staffStability: 0.92, qualityPassRate: 0.94, staffingDays: 15 },
      defaultPolicy,
    );
    expect(status.map((s) => [s.key, s.met])).toEqual([
      ['satisfaction', true],
      ['complaintReplyRate', false],
      ['staffStability', true],
      ['qualityPassRate', false],
      ['staffingDays', true],
    ]);
    expect(serviceTargetStatus({ staffingDays: 16 }, defaultPolicy)).toEqual([{ key: 'staffingDays', value: 16, target: 15, met: false }]);
  });

  it('an enquiry counts as answered in time within 24 h', () => {
    expect(repliedInTime('2025-03-03T01:00:00.000Z', '2025-03-04T01:00:00.000Z', defaultPolicy)).toBe(true);
    expect(repliedInTime('2025-03-03T01:00:00.000Z', '2025-03-04T01:00:01.000Z', defaultPolicy)).toBe(false);
    expect(repliedInTime('2025-03-03T01:00:00.000Z', undefined, defaultPolicy)).toBe(false);
  });
});
