// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { listSyncNotices } from '../../src/client/features/sync/store/sync-notice-store';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import type { RealServer } from './support/real-server';
import { activityOf } from '../../src/client/db/activity-search';
import { newClient, type TestClient } from './support/sync-client';
import { activityBy, localCopy, startEngineWorld, type Other } from './support/sync-engine-world';

// Two phones editing the same record (sync-engine.test.ts has the rest of the engine): the
// merge keeps both edits, never overwrites a pending local one, and tells the officer.
let server: RealServer;
let lan: PublicUser; // commune officer of COMMUNE
let binh: PublicUser; // second officer of the same commune

beforeAll(async () => {
  ({ server, lan, binh } = await startEngineWorld());
});
afterAll(async () => {
  await server.dispose();
});

/**
 * Lan's record `fields`, saved on her phone and synced, then pulled by a second phone (hers, or
 * Bình's): the start of every concurrent edit below.
 */
async function bothPhonesHave(fields: Partial<Other>, secondOfficer: PublicUser) {
  const phone1 = await newClient(server, lan);
  const phone2 = await newClient(server, secondOfficer);
  const a = activityBy(lan, fields);
  await saveActivity(phone1.db, a);
  expect(await phone1.engine.syncNow()).toEqual({ ok: true });
  expect(await phone2.engine.syncNow()).toEqual({ ok: true });
  return { phone1, phone2, a };
}

/** A pull alone (as the sync cycle would start it), then a whole sync that succeeds. */
async function pullThenSync(phone: TestClient) {
  const { pullAll } = await import('../../src/client/features/sync/engine/sync-cycle');
  await pullAll(phone.db, {
    baseUrl: server.baseUrl,
    fetch: phone.network.fetch,
    token: phone.token,
  });
  expect(await phone.engine.syncNow()).toEqual({ ok: true });
}

