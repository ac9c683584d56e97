import { randomInt } from 'node:crypto';

// Letters and digits that cannot be misread when an admin reads the password out over the phone
// (no 0/o, 1/l/i).
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** 12 characters in groups of four, e.g. "k7mq-x2fd-9tra" (about 59 bits). */
export function newTemporaryPassword(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
}
