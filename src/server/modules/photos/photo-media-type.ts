import type { PhotoMimeType } from '../../../shared/photos/photo-limits';

/** The image type of a file from its first bytes (never from what the client claims). */
export function sniffPhotoType(head: Uint8Array): PhotoMimeType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return 'image/jpeg';
  }
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}
