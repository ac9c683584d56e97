import { rateLimited } from '../../http/problem';
import type { LoginAttemptRepository, Reservation } from './login-attempt.repository';

export interface LimitRule {
  maxAttempts: number;
  windowMs: number;
}

export interface LoginLimitRules {
  /** One username from one address: an attacker there cannot lock the account out elsewhere. */
  perAddressAndUser: LimitRule;
  /** One username from every address together: slows an attack spread over many addresses. */
  perUser: LimitRule;
  /** One known device (the key it keeps): its owner only competes with their own typos. */
  perKnownDevice: LimitRule;
}

const WINDOW_MS = 15 * 60_000;
export const DEFAULT_LOGIN_LIMITS: LoginLimitRules = {
  perAddressAndUser: { maxAttempts: 5, windowMs: WINDOW_MS },
  perUser: { maxAttempts: 20, windowMs: WINDOW_MS },
  perKnownDevice: { maxAttempts: 10, windowMs: WINDOW_MS },
};

// Expired counters are deleted every this many reservations (cheap, and bounds the table).
const PRUNE_EVERY = 500;

export interface LimitKey {
  key: string;
  rule: LimitRule;
}

/**
 * Failed-login limits kept in the database. An attempt is reserved under each of its keys
 * BEFORE the password is checked, so parallel guesses can never exceed a limit; a success or
 * a refused attempt gives its reservations back, so only failures count.
 */
export class LoginLimiter {
  private reservations = 0;

  constructor(
    private readonly attempts: LoginAttemptRepository,
    private readonly now: () => number,
    readonly rules: LoginLimitRules = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Reserves one attempt under every key, or throws a 429 holding nothing. */
  async reserve(keys: LimitKey[]): Promise<Reservation[]> {
    const now = this.now();
    const held: Reservation[] = [];
    for (const { key, rule } of keys) {
      const reservation = await this.attempts.reserve(key, now, rule.windowMs);
      held.push(reservation);
      if (reservation.count > rule.maxAttempts) {
        await this.release(held);
        const wait = Math.max(1, Math.ceil((reservation.windowStart + rule.windowMs - now) / 1000));
        throw rateLimited(wait, 'tooManyLogins', { minutes: Math.ceil(wait / 60) });
      }
    }
    if (++this.reservations % PRUNE_EVERY === 0) {
      const longest = Math.max(...Object.values(this.rules).map((r: LimitRule) => r.windowMs));
      await this.attempts.prune(now - longest);
    }
    return held;
  }

  async release(held: Reservation[]): Promise<void> {
    for (const reservation of held) await this.attempts.release(reservation);
  }
}
