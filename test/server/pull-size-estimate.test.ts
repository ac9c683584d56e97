import { describe, expect, it } from 'vitest';
import { PullSizeEstimate } from '../../src/server/modules/sync/pull-size-estimate';

describe('expected size of a pull page (weighed by the work gate before it is read)', () => {
  it('counts a scope never seen as receiving every version up to the newest seen', () => {
    const sizes = new PullSizeEstimate();
    // Before any version was seen (a server just started): a full page.
    expect(sizes.rows('xa-1', 0, 500)).toBe(500);
    sizes.saw(120);
    expect(sizes.rows('xa-1', 0, 500)).toBe(120);
    expect(sizes.rows('xa-1', 100, 500)).toBe(20);
    sizes.saw(10_000);
    expect(sizes.rows('xa-1', 100, 500)).toBe(500);
    // An older version seen late does not move the head back.
    sizes.saw(50);
    expect(sizes.rows('xa-1', 9_990, 500)).toBe(10);
  });

  it('learns the share of versions a scope receives: a commune phone’s catch-up is not a full page', () => {
    const sizes = new PullSizeEstimate();
    sizes.saw(20_000);
    // A commune's phone received 100 of the 2,000 versions after its cursor (one in twenty).
    sizes.learn('xa-1', 18_000, 100, 19_990, true);
    // Its catch-up after 4,000 more versions: about 200 rows, not the 500 of a full page.
    sizes.saw(24_000);
    expect(sizes.rows('xa-1', 20_000, 500)).toBe(200);
    // A province officer's scope received all of them: a full page.
    sizes.learn('tinh', 18_000, 500, 18_500, false);
    expect(sizes.rows('tinh', 20_000, 500)).toBe(500);
    // A short pull right behind the head: a row or two.
    expect(sizes.rows('xa-1', 23_980, 500)).toBe(1);
  });

  it('learns from a page that was cut at its limit only the versions it covered', () => {
    const sizes = new PullSizeEstimate();
    sizes.saw(100_000);
    // 500 rows from 0 to 10,000, more left: one in twenty, whatever the head.
    sizes.learn('xa-2', 0, 500, 10_000, false);
    expect(sizes.rows('xa-2', 99_000, 1_000)).toBe(50);
  });

  it('follows a scope whose share changes, smoothing single pages', () => {
    const sizes = new PullSizeEstimate();
    sizes.saw(1_000);
    sizes.learn('xa-3', 0, 1_000, 1_000, true);
    sizes.saw(2_000);
    sizes.learn('xa-3', 1_000, 0, 1_000, true);
    const after = sizes.rows('xa-3', 0, 10_000);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(2_000);
    for (let i = 0; i < 20; i++) sizes.learn('xa-3', 1_000, 50, 1_990, true);
    expect(sizes.rows('xa-3', 0, 10_000)).toBeGreaterThanOrEqual(100);
    expect(sizes.rows('xa-3', 0, 10_000)).toBeLessThanOrEqual(110);
  });
});
