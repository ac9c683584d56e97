import { describe, expect, it } from 'vitest';
import { activitySchema } from '../../src/shared/activity/activity-record.schema';
import { newActivity } from '../../src/shared/activity/activity-factory';
import {
  activityPhotoSchema,
  photoHashesOf,
  type ActivityPhoto,
} from '../../src/shared/photos/photo.schema';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ACTIVITY } from '../../src/shared/photos/photo-limits';
import { toFieldErrors } from '../../src/shared/validation/field-errors';

const ctx = { communeCode: '30733', authorId: 'u1', authorName: 'Nguyễn Thị Lan' };
const hash = (n: number) => n.toString(16).padStart(64, '0');

function photo(n: number, overrides: Partial<ActivityPhoto> = {}): ActivityPhoto {
  return {
    sha256: hash(n),
    mime: 'image/jpeg',
    size: 250_000,
    width: 1600,
    height: 1200,
    caption: 'Danh sách ký tên buổi đối thoại',
    signedSheet: true,
    capturedAt: '2026-11-28T09:15:00+07:00',
    location: { lat: 10.0125, lng: 105.0809, accuracyM: 12 },
    addedAt: '2026-11-28T02:20:00.000Z',
    ...overrides,
  };
}

describe('activity photos (metadata in the record)', () => {
  it('accepts a record without photos (older records) and one with several', () => {
    const base = newActivity('community_talk', ctx);
    expect(activitySchema.safeParse(base).success).toBe(true);
    const withPhotos = { ...base, photos: [photo(1), photo(2, { signedSheet: false })] };
    const parsed = activitySchema.parse(withPhotos);
    expect(photoHashesOf(parsed)).toEqual([hash(1), hash(2)]);
    expect(parsed.photos?.[0]?.signedSheet).toBe(true);
  });

  it('keeps GPS and capture time optional', () => {
    const { location: _l, capturedAt: _c, ...bare } = photo(3);
    expect(activityPhotoSchema.safeParse(bare).success).toBe(true);
  });

  it('refuses a malformed hash, another type, an oversize or oversized photo', () => {
    for (const bad of [
      photo(1, { sha256: 'ABC' }),
      photo(1, { sha256: hash(1).toUpperCase().replace(/0/g, 'F') }),
      photo(1, { mime: 'image/png' as ActivityPhoto['mime'] }),
      photo(1, { size: MAX_PHOTO_BYTES + 1 }),
      photo(1, { width: 4000 }),
      photo(1, { location: { lat: 91, lng: 0 } }),
    ]) {
      expect(activityPhotoSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses the same photo twice and more than the maximum, with field errors', () => {
    const base = newActivity('community_talk', ctx);
    const twice = activitySchema.safeParse({ ...base, photos: [photo(1), photo(1)] });
    expect(twice.success).toBe(false);
    expect(toFieldErrors(twice.error!.issues)).toEqual([
      expect.objectContaining({ path: 'photos.1.sha256', code: 'validation.duplicatePhoto' }),
    ]);
    const many = Array.from({ length: MAX_PHOTOS_PER_ACTIVITY + 1 }, (_, i) => photo(i + 1));
    expect(activitySchema.safeParse({ ...base, photos: many }).success).toBe(false);
  });
});