describe('sync engine: concurrent edits of one record, against the real server', () => {
  it('never overwrites a pending local edit; the merge keeps both and tells the officer', async () => {
    const { phone1, phone2, a } = await bothPhonesHave(
      { title: 'Gốc', place: 'Nhà văn hóa ấp 1', notes: '' },
      lan,
    );

    // Phone 2 changes the place and the title; phone 1, offline, changes the notes and the title.
    const on2 = await localCopy(phone2.db, a.id);
    await saveActivity(phone2.db, { ...on2, place: 'Chùa Kh’mer ấp 2', title: 'Tiêu đề máy 2' });
    expect(await phone2.engine.syncNow()).toEqual({ ok: true });
    const on1 = await localCopy(phone1.db, a.id);
    await saveActivity(phone1.db, { ...on1, notes: 'Ghi chú máy 1', title: 'Tiêu đề máy 1' });

    // Pull alone must keep phone 1's unsynced edit.
    phone1.network.offline = false;
    const { pullAll } = await import('../../src/client/features/sync/engine/sync-cycle');
    await pullAll(phone1.db, {
      baseUrl: server.baseUrl,
      fetch: phone1.network.fetch,
      token: phone1.token,
    });
    expect(await getActivity(phone1.db, a.id)).toMatchObject({
      title: 'Tiêu đề máy 1',
      place: 'Nhà văn hóa ấp 1',
    });

    expect(await phone1.engine.syncNow()).toEqual({ ok: true });
    const merged = (await getActivity(phone1.db, a.id))!;
    expect(merged).toMatchObject({
      title: 'Tiêu đề máy 1', // the later write wins on the field both changed
      place: 'Chùa Kh’mer ấp 2', // phone 2's change is kept
      notes: 'Ghi chú máy 1',
      localMeta: { pendingMutations: 0 },
    });
    const [notice] = await listSyncNotices(phone1.db);
    expect(notice).toMatchObject({ kind: 'conflict', recordId: a.id });
    expect(notice!.conflicts).toEqual([
      expect.objectContaining({
        path: 'title',
        overwrittenValue: 'Tiêu đề máy 2',
        overwrittenBy: 'Nguyễn Thị Lan',
      }),
    ]);
    expect(await phone2.engine.syncNow()).toEqual({ ok: true });
    expect(await getActivity(phone2.db, a.id)).toMatchObject({
      title: 'Tiêu đề máy 1',
      place: 'Chùa Kh’mer ấp 2',
      notes: 'Ghi chú máy 1',
    });
  });

  it('catches up when a pull passed a newer version while its own answer was lost', async () => {
    // Found by the convergence property: the phone's push is applied but the answer is lost,
    // another phone edits on top, this phone pulls (skipping the record, which still has a
    // pending change) and the retry comes back "duplicate" with the older rev.
    const { phone1, phone2, a } = await bothPhonesHave({ title: 'Gốc' }, binh);

    await saveActivity(phone1.db, { ...(await localCopy(phone1.db, a.id)), title: 'Máy 1' });
    await saveActivity(phone2.db, { ...(await localCopy(phone2.db, a.id)), notes: 'Máy 2' });
    phone1.network.dropPushResponses = 1;
    expect((await phone1.engine.syncNow()).ok).toBe(false);
    expect(await phone2.engine.syncNow()).toEqual({ ok: true });
    await pullThenSync(phone1);

    const remote = (await server.activities(phone1.token)).get(a.id)!;
    expect(remote.data).toMatchObject({ title: 'Máy 1', notes: 'Máy 2' });
    const local = (await getActivity(phone1.db, a.id))!;
    expect(activityOf(local)).toEqual(remote.data);
    expect(local.localMeta).toMatchObject({ serverRev: remote.rev, pendingMutations: 0 });
    expect(local.localMeta.remote).toBeUndefined();
  });

  it('shows the merged record when its own lost answer was merged and the pull already saw it', async () => {
    // Found by the convergence property (seed -523141451): phone 2's title edit lands first;
    // phone 1's notes edit is merged on top but its answer is lost; phone 1 pulls (the merged
    // version, same rev as its own write) and the retry answers "duplicate" with that very rev.
    // The phone must show the merged record, not its own pre-merge copy — a later save from the
    // stale copy would silently undo phone 2's title.
    const { phone1, phone2, a } = await bothPhonesHave({ title: 'Gốc' }, binh);

    await saveActivity(phone2.db, { ...(await localCopy(phone2.db, a.id)), title: 'Máy 2' });
    await saveActivity(phone1.db, { ...(await localCopy(phone1.db, a.id)), notes: 'Máy 1' });
    expect(await phone2.engine.syncNow()).toEqual({ ok: true });
    phone1.network.dropPushResponses = 1;
    expect((await phone1.engine.syncNow()).ok).toBe(false);
    await pullThenSync(phone1);

    const remote = (await server.activities(phone1.token)).get(a.id)!;
    expect(remote.data).toMatchObject({ title: 'Máy 2', notes: 'Máy 1' });
    const local = (await getActivity(phone1.db, a.id))!;
    expect(activityOf(local)).toEqual(remote.data);
    expect(local.localMeta).toMatchObject({ serverRev: remote.rev, pendingMutations: 0 });

    // And the next edit from this phone keeps phone 2's title.
    await saveActivity(phone1.db, { ...(await localCopy(phone1.db, a.id)), place: 'Ấp 3' });
    expect(await phone1.engine.syncNow()).toEqual({ ok: true });
    const after = (await server.activities(phone1.token)).get(a.id)!;
    expect(after.data).toMatchObject({ title: 'Máy 2', notes: 'Máy 1', place: 'Ấp 3' });
  });

  it("learns a clean merge's result, so its next save keeps the other phone's change", async () => {
    // Found by the convergence property (seed -532091004): phone 1's title edit lands; phone 2's
    // place edit, based on the older version, is merged cleanly (no field both changed). The
    // answer must carry the merged record: had phone 2 kept its own copy (old title) as that
    // rev, its next save would send the old title back and undo phone 1's edit.
    const { phone1, phone2, a } = await bothPhonesHave({ title: 'Gốc', place: 'Ấp 1' }, binh);

    await saveActivity(phone1.db, { ...(await localCopy(phone1.db, a.id)), title: 'Máy 1' });
    await saveActivity(phone2.db, { ...(await localCopy(phone2.db, a.id)), place: 'Ấp 2' });
    const { pushOutbox } = await import('../../src/client/features/sync/engine/sync-cycle');
    const api = (p: TestClient) => ({
      baseUrl: server.baseUrl,
      fetch: p.network.fetch,
      token: p.token,
    });
    await pushOutbox(phone1.db, api(phone1));
    await pushOutbox(phone2.db, api(phone2)); // no pull in between
    expect(await getActivity(phone2.db, a.id)).toMatchObject({ title: 'Máy 1', place: 'Ấp 2' });
    expect(await listSyncNotices(phone2.db)).toEqual([]); // nothing was overwritten

    await saveActivity(phone2.db, { ...(await localCopy(phone2.db, a.id)), place: 'Ấp 3' });
    await pushOutbox(phone2.db, api(phone2));
    const remote = (await server.activities(phone1.token)).get(a.id)!;
    expect(remote.data).toMatchObject({ title: 'Máy 1', place: 'Ấp 3' });
  });
});
