import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; the prefix makes a leaked token recognisable in logs and scanners. */
export function newToken(): string {
  return `ol_${randomBytes(32).toString('base64url')}`;
}

/** The key a device keeps to show it logged in to an account before (see AuthService.login). */
export function newDeviceKey(): string {
  return `olk_${randomBytes(32).toString('base64url')}`;
}

/** Only this digest is stored: a copy of the database does not hand out working tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A readable one-time password for the first admin (about 96 bits). */
export function newInitialPassword(): string {
  return randomBytes(12).toString('base64url');
}
