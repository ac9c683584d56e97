export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
}

export interface LoginThrottleRules {
  perUsername: ThrottleRule;
  perIp: ThrottleRule;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleRules = {
  perUsername: { maxFailures: 5, windowMs: 15 * 60_000 },
  perIp: { maxFailures: 30, windowMs: 15 * 60_000 },
};

// Above this many tracked keys the oldest are dropped, so a flood of made-up usernames cannot
// grow memory without bound.
const MAX_KEYS = 10_000;

/**
 * Counts failed logins per username and per IP address in a sliding window. In memory: one
 * server process; a restart forgets the counts, which only shortens a lock-out.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly rules: LoginThrottleRules = DEFAULT_LOGIN_THROTTLE,
  ) {}

  /** Seconds to wait before another attempt, or 0 when one is allowed now. */
  retryAfterSeconds(username: string, ip: string): number {
    const wait = Math.max(
      this.waitMs(`u:${username}`, this.rules.perUsername),
      this.waitMs(`ip:${ip}`, this.rules.perIp),
    );
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  recordFailure(username: string, ip: string): void {
    this.add(`u:${username}`, this.rules.perUsername);
    this.add(`ip:${ip}`, this.rules.perIp);
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username}`);
  }

  private recent(key: string, rule: ThrottleRule): number[] {
    const since = this.now() - rule.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private waitMs(key: string, rule: ThrottleRule): number {
    const times = this.recent(key, rule);
    if (times.length < rule.maxFailures) return 0;
    // Blocked until enough of the window's failures have aged out.
    const unblockAt = times[times.length - rule.maxFailures]! + rule.windowMs;
    return unblockAt - this.now();
  }

  private add(key: string, rule: ThrottleRule): void {
    const times = this.recent(key, rule);
    times.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}
