import type { FastifyRequest } from 'fastify';
import type { Policy } from '../../src/domain/policy';
import { DEVICE_USER_PREFIX, HEADERS, isDeviceUser } from '../../src/domain/protocol';
import type { SessionUser } from '../../src/domain/roles';
import { clockDrift, type ClockDrift } from '../../src/domain/rules/clock-drift';
import type { ClockReading, Store } from '../store/store';

/** A reading is written again when the offset moved this much, or after this long. */
const REWRITE_OFFSET_MS = 1000;
const REWRITE_AFTER_MS = 60_000;
/** Header values are bounded before parsing. */
const MAX_HEADER_LENGTH = 100;

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_HEADER_LENGTH ? v : undefined;
}

/**
 * Which device a request comes from: an enrolled kiosk is its session; a
 * browser names itself with X-Device-Id.
 */
export function deviceIdOf(request: FastifyRequest, user: SessionUser | null): string | null {
  if (user && isDeviceUser(user)) return user.id.slice(DEVICE_USER_PREFIX.length);
  return header(request, HEADERS.deviceId) ?? null;
}

/** The device's clock from X-Device-Time (ms), or null when absent or not an instant. */
export function deviceTimeOf(request: FastifyRequest): number | null {
  const raw = header(request, HEADERS.deviceTime);
  if (!raw) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

export interface DriftView extends ClockDrift {
  deviceId: string;
  /** Server time of the reading. */
  measuredAt: string;
  thresholdMs: number;
}

/**
 * Records each device's clock offset at every sync (ARCHITECTURE.md "Time"):
 * the device's X-Device-Time against the server's receive time. Readings are
 * stored per device; writes are skipped while nothing much changed, so a busy
 * device does not write a row per request.
 */
export class ClockKeeper {
  private readonly written = new Map<string, { offsetMs: number; at: number }>();

  constructor(private readonly store: Store) {}

  /** Reads the request's clock headers; returns the reading (also when it was not written). */
  async observe(request: FastifyRequest, user: SessionUser, receivedAt: Date): Promise<ClockReading | null> {
    const deviceMs = deviceTimeOf(request);
    const deviceId = deviceIdOf(request, user);
    if (deviceMs === null || deviceId === null) return null;
    const reading: ClockReading = { deviceId, userId: user.id, offsetMs: Math.round(deviceMs - receivedAt.getTime()), at: receivedAt.toISOString() };
    const last = this.written.get(deviceId);
    const t = receivedAt.getTime();
    if (!last || Math.abs(last.offsetMs - reading.offsetMs) >= REWRITE_OFFSET_MS || t - last.at >= REWRITE_AFTER_MS) {
      await this.store.recordClock(reading);
      this.written.set(deviceId, { offsetMs: reading.offsetMs, at: t });
      if (this.written.size > 50_000) this.written.clear();
    }
    return reading;
  }

  /** The drift of a reading under the policy's threshold. */
  static drift(reading: ClockReading, policy: Policy): DriftView {
    const at = Date.parse(reading.at);
    const d = clockDrift(at + reading.offsetMs, at, policy);
    return { ...d, deviceId: reading.deviceId, measuredAt: reading.at, thresholdMs: policy.time.clockDriftThresholdMinutes * 60_000 };
  }
}
