import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';
import { hashToken, newToken } from './tokens';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one; hashes are salted', async () => {
    const hash = await hashPassword('秘密-secret');
    expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('秘密-secret', hash)).toBe(true);
    expect(await verifyPassword('秘密-Secret', hash)).toBe(false);
    expect(await hashPassword('秘密-secret')).not.toBe(hash);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$a$b$c$d$e')).toBe(false);
  });
});

describe('tokens', () => {
  it('are 32 random bytes in base64url, stored as a sha256 hex hash', () => {
    const t = newToken();
    expect(t).toMatch(/^[\w-]{43}$/);
    expect(newToken()).not.toBe(t);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).toBe(hashToken(t));
  });
});
