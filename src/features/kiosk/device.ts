import { isDeviceUser } from '../../domain/protocol';

/** Sessions of enrolled kiosk tablets have user ids `device:<device id>` (src/domain/protocol.ts). */
export const isKioskDevice = isDeviceUser;
