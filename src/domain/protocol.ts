/**
 * The sync protocol's shared constants (ARCHITECTURE.md "Sync protocol"): the
 * client and the sync server read the same values, so a change is made once.
 */

/**
 * The protocol version this build speaks. Clients send it as
 * `X-Client-Version`; a server whose minimum is higher answers 426 and the app
 * reloads. Raise it only when an older client would corrupt data or misread answers.
 */
export const PROTOCOL_VERSION = 1;

/** Request and response headers of the protocol (lower case, as Node and fetch see them). */
export const HEADERS = {
  /** Request: the protocol version of the client (a whole number); absent = accepted (tools, tests). */
  clientVersion: 'x-client-version',
  /** Request: the device's wall clock when it sent the request (ISO instant), for clock-drift checks. */
  deviceTime: 'x-device-time',
  /** Request: the device's own id, named in quarantine, audit and clock records. */
  deviceId: 'x-device-id',
  /** Response: the server's clock when it answered (ISO instant). */
  serverTime: 'x-server-time',
} as const;

/** Session users of enrolled kiosk tablets have ids (and usernames) `device:<device id>`. */
export const DEVICE_USER_PREFIX = 'device:';

export function deviceUserId(deviceId: string): string {
  return `${DEVICE_USER_PREFIX}${deviceId}`;
}

/** Whether a session user is an enrolled kiosk device rather than a person. */
export function isDeviceUser(user: { id: string } | null | undefined): boolean {
  return Boolean(user?.id.startsWith(DEVICE_USER_PREFIX));
}
