import { randomUUID } from 'node:crypto';
import { hallSiteId } from '../../src/domain/demo';

/** The demo hall every demo user but admin-like roles is scoped to. */
export const DEMO_SITE_ID = hallSiteId(1);

/** A valid attendance event for the demo hall; override any field. */
export function attendanceDoc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    siteId: DEMO_SITE_ID,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'tester',
    deviceId: 'device-test',
    staffId: 'staff-00001',
    kind: 'check-in',
    method: 'pin',
    deviceTime: '2026-03-02T00:25:00.000Z',
    hlc: '0001772411100000:0000:device-test',
    ...overrides,
  };
}

/** A valid staff record for the demo hall; override any field. */
export function staffDoc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `staff-${randomUUID()}`,
    siteId: DEMO_SITE_ID,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'tester',
    deviceId: 'device-test',
    staffNo: 'T0001',
    name: '测试员',
    pinyinInitials: 'csy',
    gender: 'female',
    status: 'standby',
    certificates: [],
    ...overrides,
  };
}

export function pushRows(docs: Record<string, unknown>[], assumed: Record<string, unknown> | null = null) {
  return docs.map((d) => ({ newDocumentState: d, assumedMasterState: assumed }));
}
