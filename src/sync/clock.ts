import { formatHlc, parseHlc, tickHlc, type HlcState } from '../domain/hlc';
import { deviceId } from './session';

const HLC_KEY = 'hallops.hlc';

/** The next hybrid-logical-clock stamp of this device, persisted so it never goes backwards across reloads. */
export function nextHlc(now = Date.now()): string {
  const stored = localStorage.getItem(HLC_KEY);
  let last: HlcState;
  try {
    last = stored ? parseHlc(stored) : { ms: 0, counter: 0, node: deviceId() };
  } catch {
    last = { ms: 0, counter: 0, node: deviceId() };
  }
  const stamp = formatHlc(tickHlc(last, now));
  localStorage.setItem(HLC_KEY, stamp);
  return stamp;
}

/** The device's wall clock, read in event handlers (never during render). */
export function nowMs(): number {
  return Date.now();
}
