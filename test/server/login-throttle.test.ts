import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/server/modules/auth/login-throttle';

const rules = {
  perUsername: { maxFailures: 3, windowMs: 60_000 },
  perIp: { maxFailures: 5, windowMs: 60_000 },
};

describe('LoginThrottle', () => {
  it('blocks a username after too many failures until the oldest one leaves the window', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(() => now, rules);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds('lan', '10.0.0.1')).toBe(0);
      throttle.recordFailure('lan', '10.0.0.1');
      now += 10_000;
    }
    // Failures at 0 s, 10 s, 20 s; now 30 s: blocked until 60 s.
    expect(throttle.retryAfterSeconds('lan', '10.0.0.2')).toBe(30);
    expect(throttle.retryAfterSeconds('binh', '10.0.0.1')).toBe(0);
    now += 30_000;
    expect(throttle.retryAfterSeconds('lan', '10.0.0.1')).toBe(0);
  });

  it('blocks an IP address trying many usernames', () => {
    const now = 0;
    const throttle = new LoginThrottle(() => now, rules);
    for (let i = 0; i < 5; i++) throttle.recordFailure(`user${i}`, '10.0.0.9');
    expect(throttle.retryAfterSeconds('someone-else', '10.0.0.9')).toBe(60);
    expect(throttle.retryAfterSeconds('someone-else', '10.0.0.8')).toBe(0);
  });

  it('forgets a username’s failures after a successful login', () => {
    const throttle = new LoginThrottle(() => 0, rules);
    throttle.recordFailure('lan', 'a');
    throttle.recordFailure('lan', 'b');
    throttle.recordSuccess('lan');
    throttle.recordFailure('lan', 'c');
    throttle.recordFailure('lan', 'd');
    expect(throttle.retryAfterSeconds('lan', 'e')).toBe(0);
  });
});
