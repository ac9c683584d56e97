import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../src/server/modules/auth/password-hash';

// The stored form of a password: Argon2id at OWASP's minimum (m=19 MiB, t=2, p=1); scrypt hashes
// of before still log in and are flagged for replacement.
describe('password hashing', () => {
  it('hashes with Argon2id at OWASP parameters, salted, and verifies only the right password', async () => {
    const first = await hashPassword('Mật khẩu 2025');
    const second = await hashPassword('Mật khẩu 2025');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[\w+/]+\$[\w+/]+$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('Mật khẩu 2025', first)).toBe(true);
    expect(await verifyPassword('Mật khẩu 2026', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
    expect(needsRehash(first)).toBe(false);
  });

  it('treats composed and decomposed Vietnamese as the same password', async () => {
    const composed = 'Thành phố Rạch Giá'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('still verifies a scrypt hash of before and asks for it to be replaced', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('cũ-nhưng-đúng', salt, 32, { N: 16384, r: 8, p: 5, maxmem: 64 << 20 });
    const stored = ['scrypt', 16384, 8, 5, salt.toString('base64'), key.toString('base64')].join(
      '$',
    );
    expect(await verifyPassword('cũ-nhưng-đúng', stored)).toBe(true);
    expect(await verifyPassword('cũ-nhưng-sai', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it('asks to rehash Argon2 with other parameters, and matches nothing against a broken hash', async () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(await verifyPassword('x', '$argon2id$v=19$m=19456,t=2,p=1$!!$??')).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});
