import { beforeEach, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../domain/policy';
import { serverTimeOf } from './api';
import { syncStatus } from './status';

const MIN = 60_000;

beforeEach(() => {
  syncStatus.reset();
  syncStatus.setPolicy(defaultPolicy);
});

describe('clock offset in the sync status', () => {
  it.each([
    ['in step', 0, 0, 0, false],
    ['a minute ahead: shown but under the 2-minute threshold', MIN, 0, MIN, false],
    ['three minutes ahead', 3 * MIN, 0, 3 * MIN, true],
    ['five minutes behind', -5 * MIN, 0, -5 * MIN, true],
    ['a slow link is not blamed on the clock (half the round trip is taken off)', 0, 2000, 0, false],
  ])('%s', (_, deviceAheadMs, roundTripMs, expectedOffset, flagged) => {
    const server = Date.parse('2026-03-02T03:00:00.000Z');
    // The device sent when its clock read server time + offset, minus half the trip.
    syncStatus.observeServerTime(server + deviceAheadMs - roundTripMs / 2, server, roundTripMs);
    expect(syncStatus.get().clockOffsetMs).toBe(expectedOffset);
    expect(syncStatus.get().clockDriftFlagged).toBe(flagged);
  });

  it('follows the policy’s threshold', () => {
    syncStatus.observeServerTime(3 * MIN, 0, 0);
    expect(syncStatus.get().clockDriftFlagged).toBe(true);
    syncStatus.setPolicy({ ...defaultPolicy, time: { ...defaultPolicy.time, clockDriftThresholdMinutes: 10 } });
    expect(syncStatus.get().clockDriftFlagged).toBe(false);
  });

  it('does not wake listeners for the same reading to the second', () => {
    let calls = 0;
    const off = syncStatus.subscribe(() => calls++);
    syncStatus.observeServerTime(10_000, 0, 0);
    syncStatus.observeServerTime(10_200, 0, 0);
    off();
    expect(calls).toBe(1);
  });
});

describe('serverTimeOf', () => {
  it('prefers X-Server-Time and falls back to the middle of the Date header’s second', () => {
    const precise = new Response(null, { headers: { 'x-server-time': '2026-03-02T03:00:00.123Z', date: 'Mon, 02 Mar 2026 03:00:00 GMT' } });
    const coarse = new Response(null, { headers: { date: 'Mon, 02 Mar 2026 03:00:00 GMT' } });
    expect(serverTimeOf(precise)).toBe(Date.parse('2026-03-02T03:00:00.123Z'));
    expect(serverTimeOf(coarse)).toBe(Date.parse('2026-03-02T03:00:00.500Z'));
    expect(serverTimeOf(new Response(null))).toBeNull();
  });
});
