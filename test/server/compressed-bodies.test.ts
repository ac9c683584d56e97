import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CompressedBodies, KEPT_FROM_BYTES } from '../../src/server/http/compressed-bodies';

const gz = promisify(gzip);

/** A compressor that counts its calls. */
function counting() {
  const calls: number[] = [];
  return {
    calls,
    compress: async (body: Buffer) => {
      calls.push(body.length);
      return gz(body);
    },
  };
}

const page = (marker: string, size = KEPT_FROM_BYTES * 2) =>
  Buffer.from(`{"changes":[${`"${marker}",`.repeat(size / (marker.length + 3))}null]}`, 'utf8');

describe('compressed bodies: a page sent alike to many phones is compressed once', () => {
  it('compresses the same bytes once, even asked for together, and gives each its own', async () => {
    const cache = new CompressedBodies();
    const { calls, compress } = counting();
    const a = page('Vĩnh Thạnh');
    const b = page('Vĩnh Quang');
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => cache.compressed(a, 'gzip', compress)),
      cache.compressed(Buffer.from(a), 'gzip', compress), // same bytes, another buffer
      cache.compressed(b, 'gzip', compress),
    ]);
    expect(calls).toHaveLength(2);
    for (const answer of answers.slice(0, 6)) expect(gunzipSync(answer).equals(a)).toBe(true);
    expect(gunzipSync(answers[6]!).equals(b)).toBe(true);
    // Another encoding is another entry.
    await cache.compressed(a, 'br', compress);
    expect(calls).toHaveLength(3);
  });

  it('leaves small bodies alone and keeps within its budget', async () => {
    const { calls, compress } = counting();
    const small = Buffer.from('{"changes":[]}');
    const unbounded = new CompressedBodies();
    await unbounded.compressed(small, 'gzip', compress);
    await unbounded.compressed(small, 'gzip', compress);
    expect(calls).toHaveLength(2);
    expect(unbounded.size.entries).toBe(0);

    const one = (await gz(page('x0'))).length;
    const cache = new CompressedBodies(one * 2 + one / 2);
    for (const marker of ['x0', 'x1', 'x2']) await cache.compressed(page(marker), 'gzip', compress);
    expect(cache.size.entries).toBe(2);
    calls.length = 0;
    await cache.compressed(page('x0'), 'gzip', compress); // the oldest went first
    await cache.compressed(page('x2'), 'gzip', compress);
    expect(calls).toHaveLength(1);
  });

  it('by a page’s identity: built and compressed once, then neither built nor hashed', async () => {
    const cache = new CompressedBodies();
    const { calls, compress } = counting();
    const built: string[] = [];
    const build = (marker: string) => async () => (built.push(marker), page(marker));
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => cache.byIdentity('feed a|0|500', 'br', build('a'), compress)),
    );
    expect(built).toEqual(['a']);
    expect(calls).toHaveLength(1);
    for (const answer of answers) {
      expect('compressed' in answer && gunzipSync(answer.compressed).equals(page('a'))).toBe(true);
    }
    // Another identity, or another encoding, is another page.
    await cache.byIdentity('feed b|0|500', 'br', build('b'), compress);
    await cache.byIdentity('feed a|0|500', 'gzip', build('a'), compress);
    expect(built).toEqual(['a', 'b', 'a']);
    // A body too small to keep comes back to be sent as usual, and is not kept.
    const small = await cache.byIdentity('tiny', 'br', async () => Buffer.from('{}'), compress);
    expect(small).toEqual({ body: Buffer.from('{}') });
    expect(cache.size.entries).toBe(3);
  });

  it('forgets a compression that failed, so the next request tries again', async () => {
    const cache = new CompressedBodies();
    const body = page('lỗi');
    await expect(
      cache.compressed(body, 'gzip', async () => {
        throw new Error('zlib failed');
      }),
    ).rejects.toThrow('zlib failed');
    const { calls, compress } = counting();
    await cache.compressed(body, 'gzip', compress);
    expect(calls).toHaveLength(1);
  });
});
