import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

// Argon2id at OWASP's minimum (Password Storage Cheat Sheet: m=19 MiB, t=2, p=1), computed on
// libuv's thread pool by @node-rs/argon2 (prebuilt N-API binary, no compiler). It replaced scrypt
// at N=2^14, r=8, p=5 — the same strength class, but four times the CPU per login, so 50 officers
// logging in at once waited over 5 s on a 2-core server (docs/performance.md, bench:login).
// Hashes are PHC strings that carry their parameters; a scrypt hash from before is still
// verified and is replaced at the account's next successful login (needsRehash).
const MEMORY_KIB = 19_456;
const PASSES = 2;
const LANES = 1;
const ARGON2_OPTIONS = { memoryCost: MEMORY_KIB, timeCost: PASSES, parallelism: LANES };
const ARGON2_PREFIX = `$argon2id$v=19$m=${MEMORY_KIB},t=${PASSES},p=${LANES}$`;

const SCRYPT_MAX_MEMORY = 64 * 1024 * 1024;

function scryptKey(password: string, salt: Buffer, keyLength: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Unicode-equal passwords (typed on different keyboards) are the same password. */
function normalised(password: string): string {
  return password.normalize('NFC');
}

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(normalised(password), ARGON2_OPTIONS);
}

/** The pre-Argon2 format: scrypt$N$r$p$salt$key (base64). */
async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = stored.split('$');
  if (!n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptKey(normalised(password), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT_MAX_MEMORY,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  if (!stored.startsWith('$argon2id$')) return false;
  try {
    return await argon2Verify(stored, normalised(password));
  } catch {
    // A malformed stored hash matches no password (and must not answer 500 at login).
    return false;
  }
}

/** True for a hash made otherwise than today's setting (scrypt, or other Argon2 parameters). */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(ARGON2_PREFIX);
}

let dummyHash: Promise<string> | undefined;

/** A real hash to check against when the username is unknown, so timing does not reveal it. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
