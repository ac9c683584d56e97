// Reads what the app keeps of a camera JPEG — pixel size, orientation, capture time, GPS — and
// writes a minimal EXIF block (capture time, and GPS only when allowed) into the compressed copy.
// Everything else the camera wrote (maker notes, serial numbers, thumbnails…) is never copied.

export interface JpegMetadata {
  width?: number;
  height?: number;
  /** EXIF orientation 1–8 (5–8 swap width and height). */
  orientation?: number;
  /** ISO 8601 with offset when the camera wrote one, else in the phone's local time zone. */
  capturedAt?: string;
  gps?: { lat: number; lng: number };
}

const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Reads the metadata of a JPEG; anything malformed is simply left out. */
export function readJpegMetadata(buffer: ArrayBuffer): JpegMetadata {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const result: JpegMetadata = {};
  if (!isJpeg(bytes)) return result;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan
    const length = view.getUint16(at + 2);
    const start = at + 4;
    if (marker === 0xe1 && readAscii(bytes, start, 6) === 'Exif\0\0') {
      try {
        Object.assign(result, readExif(view, start + 6, start + length - 2));
      } catch {
        // a broken EXIF block only loses its metadata
      }
    } else if (SOF_MARKERS.has(marker) && start + 5 <= bytes.length) {
      result.height = view.getUint16(start + 1);
      result.width = view.getUint16(start + 3);
    }
    at = start + length - 2;
  }
  return result;
}

function readAscii(bytes: Uint8Array, from: number, length: number): string {
  let text = '';
  for (let i = from; i < from + length && i < bytes.length; i++) {
    text += String.fromCharCode(bytes[i]!);
  }
  return text;
}

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Offset of the value (inline or pointed to), from the start of the file. */
  valueAt: number;
}

function readExif(view: DataView, tiff: number, end: number): JpegMetadata {
  const little = view.getUint16(tiff) === 0x4949;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const sizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };
  const ifd = (offset: number): Map<number, Entry> => {
    const entries = new Map<number, Entry>();
    const at = tiff + offset;
    if (offset <= 0 || at + 2 > end) return entries;
    const count = u16(at);
    for (let i = 0; i < count; i++) {
      const e = at + 2 + i * 12;
      if (e + 12 > end) break;
      const type = u16(e + 2);
      const n = u32(e + 4);
      const size = (sizes[type] ?? 1) * n;
      entries.set(u16(e), {
        tag: u16(e),
        type,
        count: n,
        valueAt: size <= 4 ? e + 8 : tiff + u32(e + 8),
      });
    }
    return entries;
  };
  const ascii = (entry: Entry | undefined) => {
    if (!entry || entry.valueAt + entry.count > end) return undefined;
    return readAscii(new Uint8Array(view.buffer), entry.valueAt, entry.count).replace(/\0+$/, '');
  };
  const rationals = (entry: Entry | undefined) => {
    if (!entry || entry.type !== 5 || entry.valueAt + entry.count * 8 > end) return undefined;
    return Array.from({ length: entry.count }, (_, i) => {
      const d = u32(entry.valueAt + i * 8 + 4);
      return d === 0 ? 0 : u32(entry.valueAt + i * 8) / d;
    });
  };

  const result: JpegMetadata = {};
  const ifd0 = ifd(u32(tiff + 4));
  const orientation = ifd0.get(0x0112);
  if (orientation) result.orientation = u16(orientation.valueAt);
  const exifPointer = ifd0.get(0x8769);
  const exif = exifPointer ? ifd(u32(exifPointer.valueAt)) : new Map<number, Entry>();
  const taken = ascii(exif.get(0x9003)) ?? ascii(ifd0.get(0x0132));
  const capturedAt = taken ? exifTimeToIso(taken, ascii(exif.get(0x9011))) : undefined;
  if (capturedAt) result.capturedAt = capturedAt;

  const gpsPointer = ifd0.get(0x8825);
  if (gpsPointer) {
    const gps = ifd(u32(gpsPointer.valueAt));
    const lat = rationals(gps.get(2));
    const lng = rationals(gps.get(4));
    if (lat?.length === 3 && lng?.length === 3) {
      const degrees = ([d, m, s]: number[]) => d! + m! / 60 + s! / 3600;
      const latSign = ascii(gps.get(1)) === 'S' ? -1 : 1;
      const lngSign = ascii(gps.get(3)) === 'W' ? -1 : 1;
      const point = { lat: latSign * degrees(lat), lng: lngSign * degrees(lng) };
      if (Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180 && (point.lat || point.lng)) {
        result.gps = point;
      }
    }
  }
  return result;
}

