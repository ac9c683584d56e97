import { describe, expect, it } from 'vitest';
import { CatchUpChains } from '../../src/server/modules/sync/catch-up-chains';

// Which pull continues a catch-up a phone has begun: the work gate queues those instead of
// refusing the phone again in the middle of its pages.
describe('catch-up chains', () => {
  it('knows a device’s next page of a catch-up by the cursor it was handed', () => {
    const chains = new CatchUpChains(() => 0);
    expect(chains.continues('phone-1', '120.abc')).toBe(false);
    chains.planned('phone-1', '120.abc', 120, '620.abc');
    expect(chains.continues('phone-1', '620.abc')).toBe(true);
    // Another cursor, or another device with that cursor, is not the chain's next page.
    expect(chains.continues('phone-1', '120.abc')).toBe(false);
    expect(chains.continues('phone-2', '620.abc')).toBe(false);
    // The chain goes on, then ends with its last page.
    chains.planned('phone-1', '620.abc', 620, '1120.abc');
    expect(chains.continues('phone-1', '1120.abc')).toBe(true);
    chains.planned('phone-1', '1120.abc', 1120, undefined);
    expect(chains.continues('phone-1', '1120.abc')).toBe(false);
  });

  it('does not count a first sync (from version 0), nor its later pages', () => {
    const chains = new CatchUpChains(() => 0);
    chains.planned('phone-1', '0', 0, '500.abc');
    expect(chains.continues('phone-1', '500.abc')).toBe(false);
    chains.planned('phone-1', '500.abc', 500, '1000.abc');
    expect(chains.continues('phone-1', '1000.abc')).toBe(false);
  });

  it('forgets a chain not continued in time, and the oldest devices past its bound', () => {
    const clock = { now: 0 };
    const chains = new CatchUpChains(() => clock.now, 1_000, 2);
    chains.planned('phone-1', '5', 5, '9');
    clock.now = 1_001;
    expect(chains.continues('phone-1', '9')).toBe(false);
    chains.planned('phone-1', '5', 5, '9');
    chains.planned('phone-2', '5', 5, '9');
    chains.planned('phone-3', '5', 5, '9');
    expect(chains.continues('phone-1', '9')).toBe(false);
    expect(chains.continues('phone-3', '9')).toBe(true);
  });
});
