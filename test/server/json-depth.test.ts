import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../src/server/http/json-body';

// Every request body is refused before parsing when it nests deeper than MAX_JSON_DEPTH; what is
// inside a string (brackets, quotes escaped or not, backslashes) never counts.
describe('jsonDepthExceeds', () => {
  const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('counts arrays and objects, and refuses one level past the limit', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDepthExceeds(`{"a":${'{"b":'.repeat(4)}1${'}'.repeat(5)}`, 4)).toBe(true);
    expect(jsonDepthExceeds(`{"a":[{"b":[1]}]}`, 4)).toBe(false);
  });

  it('does not count brackets inside strings, whatever their quotes and backslashes', () => {
    const strings = [
      `"${'['.repeat(50)}"`,
      `"a \\" [[[[[[ \\" b"`,
      `"\\\\"`,
      `"tail \\\\\\" [[[[[[[ "`,
      `"Họp \\"dân\\" {khu phố} [2]"`,
    ];
    for (const s of strings) {
      expect(JSON.parse(`[${s}]`)).toHaveLength(1);
      expect(jsonDepthExceeds(`[${s}, ${s}]`, 1)).toBe(false);
    }
    // A string ending in an escaped backslash closes there: the brackets after it count.
    expect(jsonDepthExceeds(`["\\\\", ${nested(3)}]`, 3)).toBe(true);
    expect(jsonDepthExceeds(`["\\\\", ${nested(2)}]`, 3)).toBe(false);
  });
});
