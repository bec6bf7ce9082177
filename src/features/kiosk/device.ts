import type { SessionUser } from '../../domain/roles';

/** Sessions of enrolled kiosk tablets have user ids `device:<device id>` (the enrolment protocol). */
export function isKioskDevice(user: Pick<SessionUser, 'id'> | undefined | null): boolean {
  return Boolean(user?.id.startsWith('device:'));
}
