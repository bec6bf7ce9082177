import type { PinHash } from '../../domain/schemas/staff';

/**
 * Kiosk PINs: salted PBKDF2-SHA256 through WebCrypto (browsers and Node 20
 * alike), verified on the tablet against the hash in the staff record. The
 * PIN itself is never stored or sent.
 */

/**
 * Slow enough to make each guess cost (about 50–150 ms on a hall tablet), fast
 * enough for a queue at the kiosk. A 4–6 digit PIN cannot resist an offline
 * attack on a leaked hash anyway: the defence is that hashes go only to kiosk
 * devices and admins, and the lockout below.
 */
export const PIN_ITERATIONS = 100_000;
const SALT_BYTES = 16;

/** 4 to 6 digits. */
export function isValidPinFormat(pin: string): boolean {
  return /^\d{4,6}$/.test(pin);
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** The stored form of a PIN: a fresh random salt each time, so equal PINs hash differently. */
export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  if (!isValidPinFormat(pin)) throw new Error('A PIN is 4 to 6 digits');
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Compares every byte whatever the first difference, so timing tells nothing. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Whether `pin` matches the stored hash (with the hash's own salt and iteration count). */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!isValidPinFormat(pin) || stored.algorithm !== 'PBKDF2-SHA256') return false;
  let salt: Uint8Array;
  let expected: Uint8Array;
  try {
    salt = fromBase64(stored.salt);
    expected = fromBase64(stored.hash);
  } catch {
    return false;
  }
  return sameBytes(await derive(pin, salt, stored.iterations), expected);
}
