// Writes the PWA icons (PNG) into public/ with nothing but node:zlib: a rounded green square,
// bold block letters "NK" (Nhật ký) and a yellow bar. Run: npx tsx scripts/generate-icons.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const BRAND: Rgba = [11, 93, 75, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const YELLOW: Rgba = [255, 204, 0, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

const GLYPHS: Record<string, string[]> = {
  N: ['10001', '11001', '11001', '10101', '10011', '10011', '10001'],
  K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'],
};

interface IconSpec {
  file: string;
  size: number;
  /** Maskable and Apple icons are full-bleed squares; "any" icons get rounded corners. */
  fullBleed: boolean;
  /** Scale of the letters and bar (maskable icons keep them inside the 80 % safe zone). */
  contentScale: number;
}

function colourAt(x: number, y: number, spec: IconSpec): Rgba {
  const s = spec.size;
  const u = x / s;
  const v = y / s;
  if (!spec.fullBleed) {
    const r = 0.18;
    const cx = Math.min(Math.max(u, r), 1 - r);
    const cy = Math.min(Math.max(v, r), 1 - r);
    if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return CLEAR;
  }
  // Content box in unit coordinates, centred: two 5×7 letters, a gap, a bar below.
  const cell = 0.0625 * spec.contentScale;
  const width = 11 * cell;
  const height = 7 * cell + cell + 0.75 * cell;
  const left = 0.5 - width / 2;
  const top = 0.5 - height / 2;
  const col = Math.floor((u - left) / cell);
  const row = Math.floor((v - top) / cell);
  if (row >= 0 && row < 7 && col >= 0 && col < 11 && col !== 5) {
    const glyph = GLYPHS[col < 5 ? 'N' : 'K']!;
    if (glyph[row]![col < 5 ? col : col - 6] === '1') return WHITE;
  }
  const barTop = top + 8 * cell;
  if (v >= barTop && v < barTop + 0.75 * cell && u >= left && u < left + width) return YELLOW;
  return BRAND;
}

function render(spec: IconSpec): Buffer {
  const { size } = spec;
  const samples = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples, spec);
          // Premultiply so transparent samples do not darken the edge.
          sum[0]! += c[0] * c[3];
          sum[1]! += c[1] * c[3];
          sum[2]! += c[2] * c[3];
          sum[3]! += c[3];
        }
      }
      const alpha = sum[3]!;
      const offset = y * (size * 4 + 1) + 1 + x * 4;
      raw[offset] = alpha ? Math.round(sum[0]! / alpha) : 0;
      raw[offset + 1] = alpha ? Math.round(sum[1]! / alpha) : 0;
      raw[offset + 2] = alpha ? Math.round(sum[2]! / alpha) : 0;
      raw[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return encodePng(size, size, raw);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width: number, height: number, raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS: IconSpec[] = [
  { file: 'pwa-192x192.png', size: 192, fullBleed: false, contentScale: 1 },
  { file: 'pwa-512x512.png', size: 512, fullBleed: false, contentScale: 1 },
  { file: 'maskable-icon-512x512.png', size: 512, fullBleed: true, contentScale: 0.8 },
  { file: 'apple-touch-icon.png', size: 180, fullBleed: true, contentScale: 0.9 },
  { file: 'favicon-48x48.png', size: 48, fullBleed: false, contentScale: 1.1 },
];

const out = join(import.meta.dirname, '..', 'public');
for (const spec of ICONS) {
  const png = render(spec);
  writeFileSync(join(out, spec.file), png);
  console.log(`${spec.file}: ${spec.size}×${spec.size}, ${png.length} bytes`);
}
