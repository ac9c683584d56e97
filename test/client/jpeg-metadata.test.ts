import { describe, expect, it } from 'vitest';
import {
  buildExifSegment,
  exifTimeToIso,
  readJpegMetadata,
  withExifSegment,
} from '../../src/client/features/photos/model/jpeg-metadata';

/** SOI, a baseline SOF0 of `width`×`height`, EOI: enough structure for the reader. */
function bareJpeg(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xd9,
  ]);
}

describe('JPEG metadata kept from a camera photo', () => {
  it('reads the pixel size from the frame header', () => {
    const meta = readJpegMetadata(bareJpeg(4000, 3000).buffer as ArrayBuffer);
    expect(meta).toMatchObject({ width: 4000, height: 3000 });
  });

  it('writes only capture time and (when allowed) GPS, and reads them back', () => {
    const at = '2026-11-28T02:15:30.000Z';
    const gps = { lat: 10.012345, lng: 105.080912 };
    const jpeg = withExifSegment(bareJpeg(1600, 1200), buildExifSegment(at, gps));
    const meta = readJpegMetadata(jpeg.buffer as ArrayBuffer);
    expect(meta.capturedAt).toBe(at);
    expect(meta.gps!.lat).toBeCloseTo(gps.lat, 5);
    expect(meta.gps!.lng).toBeCloseTo(gps.lng, 5);
    expect(meta).toMatchObject({ width: 1600, height: 1200 });

    const noGps = withExifSegment(bareJpeg(1600, 1200), buildExifSegment(at, undefined));
    const without = readJpegMetadata(noGps.buffer as ArrayBuffer);
    expect(without.capturedAt).toBe(at);
    expect(without.gps).toBeUndefined();
    expect(buildExifSegment(undefined, undefined)).toBeNull();
  });

  it('reads southern and western coordinates with their sign', () => {
    const jpeg = withExifSegment(
      bareJpeg(10, 10),
      buildExifSegment(undefined, { lat: -33.5, lng: -70.25 }),
    );
    const meta = readJpegMetadata(jpeg.buffer as ArrayBuffer);
    expect(meta.gps).toEqual({ lat: -33.5, lng: -70.25 });
  });

  it('turns EXIF times into ISO 8601, with the camera offset when it wrote one', () => {
    expect(exifTimeToIso('2024:05:01 09:15:00', '+07:00')).toBe('2024-05-01T02:15:00.000Z');
    expect(exifTimeToIso('0000:00:00 00:00:00')).toBeUndefined();
    expect(exifTimeToIso('not a time')).toBeUndefined();
  });

  it('ignores what is not a JPEG or a broken EXIF block', () => {
    expect(readJpegMetadata(new TextEncoder().encode('<svg/>').buffer as ArrayBuffer)).toEqual({});
    const broken = withExifSegment(
      bareJpeg(20, 10),
      new Uint8Array([0xff, 0xe1, 0x00, 0x0c, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a]),
    );
    expect(readJpegMetadata(broken.buffer as ArrayBuffer)).toMatchObject({ width: 20, height: 10 });
  });
});
