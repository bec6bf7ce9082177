import type { Policy } from '../policy';

/**
 * Tablet clocks are often wrong (ARCHITECTURE.md "Time"): the server compares
 * a device's wall clock with its own receive time at each sync and flags a
 * drift beyond the threshold (default 2 minutes) instead of trusting it.
 */
export interface ClockDrift {
  /** Device clock minus server clock, in ms (positive: the device runs ahead). */
  offsetMs: number;
  flagged: boolean;
}

/**
 * The drift seen at a sync: `deviceNow` is the device's clock when it sent the
 * request, `serverNow` the server's when it received it; the network delay
 * (half the round trip, if known) is taken off so a slow link is not blamed on the clock.
 */
export function clockDrift(deviceNow: string | number, serverNow: string | number, policy: Policy, roundTripMs = 0): ClockDrift {
  const toMs = (t: string | number) => (typeof t === 'number' ? t : Date.parse(t));
  const offsetMs = toMs(deviceNow) + roundTripMs / 2 - toMs(serverNow);
  return { offsetMs, flagged: Math.abs(offsetMs) > policy.time.clockDriftThresholdMinutes * 60_000 };
}
