import { describe, expect, it } from 'vitest';
import { defaultPolicy, policySchema } from '../policy';
import { clockDrift } from './clock-drift';

describe('ARCHITECTURE.md time: "flags drift beyond a threshold (our default 2 minutes) instead of trusting it"', () => {
  it.each([
    ['2025-03-03T00:00:00.000Z', '2025-03-03T00:02:00.000Z', -120_000, false],
    ['2025-03-03T00:02:01.000Z', '2025-03-03T00:00:00.000Z', 121_000, true],
    ['2025-03-03T00:00:00.000Z', '2025-03-03T00:05:00.000Z', -300_000, true],
  ])('device %s, server %s → offset %i ms, flagged %s', (device, server, offsetMs, flagged) => {
    expect(clockDrift(device, server, defaultPolicy)).toEqual({ offsetMs, flagged });
  });

  it('takes half the round trip off and follows the policy threshold', () => {
    // The device sent at 00:00:00 by its clock; the server got it 3 s later on a link with a 6 s round trip.
    expect(clockDrift(0, 3_000, defaultPolicy, 6_000).offsetMs).toBe(0);
    expect(clockDrift(0, 60_000, policySchema.parse({ time: { clockDriftThresholdMinutes: 0 } })).flagged).toBe(true);
  });
});
