// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityOf } from '../../src/client/db/activity-search';
import { searchRows } from '../../src/client/db/search-index';
import { countUnsynced } from '../../src/client/db/unsynced-count';
import { saveFormDraft } from '../../src/client/features/activities/store/form-draft-store';
import {
  getActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { applyPullPage, loadCursor } from '../../src/client/features/sync/engine/pull-apply';
import { SCOPE_SWEEP_KEY } from '../../src/client/features/sync/engine/scope-sweep';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import type { PullResponse } from '../../src/shared/sync/sync-protocol';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';

// Author-only sync on the phone, against the real server (SQLite, loopback HTTP): a province
// officer's phone that once held the whole province (its cursor made for the wider feed) takes
// the author-only feed, and the records it no longer syncs leave the phone — except anything
// not yet safely on the server.
let server: RealServer;
let lan: PublicUser; // commune officer
let tinh: PublicUser; // province officer

beforeAll(async () => {
  server = await startRealServer();
  lan = await server.createUser({
    username: 'lan',
    role: 'commune',
    unitCode: COMMUNE,
    displayName: 'Nguyễn Thị Lan',
  });
  tinh = await server.createUser({
    username: 'tinh',
    role: 'province',
    unitCode: '91',
    displayName: 'Lê Văn Tỉnh',
  });
});
afterAll(async () => {
  await server.dispose();
});

const by = (user: PublicUser, title: string) =>
  makeActivity('other', { authorId: user.id, authorName: user.displayName, title }) as Activity;

/** What the phone held before author-only sync: the whole province, read as a unit. */
async function pullWholeProvince(phone: TestClient): Promise<void> {
  let since = '0';
  for (;;) {
    const response = await fetch(
      `${server.baseUrl}/api/sync/pull?since=${since}&limit=1000&unit=91&geography=kien-giang-2024`,
      { headers: { authorization: `Bearer ${phone.token}` } },
    );
    const page = (await response.json()) as PullResponse;
    await applyPullPage(phone.db, page);
    since = page.cursor;
    if (!page.hasMore) return;
  }
}

describe('a province phone moving to author-only sync', () => {
  it('drops the records it no longer syncs, never unsynced work, and still pushes it', async () => {
    const lanPhone = await newClient(server, lan);
    const theirs = Array.from({ length: 6 }, (_, i) => by(lan, `Họp dân ${i}`));
    for (const a of theirs) await saveActivity(lanPhone.db, a);
    expect(await lanPhone.engine.syncNow()).toEqual({ ok: true });

    const phone = await newClient(server, tinh);
    const own = by(tinh, 'Đối thoại của tỉnh');
    await saveActivity(phone.db, own);
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    // The phone then held the province (as before this change): its cursor is for that feed.
    await pullWholeProvince(phone);
    expect(await phone.db.activities.count()).toBe(7);
    const wideCursor = await loadCursor(phone.db);

    // Unsynced work on records of others: an edit queued (the server will refuse it: a province
    // officer writes only their own records) and a draft being typed.
    const edited = { ...theirs[0]!, title: 'Sửa trên máy của tỉnh' } as Activity;
    await saveActivity(phone.db, edited);
    await saveFormDraft(phone.db, {
      activityId: theirs[1]!.id,
      type: 'other',
      values: { ...theirs[1], title: 'Đang gõ dở' },
      isNew: false,
    });
    const requests = phone.network.requests.length;

    expect(await phone.engine.syncNow()).toEqual({ ok: true });

    // The queued edit went to the server, which refused it; it stays, shown as refused.
    expect(phone.network.requests.slice(requests)).toContain('POST /api/sync/push');
    const outbox = await phone.db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ recordId: theirs[0]!.id, status: 'rejected' });
    expect(outbox[0]!.rejection?.reason).toBeTruthy();
    expect(await countUnsynced(phone.db)).toBeGreaterThan(0);
    // The feed restarted (author-only), and what it did not bring left the phone…
    expect(await loadCursor(phone.db)).not.toBe(wideCursor);
    expect(await phone.db.meta.get(SCOPE_SWEEP_KEY)).toBeUndefined();
    const left = (await phone.db.activities.toCollection().primaryKeys()).sort();
    expect(left).toEqual([own.id, theirs[0]!.id, theirs[1]!.id].sort());
    expect([...(await searchRows(phone.db))].map((r) => r.id).sort()).toEqual(left);
    // …except the edit (as typed) and the record with a draft; the own record is current.
    expect(activityOf((await getActivity(phone.db, theirs[0]!.id))!)).toMatchObject({
      title: 'Sửa trên máy của tỉnh',
    });
    expect(await phone.db.formDrafts.get(theirs[1]!.id)).toBeDefined();
    expect((await getActivity(phone.db, own.id))?.localMeta.serverRev).toBeGreaterThan(0);

    // The server still has Lan's records untouched, and the province still reads them.
    const history = await server.history(phone.token, theirs[0]!.id);
    expect(history.map((v) => v.data?.title)).toEqual(['Họp dân 0']);

    // Later syncs remove nothing more and keep pushing the refused edit only when saved again.
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect((await phone.db.activities.toCollection().primaryKeys()).sort()).toEqual(left);
    // Lan's phone, a commune phone, was never restarted and keeps its commune.
    expect(await lanPhone.engine.syncNow()).toEqual({ ok: true });
    expect(await lanPhone.db.activities.count()).toBe(7);
    phone.engine.stop();
    lanPhone.engine.stop();
  }, 60_000);

  it('a pending edit of an own record pushes and stays; nothing is swept without a restart', async () => {
    const phone = await newClient(server, tinh);
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    const ids = await phone.db.activities.toCollection().primaryKeys();
    // Only the officer's own record came (and none of Lan's seven).
    expect(ids).toHaveLength(1);
    const own = activityOf((await getActivity(phone.db, ids[0] as string))!);
    phone.network.offline = true;
    await saveActivity(phone.db, { ...own, title: 'Sửa ngoại tuyến' } as Activity);
    expect(await phone.engine.syncNow()).toMatchObject({ ok: false });
    phone.network.offline = false;
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect(await phone.db.outbox.count()).toBe(0);
    const history = await server.history(phone.token, own.id);
    expect(history.at(-1)?.data?.title).toBe('Sửa ngoại tuyến');
    expect(await phone.db.activities.count()).toBe(1);
    phone.engine.stop();
  }, 60_000);
});
