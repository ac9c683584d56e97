import { describe, expect, it } from 'vitest';
import { CUT_FROM_ROWS, keptRows, roundest } from '../../src/server/modules/sync/pull-page-cut';

const range = (from: number, count: number, step = 1) =>
  Array.from({ length: count }, (_, i) => from + i * step);

describe('pull page cut', () => {
  it('finds the number with the most trailing zero bits in a range', () => {
    expect(roundest(50, 99)).toBe(64);
    expect(roundest(5, 7)).toBe(6);
    expect(roundest(7, 7)).toBe(7);
    expect(roundest(0, 3)).toBe(0);
    expect(roundest(1049, 1098)).toBe(1088);
    // Brute force over small ranges: the roundest is the one with the most trailing zeros.
    const zeros = (n: number) => (n === 0 ? 99 : Math.log2(n & -n));
    for (let from = 0; from < 70; from++) {
      for (let to = from; to < 140; to++) {
        const best = range(from, to - from + 1).reduce((a, b) => (zeros(b) > zeros(a) ? b : a));
        expect(roundest(from, to)).toBe(best);
      }
    }
  });

  it('leaves short pages whole', () => {
    expect(keptRows(range(1, CUT_FROM_ROWS - 1))).toBe(CUT_FROM_ROWS - 1);
  });

  it('ends a full page at its roundest version, keeping at least half of it', () => {
    expect(keptRows(range(1, 100))).toBe(64);
    expect(keptRows(range(1000, 100))).toBe(89); // up to 1088
    // Sparse versions (a commune's share of a province's feed): the rows at or below the end.
    const sparse = range(7, 500, 20);
    const kept = keptRows(sparse);
    expect(kept).toBeGreaterThanOrEqual(250);
    expect(kept).toBeLessThan(500);
    expect(sparse[kept - 1]).toBeLessThanOrEqual(roundest(sparse[249]!, sparse[499]! - 1));
    expect(sparse[kept]).toBeGreaterThan(roundest(sparse[249]!, sparse[499]! - 1));
  });

  it('makes readers starting from different cursors end their pages at the same version', () => {
    // Readers of one contiguous feed, each starting a few versions after the last: all of
    // them end their first page at version 64, so from there on they ask for the same pages.
    const ends = range(0, 14).map((start) => {
      const page = range(start + 1, 100);
      return page[keptRows(page) - 1];
    });
    expect(new Set(ends)).toEqual(new Set([64]));
    // …and pages that start from the same version are cut the same way.
    const next = range(65, 100);
    expect(next[keptRows(next) - 1]).toBe(128);
  });
});
