import { randomBytes } from 'node:crypto';

/**
 * The first bytes of a baseline JPEG of `width` × `height`: start of image, a frame header and
 * a scan header. What follows them stands for the compressed picture; the server reads the
 * markers up to the scan (its type and size check), never the picture itself.
 */
export function jpegHeader(width = 1600, height = 1200): Uint8Array {
  // prettier-ignore
  return new Uint8Array([
    0xff, 0xd8, // SOI
    0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff,
    0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, // SOF0, 3 components
    0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, // SOS
  ]);
}

/** `size` bytes the server takes for a JPEG of width × height: its headers, then random bytes. */
export function jpegLikeBytes(size: number, width?: number, height?: number): Buffer {
  const bytes = randomBytes(size);
  bytes.set(jpegHeader(width, height), 0);
  return bytes;
}
