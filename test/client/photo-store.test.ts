// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../src/client/db/app-db';
import type { PhotoBytes } from '../../src/client/db/photo-write';
import {
  PhotoBytesMissingError,
  deleteActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import {
  discardFormDraft,
  loadFormDraft,
  saveFormDraft,
} from '../../src/client/features/activities/store/form-draft-store';
import { keepAttachedPhoto as storeDraftPhoto } from '../../src/client/features/photos/store/photo-store';
import { applyPushResults } from '../../src/client/features/sync/engine/push-results';
import { sha256Hex } from '../../src/client/lib/sha256';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { ActivityPhoto } from '../../src/shared/photos/photo.schema';
import { makeDialogue } from './support/activity-fixtures';

let db: AppDb;
let n = 0;

beforeEach(() => {
  db = new AppDb(`photo-store-test-${++n}-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

/** A "photo": JPEG signature and distinct content (the store never decodes it). */
async function photoBytes(seed: number): Promise<PhotoBytes & { meta: ActivityPhoto }> {
  const bytes = new Uint8Array(3000 + seed);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 31 + seed * 7) % 251;
  const sha256 = await sha256Hex(bytes);
  const thumb = new Uint8Array([0xff, 0xd8, 0xff, seed]).buffer;
  return {
    sha256,
    mime: 'image/jpeg',
    bytes: bytes.buffer,
    thumb,
    meta: {
      sha256,
      mime: 'image/jpeg',
      size: bytes.byteLength,
      width: 1600,
      height: 1200,
      caption: `Ảnh ${seed}`,
      signedSheet: seed === 1,
      addedAt: '2025-02-14T03:00:00.000Z',
    },
  };
}

function withPhotos(activity: Activity, photos: ActivityPhoto[]): Activity {
  return { ...activity, photos } as Activity;
}

/** The server's answer to every pending outbox entry: applied, with increasing revs. */
async function acknowledgeAll(): Promise<void> {
  const batch = await db.outbox.toArray();
  await applyPushResults(
    db,
    batch,
    batch.map((e, i) => ({
      mutationId: e.mutationId,
      recordId: e.recordId,
      status: 'applied' as const,
      rev: 10 + i,
    })),
  );
}

describe('photos saved with their record', () => {
  it('stores the record, its outbox entry and the photo bytes together', async () => {
    const photo = await photoBytes(1);
    const a = withPhotos(makeDialogue(), [photo.meta]);
    await saveActivity(db, a, { photos: [photo] });

    const stored = await db.photos.get(photo.sha256);
    expect(stored).toMatchObject({ mime: 'image/jpeg', activityIds: [a.id], onServer: 0 });
    expect(new Uint8Array(stored!.bytes)).toEqual(new Uint8Array(photo.bytes));
    expect(await db.photoThumbs.get(photo.sha256)).toMatchObject({ mime: 'image/jpeg' });
    const [entry] = await db.outbox.toArray();
    expect((entry!.data as Activity).photos).toEqual([photo.meta]);
  });

  it('stores no photo when the outbox write fails (one transaction)', async () => {
    const photo = await photoBytes(2);
    db.outbox.hook('creating', () => {
      throw new Error('QuotaExceededError (simulated)');
    });
    await expect(
      saveActivity(db, withPhotos(makeDialogue(), [photo.meta]), { photos: [photo] }),
    ).rejects.toThrow(/Quota/);
    expect(await db.photos.count()).toBe(0);
    expect(await db.photoThumbs.count()).toBe(0);
    expect(await db.activities.count()).toBe(0);
  });

  it('refuses a record listing a new photo whose bytes are not on the phone, storing nothing', async () => {
    const photo = await photoBytes(3);
    await expect(saveActivity(db, withPhotos(makeDialogue(), [photo.meta]))).rejects.toThrow(
      PhotoBytesMissingError,
    );
    expect(await db.activities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses bytes that do not hash to the photo id', async () => {
    const photo = await photoBytes(4);
    const other = await photoBytes(5);
    const forged = { ...photo, bytes: other.bytes };
    await expect(
      saveActivity(db, withPhotos(makeDialogue(), [photo.meta]), { photos: [forged] }),
    ).rejects.toThrow(/hash/);
    expect(await db.photos.count()).toBe(0);
  });
});

describe('a draft keeps its photos', () => {
  it('finds the attached photo again after the database is reopened, and the save links it', async () => {
    const photo = await photoBytes(6);
    const a = makeDialogue();
    await storeDraftPhoto(db, a.id, photo);
    await saveFormDraft(db, {
      activityId: a.id,
      type: a.type,
      values: { ...a, photos: [photo.meta] },
      isNew: true,
    });
    const name = db.name;
    db.close();
    db = new AppDb(name);

    const draft = await loadFormDraft(db, a.id);
    expect((draft!.values as Activity).photos).toEqual([photo.meta]);
    const bytes = await db.photos.get(photo.sha256);
    expect(new Uint8Array(bytes!.bytes)).toEqual(new Uint8Array(photo.bytes));

    // Saving without passing the bytes again: they are already here.
    await saveActivity(db, withPhotos(a, [photo.meta]));
    expect(await loadFormDraft(db, a.id)).toBeUndefined();
    expect((await db.photos.get(photo.sha256))!.activityIds).toEqual([a.id]);
  });

  it('throws away the bytes of a discarded draft, but not of a photo another record lists', async () => {
    const own = await photoBytes(7);
    const shared = await photoBytes(8);
    const other = withPhotos(makeDialogue(), [shared.meta]);
    await saveActivity(db, other, { photos: [shared] });
    const a = makeDialogue();
    await storeDraftPhoto(db, a.id, own);
    await storeDraftPhoto(db, a.id, shared);
    await saveFormDraft(db, {
      activityId: a.id,
      type: a.type,
      values: { ...a, photos: [own.meta, shared.meta] },
      isNew: true,
    });

    await discardFormDraft(db, a.id);
    expect(await db.photos.get(own.sha256)).toBeUndefined();
    expect(await db.photoThumbs.get(own.sha256)).toBeUndefined();
    expect((await db.photos.get(shared.sha256))!.activityIds).toEqual([other.id]);
  });
});

describe('removing a photo', () => {
  it('keeps the bytes until the server acknowledged the record without it', async () => {
    const keep = await photoBytes(9);
    const drop = await photoBytes(10);
    const a = withPhotos(makeDialogue(), [keep.meta, drop.meta]);
    await saveActivity(db, a, { photos: [keep, drop] });
    await acknowledgeAll();
    expect(await db.photos.count()).toBe(2);

    const edited = await saveActivity(db, withPhotos(a, [keep.meta]));
    // A synced change like any other: an upsert without the photo.
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ op: 'upsert', baseRev: 10 });
    expect((entry!.data as Activity).photos).toEqual([keep.meta]);
    expect(edited.photos).toEqual([keep.meta]);
    expect(await db.photos.get(drop.sha256)).toBeDefined();

    await acknowledgeAll();
    expect(await db.photos.get(drop.sha256)).toBeUndefined();
    expect(await db.photos.get(keep.sha256)).toBeDefined();
  });

  it('keeps a photo an older queued change still lists, until that change is acknowledged too', async () => {
    const photo = await photoBytes(11);
    const a = withPhotos(makeDialogue(), [photo.meta]);
    await saveActivity(db, a, { photos: [photo] });
    await saveActivity(db, withPhotos(a, []));
    const [first] = await db.outbox.toArray();
    await applyPushResults(
      db,
      [first!],
      [{ mutationId: first!.mutationId, recordId: a.id, status: 'applied', rev: 3 }],
    );
    expect(await db.photos.get(photo.sha256)).toBeDefined();
    await acknowledgeAll();
    expect(await db.photos.get(photo.sha256)).toBeUndefined();
  });

  it('keeps the bytes while the server waits for them', async () => {
    const photo = await photoBytes(12);
    const a = withPhotos(makeDialogue(), [photo.meta]);
    await saveActivity(db, a, { photos: [photo] });
    const batch = await db.outbox.toArray();
    await applyPushResults(
      db,
      batch,
      batch.map((e) => ({
        mutationId: e.mutationId,
        recordId: e.recordId,
        status: 'waiting' as const,
        reason: 'Đang chờ ảnh',
        code: 'problem.photosMissing',
        missingPhotos: [photo.sha256],
      })),
    );
    expect(await db.outbox.count()).toBe(1);
    expect(await db.photos.get(photo.sha256)).toBeDefined();
  });

  it('releases the photos of a deleted record once the deletion is acknowledged', async () => {
    const photo = await photoBytes(13);
    const a = withPhotos(makeDialogue(), [photo.meta]);
    await saveActivity(db, a, { photos: [photo] });
    await acknowledgeAll();
    await deleteActivity(db, a.id);
    expect(await db.photos.get(photo.sha256)).toBeDefined();
    await acknowledgeAll();
    expect(await db.photos.get(photo.sha256)).toBeUndefined();
  });
});
