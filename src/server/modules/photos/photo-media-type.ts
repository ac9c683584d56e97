import type { PhotoMimeType } from '../../../shared/photos/photo-limits';

// What an uploaded file really is, from its bytes (never from what the client claims): a JPEG
// whose markers lead to a frame header and a scan, or a WebP whose RIFF container is this file
// and whose first chunk is an image. The frame header gives the size in pixels, which the
// server holds to the app's compression limit.

export interface PhotoShape {
  mime: PhotoMimeType;
  width: number;
  height: number;
}

/**
 * How many first bytes the check reads at most. The segments before a JPEG's frame header are
 * the app's small EXIF block (capture time, GPS) and the encoder's tables: a few kB.
 */
export const PHOTO_HEAD_BYTES = 256 * 1024;

/** Frame headers (SOF0–SOF15 but DHT, JPG and DAC), which carry the picture's size. */
const FRAME_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);
const START_OF_SCAN = 0xda;

function jpegShape(b: Uint8Array): PhotoShape | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let frame: { width: number; height: number } | null = null;
  let at = 2;
  for (;;) {
    if (at + 4 > b.length || b[at] !== 0xff) return null;
    let marker = b[at + 1]!;
    while (marker === 0xff && at + 5 < b.length) marker = b[++at + 1]!; // fill bytes
    // Restart markers have no length; an end, a second start or a stuffed byte here is broken.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9 || marker === 0x00) return null;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (length < 2) return null;
    if (FRAME_MARKERS.has(marker)) {
      if (frame || length < 8 || at + 9 > b.length) return null;
      const height = (b[at + 5]! << 8) | b[at + 6]!;
      const width = (b[at + 7]! << 8) | b[at + 8]!;
      if (width === 0 || height === 0) return null;
      frame = { width, height };
    }
    if (marker === START_OF_SCAN) return frame ? { mime: 'image/jpeg', ...frame } : null;
    at += 2 + length;
  }
}

function webpShape(b: Uint8Array, size: number): PhotoShape | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length < 30 || ascii(0, 4) !== 'RIFF' || ascii(8, 12) !== 'WEBP') return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The container's length must be this file's: not a WebP header glued to something else.
  if (view.getUint32(4, true) + 8 !== size) return null;
  const chunk = ascii(12, 16);
  let width: number;
  let height: number;
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    width = view.getUint16(26, true) & 0x3fff;
    height = view.getUint16(28, true) & 0x3fff;
  } else if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return null;
    const bits = view.getUint32(21, true);
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
  } else if (chunk === 'VP8X') {
    width = 1 + (view.getUint32(24, true) & 0xffffff);
    height = 1 + (view.getUint32(27, true) & 0xffffff);
  } else {
    return null;
  }
  if (width === 0 || height === 0) return null;
  return { mime: 'image/webp', width, height };
}

/** The photo's type and size in pixels from its first bytes (`head`) and length, or null. */
export function inspectPhoto(head: Uint8Array, size: number): PhotoShape | null {
  return jpegShape(head) ?? webpShape(head, size);
}
