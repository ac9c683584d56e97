// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUnsynced } from '../../src/client/db/unsynced-count';
import {
  deleteActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { logOut } from '../../src/client/features/auth/auth-service';
import { backupTaken, createBackup } from '../../src/client/features/backup/model/create-backup';
import { sha256Hex } from '../../src/client/lib/sha256';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { jpegHeader } from '../server/support/jpeg-header';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient } from './support/sync-client';

// Logging out with unsynced data is refused (nobody would be there to sync it), unless the
// officer has just taken all of it off the phone in a backup file ("Sao lưu").
const ITERATIONS = 10_000;
const PASS = 'trời mưa to ở Rạch Giá';

let server: RealServer;
let lan: PublicUser;

beforeAll(async () => {
  server = await startRealServer();
  lan = await server.createUser({ username: 'lan', role: 'commune', unitCode: COMMUNE });
});
afterAll(async () => {
  await server.dispose();
});

const activityBy = (user: PublicUser, title: string) =>
  makeActivity('other', { authorId: user.id, authorName: user.displayName, title }, user.unitCode);

describe('logout and backups', () => {
  it('is refused while unsynced, allowed right after a backup, refused again after a change', async () => {
    const phone = await newClient(server, lan);
    const api = { baseUrl: server.baseUrl, fetch: phone.network.fetch };
    const first = activityBy(lan, 'Họp dân ấp 1');
    await saveActivity(phone.db, first);
    expect((await phone.engine.syncNow()).ok).toBe(true);
    phone.network.offline = true;
    // A record with a photo not uploaded yet: the photo is counted too.
    const bytes = new Uint8Array(5000).map((_, i) => i % 251);
    bytes.set(jpegHeader(800, 600));
    const sha256 = await sha256Hex(bytes);
    const meta = {
      sha256,
      mime: 'image/jpeg' as const,
      size: bytes.length,
      width: 800,
      height: 600,
      caption: 'Danh sách ký tên',
      signedSheet: true,
      addedAt: '2025-02-14T03:00:00.000Z',
    };
    await saveActivity(phone.db, { ...activityBy(lan, 'Tập huấn'), photos: [meta] } as Activity, {
      photos: [{ sha256, mime: 'image/jpeg', bytes: bytes.buffer }],
    });
    await deleteActivity(phone.db, first.id);
    expect(await logOut(phone.db, phone.token, api)).toEqual({ ok: false, unsynced: 2, photos: 1 });

    // A file made but never saved or shared (the officer cancelled): still refused.
    const cancelled = await createBackup(phone.db, lan, PASS, { iterations: ITERATIONS });
    expect(await logOut(phone.db, phone.token, api)).toEqual({ ok: false, unsynced: 2, photos: 1 });
    await backupTaken(phone.db, cancelled);
    // A change after the backup is not in the file: refused again.
    await saveActivity(phone.db, activityBy(lan, 'Sau khi sao lưu'));
    expect(await logOut(phone.db, phone.token, api)).toEqual({ ok: false, unsynced: 3, photos: 1 });
    expect(localStorage.length).toBe(0); // nothing queued for revocation

    await backupTaken(
      phone.db,
      await createBackup(phone.db, lan, PASS, { iterations: ITERATIONS }),
    );
    phone.network.offline = false;
    expect(await logOut(phone.db, phone.token, api)).toEqual({ ok: true, serverConfirmed: true });
    // The data stays on the phone: the same officer logging in again finds it.
    expect(await countUnsynced(phone.db)).toBe(3);
    // The server ended the session.
    await expect(server.activityChanges(phone.token)).rejects.toThrow(/401/);
  });
});
