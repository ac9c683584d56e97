// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUnsynced } from '../../src/client/db/unsynced-count';
import {
  deleteActivity,
  getActivity,
  listActivities,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { listSyncNotices } from '../../src/client/features/sync/store/sync-notice-store';
import { COMMUNE, OTHER_COMMUNE } from './support/activity-fixtures';
import { SyncEngine } from '../../src/client/features/sync/engine/sync-engine';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import type { RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';
import {
  activityBy,
  localCopy,
  outbox,
  startEngineWorld,
  type Other,
  waitFor,
} from './support/sync-engine-world';

// The engine against the real server (buildApp, SQLite, loopback HTTP). Nothing of ours is
// replaced; only the wire between phone and server misbehaves when a test says so.
let server: RealServer;
let lan: PublicUser; // commune officer of COMMUNE
let binh: PublicUser; // second officer of the same commune
let other: PublicUser; // officer of another commune

beforeAll(async () => {
  ({ server, lan, binh, other } = await startEngineWorld());
});
afterAll(async () => {
  await server.dispose();
});

describe('sync engine against the real server', () => {
  it('keeps an offline queue, then drains it in batches with nothing lost or doubled', async () => {
    const phone = await newClient(server, lan, { maxBatch: 40 });
    phone.network.offline = true;
    const saved: Other[] = [];
    for (let i = 0; i < 100; i++) saved.push(activityBy(lan, { title: `Họp dân ${i}` }));
    for (const a of saved) await saveActivity(phone.db, a);

    const offline = await phone.engine.syncNow();
    expect(offline.ok).toBe(false);
    expect(phone.engine.getState()).toMatchObject({
      phase: 'waiting-retry',
      lastError: { kind: 'network' },
    });
    expect(await phone.db.outbox.count()).toBe(100);
    expect((await outbox(phone))[0]!.attempts).toBe(1);

    const progress: string[] = [];
    phone.engine.subscribe(
      (s) => s.progress && progress.push(`${s.progress.done}/${s.progress.total}`),
    );
    phone.network.offline = false;
    expect(await phone.engine.syncNow()).toEqual({ ok: true });

    expect(await phone.db.outbox.count()).toBe(0);
    expect(await countUnsynced(phone.db)).toBe(0);
    expect(progress).toEqual(expect.arrayContaining(['0/100', '40/100', '80/100', '100/100']));
    expect(phone.engine.getState()).toMatchObject({
      phase: 'idle',
      lastError: null,
      unsyncedCount: 0,
    });
    expect(phone.engine.getState().lastSyncedAt).not.toBeNull();
    const onServer = await server.activities(phone.token);
    for (const a of saved) {
      expect(onServer.get(a.id)?.data.title).toBe(a.title);
      // The acknowledged rev is kept with the record.
      expect((await getActivity(phone.db, a.id))!.localMeta.serverRev).toBe(
        onServer.get(a.id)!.rev,
      );
    }
  });

  it('replays a push whose answer was lost, across a server restart, without duplicates', async () => {
    const phone = await newClient(server, lan);
    const a = activityBy(lan, { title: 'Đối thoại ấp Rạch Sỏi' });
    const b = activityBy(lan, { title: 'Tuyên truyền loa' });
    await saveActivity(phone.db, a);
    await saveActivity(phone.db, b);

    phone.network.dropPushResponses = 1; // the server commits, the phone never hears back
    expect((await phone.engine.syncNow()).ok).toBe(false);
    expect(await phone.db.outbox.count()).toBe(2); // never dropped without an acknowledgement
    await server.stop();
    expect((await phone.engine.syncNow()).ok).toBe(false); // server down: still queued
    expect(await phone.db.outbox.count()).toBe(2);
    await server.restart();

    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect(await phone.db.outbox.count()).toBe(0);
    const changes = await server.activityChanges(phone.token);
    expect(changes.filter((c) => c.recordId === a.id)).toHaveLength(1);
    expect(changes.filter((c) => c.recordId === b.id)).toHaveLength(1);
    expect((await getActivity(phone.db, a.id))!.localMeta).toMatchObject({
      pendingMutations: 0,
      serverRev: changes.find((c) => c.recordId === a.id)!.rev,
    });
  });

  it('surfaces a refused record with the reason while the others apply, until it is fixed', async () => {
    const phone = await newClient(server, lan);
    const good1 = activityBy(lan, { title: 'Tốt 1' });
    const refused = activityBy(lan, { title: 'Sai xã', communeCode: OTHER_COMMUNE });
    const good2 = activityBy(lan, { title: 'Tốt 2' });
    for (const a of [good1, refused, good2]) await saveActivity(phone.db, a);

    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    const onServer = await server.activities(phone.token);
    expect(onServer.has(good1.id) && onServer.has(good2.id)).toBe(true);
    expect(onServer.has(refused.id)).toBe(false);

    const [entry, ...rest] = await outbox(phone);
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({ recordId: refused.id, status: 'rejected' });
    expect(entry!.rejection!.errors.map((e) => e.path)).toContain('communeCode');
    const notices = await listSyncNotices(phone.db);
    expect(notices).toMatchObject([
      { kind: 'rejected', recordId: refused.id, recordTitle: 'Sai xã' },
    ]);
    expect(notices[0]!.reason).toMatch(/\p{L}/u);
    expect(phone.engine.getState()).toMatchObject({ rejectedCount: 1, unsyncedCount: 1 });
    expect(await getActivity(phone.db, refused.id)).toMatchObject({ title: 'Sai xã' }); // kept locally

    // A later sync does not resend the refused mutation; fixing the record supersedes it.
    await saveActivity(phone.db, { ...refused, communeCode: COMMUNE, title: 'Đã sửa xã' });
    expect(await listSyncNotices(phone.db)).toEqual([]);
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await server.activities(phone.token)).get(refused.id)?.data.title).toBe('Đã sửa xã');
    expect(phone.engine.getState()).toMatchObject({ rejectedCount: 0, unsyncedCount: 0 });
  });

  it("pulls another device's records, edits and deletions — and only those the officer may see", async () => {
    const lanPhone = await newClient(server, lan);
    const binhPhone = await newClient(server, binh);
    const otherPhone = await newClient(server, other);
    const x = activityBy(binh, { title: 'Của Bình X', notes: 'Ghi chú của Đặng Văn Tư' });
    const y = activityBy(binh, { title: 'Của Bình Y' });
    const z = activityBy(other, { title: 'Xã khác' });
    await saveActivity(binhPhone.db, x);
    await saveActivity(binhPhone.db, y);
    await saveActivity(otherPhone.db, z);
    expect(await binhPhone.engine.syncNow()).toEqual({ ok: true });
    expect(await otherPhone.engine.syncNow()).toEqual({ ok: true });

    expect(await lanPhone.engine.syncNow()).toEqual({ ok: true });
    expect(await getActivity(lanPhone.db, x.id)).toMatchObject({
      title: 'Của Bình X',
      localMeta: { pendingMutations: 0 },
    });
    expect(await getActivity(lanPhone.db, z.id)).toBeUndefined();
    expect((await listActivities(lanPhone.db, { query: 'dang van tu' })).map((r) => r.id)).toEqual([
      x.id,
    ]);

    const binhX = await localCopy(binhPhone.db, x.id);
    await saveActivity(binhPhone.db, { ...binhX, title: 'Của Bình X (sửa)' });
    await deleteActivity(binhPhone.db, y.id);
    expect(await binhPhone.engine.syncNow()).toEqual({ ok: true });
    expect(await lanPhone.engine.syncNow()).toEqual({ ok: true });
    expect(await getActivity(lanPhone.db, x.id)).toMatchObject({ title: 'Của Bình X (sửa)' });
    expect(await getActivity(lanPhone.db, y.id)).toBeUndefined();
  });

  it('a new phone pulls in pages: every record once, its own offline one kept, search finds them at once', async () => {
    const binhPhone = await newClient(server, binh);
    const batch = Array.from({ length: 23 }, (_, i) =>
      activityBy(binh, { title: `Trang kéo ${i}`, notes: `Mã số phiếu ${i}` }),
    );
    for (const a of batch) await saveActivity(binhPhone.db, a);
    expect(await binhPhone.engine.syncNow()).toEqual({ ok: true });

    // Lan's new phone: one record saved offline before its first sync, then pages of 5.
    const newPhone = await newClient(server, lan, { pullLimit: 5 });
    newPhone.network.offline = true;
    const own = activityBy(lan, { title: 'Ghi khi chưa có mạng', notes: 'Ấp Giồng Kè' });
    await saveActivity(newPhone.db, own);
    newPhone.network.offline = false;
    expect(await newPhone.engine.syncNow()).toEqual({ ok: true });

    const onServer = await server.activities(newPhone.token);
    // Records deleted on the server before this phone saw them stay as local tombstones.
    const kept = async () =>
      (await newPhone.db.activities.toArray()).filter((r) => r.localMeta.deleted === 0).length;
    expect(await kept()).toBe(onServer.size);
    for (const [id, { rev }] of onServer) {
      expect((await getActivity(newPhone.db, id))?.localMeta.serverRev).toBe(rev);
    }
    expect(await getActivity(newPhone.db, own.id)).toMatchObject({
      title: own.title,
      localMeta: { pendingMutations: 0 },
    });
    // Right after the sync, without reloading: the search rows and the vocabulary follow.
    const found = await listActivities(newPhone.db, { query: 'ma so phieu 17' });
    expect(found.map((r) => r.id)).toEqual([batch[17]!.id]);
    expect((await listActivities(newPhone.db, { query: 'giong ke' })).map((r) => r.id)).toEqual([
      own.id,
    ]);

    // A later pull mixes a record the phone holds (edited elsewhere) with a new one.
    const edited = { ...(await localCopy(binhPhone.db, batch[3]!.id)), notes: 'Đã sửa nội dung' };
    const fresh = activityBy(binh, { title: 'Bản ghi mới sau', notes: 'Cầu Rạch Sỏi' });
    await saveActivity(binhPhone.db, edited);
    await saveActivity(binhPhone.db, fresh);
    expect(await binhPhone.engine.syncNow()).toEqual({ ok: true });
    expect(await newPhone.engine.syncNow()).toEqual({ ok: true });
    expect(await getActivity(newPhone.db, batch[3]!.id)).toMatchObject({
      notes: 'Đã sửa nội dung',
    });
    expect(
      (await listActivities(newPhone.db, { query: 'da sua noi dung' })).map((r) => r.id),
    ).toEqual([batch[3]!.id]);
    expect((await listActivities(newPhone.db, { query: 'cau rach soi' })).map((r) => r.id)).toEqual(
      [fresh.id],
    );
    expect(await kept()).toBe(onServer.size + 1);
  });

  it('right after login asks for the first page before the database opens, once; a phone with a cursor ignores it', async () => {
    const binhPhone = await newClient(server, binh);
    for (let i = 0; i < 7; i++)
      await saveActivity(binhPhone.db, activityBy(binh, { title: `Trang sớm ${i}` }));
    expect(await binhPhone.engine.syncNow()).toEqual({ ok: true });
    const onServer = await server.activities(binhPhone.token);

    // Records deleted on the server before this phone saw them stay as local tombstones.
    const kept = async (client: TestClient) =>
      (await client.db.activities.toArray()).filter((r) => r.localMeta.deleted === 0).length;
    // Which `since` each pull asked from (the phone's own wire, nothing replaced).
    const sinces: string[] = [];
    const recording = (client: TestClient) =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = new URL(String(input));
        if (url.pathname === '/api/sync/pull') sinces.push(url.searchParams.get('since')!);
        return client.network.fetch(input, init);
      }) as typeof fetch;
    const engineFor = (client: TestClient) =>
      new SyncEngine({
        db: client.db,
        userId: lan.id,
        token: client.token,
        api: { baseUrl: server.baseUrl, fetch: recording(client) },
        periodicMs: 0,
        pullLimit: 5,
        pullAtStart: true,
      });

    // A new phone just logged in: the first pull request leaves from start(), before any read
    // of the database (fake-indexeddb would otherwise answer first) — and is asked only once.
    const newPhone = await newClient(server, lan);
    const engine = engineFor(newPhone);
    engine.start();
    expect(newPhone.network.requests).toEqual(['GET /api/sync/pull']);
    await engine.whenIdle();
    engine.stop();
    expect(engine.getState()).toMatchObject({ phase: 'idle', lastError: null });
    expect(sinces.filter((since) => since === '0')).toEqual(['0']);
    expect(sinces.length).toBeGreaterThan(2);
    for (const [id, { rev }] of onServer) {
      expect((await getActivity(newPhone.db, id))?.localMeta.serverRev).toBe(rev);
    }
    expect(await kept(newPhone)).toBe(onServer.size);
    const cursor = (await newPhone.db.meta.get('syncCursor'))?.value as string;

    // A new login on the same phone (its data kept): the early page from the beginning is not
    // applied over its cursor; the sync goes on from where it was.
    const fresh = activityBy(binh, { title: 'Sau lần đăng nhập lại' });
    await saveActivity(binhPhone.db, fresh);
    expect(await binhPhone.engine.syncNow()).toEqual({ ok: true });
    sinces.length = 0;
    const again = engineFor(newPhone);
    again.start();
    await again.whenIdle();
    again.stop();
    expect(again.getState()).toMatchObject({ phase: 'idle', lastError: null });
    // The early ask from the beginning (ignored), then on from the saved cursor.
    expect(sinces.slice(0, 2)).toEqual(['0', cursor]);
    expect(sinces.filter((since) => since === '0')).toHaveLength(1);
    expect(await getActivity(newPhone.db, fresh.id)).toMatchObject({ title: fresh.title });
    expect(await kept(newPhone)).toBe(onServer.size + 1);
  });

  it('on 401 pauses sync and keeps every local record and queued change; a new login resumes', async () => {
    const phone = await newClient(server, lan);
    const a = activityBy(lan, { title: 'Trước khi hết hạn' });
    await saveActivity(phone.db, a);
    await server.revoke(phone.token);

    const result = await phone.engine.syncNow();
    expect(result.ok).toBe(false);
    expect(phone.expired).toBe(1);
    expect(phone.engine.getState().phase).toBe('session-expired');
    expect(await getActivity(phone.db, a.id)).toMatchObject({ title: 'Trước khi hết hạn' });
    expect(await phone.db.outbox.count()).toBe(1);
    // Work goes on offline while expired, and nothing is sent with the dead token.
    const requestsBefore = phone.network.requests.length;
    await saveActivity(phone.db, activityBy(lan, { title: 'Trong lúc hết hạn' }));
    expect((await phone.engine.syncNow()).ok).toBe(false);
    expect(phone.network.requests.length).toBe(requestsBefore);

    const fresh = await server.login('lan', 'same phone, new login');
    phone.engine.setToken(fresh);
    await phone.engine.whenIdle();
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await server.activities(fresh)).get(a.id)?.data.title).toBe('Trước khi hết hạn');
  });

  it('syncs by itself after a save and when the network comes back', async () => {
    const phone = await newClient(server, lan, { saveDebounceMs: 0, baseBackoffMs: 60_000 });
    phone.engine.start();
    try {
      await phone.engine.whenIdle();
      phone.network.offline = true;
      const a = await saveActivity(phone.db, activityBy(lan, { title: 'Tự đồng bộ' }));
      await waitFor(() => phone.engine.getState().phase === 'waiting-retry');
      expect(await countUnsynced(phone.db)).toBe(1);
      phone.network.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitFor(
        async () =>
          (await countUnsynced(phone.db)) === 0 && phone.engine.getState().phase === 'idle',
      );
      expect((await server.activities(phone.token)).has(a.id)).toBe(true);
    } finally {
      phone.engine.stop();
    }
  });
});