/** "2024:05:01 09:15:00" (+ "+07:00") → ISO 8601; without an offset, the phone's local time. */
export function exifTimeToIso(value: string, offset?: string): string | undefined {
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  if (!y || y < 1990 || mo! < 1 || mo! > 12 || d! < 1 || d! > 31) return undefined;
  if (offset && /^[+-]\d{2}:\d{2}$/.test(offset)) {
    const pad = (n: number) => String(n).padStart(2, '0');
    const text = `${y}-${pad(mo!)}-${pad(d!)}T${pad(h!)}:${pad(mi!)}:${pad(s!)}${offset}`;
    const time = Date.parse(text);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  }
  const local = new Date(y, mo! - 1, d!, h!, mi!, s!);
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}

/**
 * An APP1 EXIF segment holding only DateTimeOriginal (+ OffsetTimeOriginal, UTC) and, when
 * given, the GPS position. Big-endian TIFF.
 */
export function buildExifSegment(
  capturedAt: string | undefined,
  gps?: { lat: number; lng: number },
): Uint8Array | null {
  if (!capturedAt && !gps) return null;
  const out: number[] = [];
  const u16 = (n: number) => out.push((n >> 8) & 0xff, n & 0xff);
  const u32 = (n: number) =>
    out.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const text = (s: string) => Array.from(s + '\0', (c) => c.charCodeAt(0));

  const time = capturedAt ? new Date(capturedAt) : null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const exifTime = time
    ? `${time.getUTCFullYear()}:${pad(time.getUTCMonth() + 1)}:${pad(time.getUTCDate())} ${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())}`
    : '';

  // Layout (offsets from the TIFF header): header 8, IFD0, Exif IFD, GPS IFD, then data.
  const ifd0Count = (time ? 1 : 0) + (gps ? 1 : 0);
  const ifd0Size = 2 + ifd0Count * 12 + 4;
  const exifSize = time ? 2 + 2 * 12 + 4 : 0;
  const gpsSize = gps ? 2 + 4 * 12 + 4 : 0;
  const exifAt = 8 + ifd0Size;
  const gpsAt = exifAt + exifSize;
  const dataAt = gpsAt + gpsSize;
  const data: number[] = [];
  const putData = (bytes: number[]) => {
    const at = dataAt + data.length;
    data.push(...bytes);
    if (data.length % 2) data.push(0);
    return at;
  };
  const entry = (
    tag: number,
    type: number,
    count: number,
    value: number,
    inlineBytes?: number[],
  ) => {
    u16(tag);
    u16(type);
    u32(count);
    if (inlineBytes) {
      const padded = [...inlineBytes, 0, 0, 0, 0].slice(0, 4);
      out.push(...padded);
    } else u32(value);
  };
  const rational3 = (value: number) => {
    const abs = Math.abs(value);
    const d = Math.floor(abs);
    const m = Math.floor((abs - d) * 60);
    const s = Math.round(((abs - d) * 60 - m) * 60 * 10000);
    const bytes: number[] = [];
    for (const [n, q] of [
      [d, 1],
      [m, 1],
      [s, 10000],
    ] as const) {
      bytes.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
      bytes.push((q >>> 24) & 0xff, (q >>> 16) & 0xff, (q >>> 8) & 0xff, q & 0xff);
    }
    return bytes;
  };

  out.push(0x4d, 0x4d); // "MM"
  u16(42);
  u32(8);
  u16(ifd0Count);
  if (time) entry(0x8769, 4, 1, exifAt);
  if (gps) entry(0x8825, 4, 1, gpsAt);
  u32(0);
  if (time) {
    u16(2);
    entry(0x9003, 2, 20, putData(text(exifTime)));
    entry(0x9011, 2, 7, putData(text('+00:00')));
    u32(0);
  }
  if (gps) {
    u16(4);
    entry(1, 2, 2, 0, text(gps.lat < 0 ? 'S' : 'N'));
    entry(2, 5, 3, putData(rational3(gps.lat)));
    entry(3, 2, 2, 0, text(gps.lng < 0 ? 'W' : 'E'));
    entry(4, 5, 3, putData(rational3(gps.lng)));
    u32(0);
  }
  const tiff = [...out, ...data];
  const payload = [...text('Exif'), 0, ...tiff]; // "Exif\0\0"
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, (length >> 8) & 0xff, length & 0xff, ...payload]);
}

/** The JPEG with `segment` inserted right after SOI, dropping any APPn the encoder wrote but JFIF. */
export function withExifSegment(jpeg: Uint8Array, segment: Uint8Array | null): Uint8Array {
  if (!segment || !isJpeg(jpeg)) return jpeg;
  const result = new Uint8Array(jpeg.length + segment.length);
  result.set(jpeg.subarray(0, 2), 0);
  result.set(segment, 2);
  result.set(jpeg.subarray(2), 2 + segment.length);
  return result;
}
