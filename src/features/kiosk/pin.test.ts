import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pinHashSchema } from '../../domain/schemas/staff';
import { hashPin, isValidPinFormat, PIN_ITERATIONS, verifyPin } from './pin';

// Fewer iterations keep the suite fast; the production count is checked separately.
const FAST = 1000;

describe('kiosk PIN hashing (WebCrypto PBKDF2-SHA256)', () => {
  it.each([
    ['1234', true],
    ['123456', true],
    ['123', false],
    ['1234567', false],
    ['12a4', false],
    ['', false],
    [' 1234', false],
  ])('format of %j valid: %s', (pin, ok) => {
    expect(isValidPinFormat(pin)).toBe(ok);
  });

  it('produces a hash the staff schema accepts, with the production iteration count by default', async () => {
    const h = await hashPin('2468');
    expect(pinHashSchema.parse(h)).toEqual(h);
    expect(h.iterations).toBe(PIN_ITERATIONS);
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(100_000);
  });

  it('verifies the right PIN and refuses wrong ones', async () => {
    const h = await hashPin('2468', FAST);
    expect(await verifyPin('2468', h)).toBe(true);
    for (const wrong of ['2469', '24680', '8642', 'abcd']) expect(await verifyPin(wrong, h)).toBe(false);
  });

  it('salts: the same PIN hashes differently each time, and both verify', async () => {
    const a = await hashPin('1111', FAST);
    const b = await hashPin('1111', FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPin('1111', a)).toBe(true);
    expect(await verifyPin('1111', b)).toBe(true);
  });

  it('is standard PBKDF2: equals Node’s pbkdf2Sync for the same salt and iterations', async () => {
    const h = await hashPin('975310', FAST);
    const expected = pbkdf2Sync('975310', Buffer.from(h.salt, 'base64'), FAST, 32, 'sha256').toString('base64');
    expect(h.hash).toBe(expected);
  });

  it('refuses a tampered or malformed stored hash instead of throwing', async () => {
    const h = await hashPin('1357', FAST);
    expect(await verifyPin('1357', { ...h, iterations: FAST + 1 })).toBe(false);
    expect(await verifyPin('1357', { ...h, hash: '!!!not base64!!!' })).toBe(false);
  });
});
