import { describe, expect, it } from 'vitest';
import { inspectPhoto } from '../../src/server/modules/photos/photo-media-type';
import { jpegHeader } from './support/jpeg-header';

// What the server accepts as a photo (issue 12: "the server checks what it stores"): the type
// and the size in pixels read from the file's own structure, whatever the client says.

const bytes = (...parts: (number[] | Uint8Array | string)[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );
const u16le = (n: number) => [n & 0xff, n >> 8];
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16];
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
const inspect = (file: Buffer) => inspectPhoto(file, file.length);

/** A WebP file: RIFF header whose length is the file's, one image chunk. */
function webp(chunk: string, payload: number[], total = 64): Buffer {
  const body = bytes(chunk, u32le(payload.length), payload);
  const padded = Buffer.concat([body, Buffer.alloc(Math.max(0, total - 12 - body.length))]);
  return bytes('RIFF', u32le(padded.length + 4), 'WEBP', padded);
}

describe('inspectPhoto', () => {
  it('reads a JPEG’s size from its frame header, after the EXIF block the app writes', () => {
    expect(inspect(bytes(jpegHeader(1600, 1200), [1, 2, 3]))).toEqual({
      mime: 'image/jpeg',
      width: 1600,
      height: 1200,
    });
    const header = jpegHeader(900, 1600);
    const exif = [0xff, 0xe1, 0x00, 0x0a, ...Buffer.from('Exif\0\0MM')];
    const withExif = bytes(header.subarray(0, 2), exif, header.subarray(2), [9, 9]);
    expect(inspect(withExif)).toEqual({ mime: 'image/jpeg', width: 900, height: 1600 });
    // A progressive frame (SOF2) and fill bytes before a marker are JPEG too.
    const progressive = Buffer.from(jpegHeader(640, 480));
    progressive[3] = 0xc2;
    expect(
      inspect(bytes(progressive.subarray(0, 2), [0xff], progressive.subarray(2))),
    ).toMatchObject({ width: 640, height: 480 });
  });

  it('refuses what only starts like a JPEG, or has no frame before its scan, or is cut short', () => {
    expect(inspect(bytes([0xff, 0xd8, 0xff, 0xe0], Buffer.alloc(500, 7)))).toBeNull();
    const header = Buffer.from(jpegHeader());
    const noFrame = bytes(header.subarray(0, 2), header.subarray(21));
    expect(inspect(noFrame)).toBeNull();
    expect(inspect(header.subarray(0, 12))).toBeNull();
    const zeroWidth = Buffer.from(jpegHeader(0, 10));
    expect(inspect(zeroWidth)).toBeNull();
    expect(inspect(bytes([0x89], 'PNG\r\n\x1a\n', Buffer.alloc(100)))).toBeNull();
    expect(inspect(Buffer.from('<html>not a photo</html>'))).toBeNull();
  });

  it('reads the three kinds of WebP and refuses a RIFF header glued to other bytes', () => {
    const lossy = webp('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(1600), ...u16le(1067)]);
    expect(inspect(lossy)).toEqual({ mime: 'image/webp', width: 1600, height: 1067 });
    const bits = (1599 & 0x3fff) | ((899 & 0x3fff) << 14);
    const lossless = webp('VP8L', [0x2f, ...u32le(bits)]);
    expect(inspect(lossless)).toEqual({ mime: 'image/webp', width: 1600, height: 900 });
    const extended = webp('VP8X', [0, 0, 0, 0, ...u24le(1199), ...u24le(1599)]);
    expect(inspect(extended)).toEqual({ mime: 'image/webp', width: 1200, height: 1600 });

    expect(inspectPhoto(lossy, lossy.length + 100)).toBeNull();
    expect(inspect(webp('VP8 ', [0, 0, 0, 1, 2, 3, ...u16le(10), ...u16le(10)]))).toBeNull();
    expect(inspect(webp('ICCP', [1, 2, 3, 4]))).toBeNull();
  });
});
