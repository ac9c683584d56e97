// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDb, openAppDb } from '../../src/client/db/app-db';
import { searchRows } from '../../src/client/db/search-index';
import { countUnsynced } from '../../src/client/db/unsynced-count';
import {
  ActivityValidationError,
  countActivities,
  deleteActivity,
  getActivity,
  listActivities,
  saveActivity,
  summariseMonth,
} from '../../src/client/features/activities/store/activity-store';
import {
  listFormDrafts,
  loadFormDraft,
  saveFormDraft,
} from '../../src/client/features/activities/store/form-draft-store';
import { loadAdminUnitTree } from '../../src/client/features/admin-units/store/admin-unit-store';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { COMMUNE, makeActivity, makeDialogue } from './support/activity-fixtures';

let db: AppDb;
let n = 0;

beforeEach(() => {
  db = new AppDb(`repo-test-${++n}-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('saveActivity', () => {
  it('stores the record and exactly one outbox entry carrying the whole record', async () => {
    const a = makeDialogue();
    const saved = await saveActivity(db, a);
    expect(saved.localMeta).toMatchObject({
      serverRev: null,
      pendingMutations: 1,
      deleted: 0,
      month: '2025-02',
    });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      recordId: a.id,
      op: 'upsert',
      baseRev: null,
      status: 'pending',
    });
    expect(outbox[0]!.data).toMatchObject({ id: a.id, topic: a.topic });
    expect(await countUnsynced(db)).toBe(1);
  });

  it('writes neither the record nor the outbox entry when the transaction fails midway', async () => {
    const a = makeDialogue();
    // A failure after the record is written (e.g. quota exceeded on the outbox write).
    db.outbox.hook('creating', () => {
      throw new Error('QuotaExceededError (simulated)');
    });
    await expect(saveActivity(db, a)).rejects.toThrow(/Quota/);
    expect(await db.activities.get(a.id)).toBeUndefined();
    expect([...(await searchRows(db))].map((r) => r.id)).not.toContain(a.id);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps the earlier version and its form draft when a later save fails', async () => {
    const a = makeDialogue({ topic: 'Lần một' });
    await saveActivity(db, a);
    await saveFormDraft(db, {
      activityId: a.id,
      type: 'dialogue',
      values: { topic: 'Lần hai' },
      isNew: false,
    });
    db.outbox.hook('creating', () => {
      throw new Error('boom');
    });
    await expect(saveActivity(db, { ...a, topic: 'Lần hai' })).rejects.toThrow('boom');
    expect((await getActivity(db, a.id)) as { topic: string }).toMatchObject({ topic: 'Lần một' });
    expect(await db.outbox.count()).toBe(1);
    expect(await loadFormDraft(db, a.id)).toMatchObject({ values: { topic: 'Lần hai' } });
  });

  it('rejects an invalid record with message keys and stores nothing', async () => {
    const a = makeActivity('other', {
      participants: {
        total: 5,
        female: 9,
        khmer: 0,
        hoa: 0,
        otherMinority: 0,
        poor: 0,
        nearPoor: 0,
        newlyOutOfPoverty: 0,
        officials: 0,
      },
    });
    const error = await saveActivity(db, a).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivityValidationError);
    expect((error as ActivityValidationError).fieldErrors).toContainEqual({
      path: 'participants.female',
      messageKey: 'validation.exceedsTotal',
    });
    expect(await db.activities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('removes the form draft in the same save and queues every edit in order', async () => {
    const a = makeDialogue();
    await saveFormDraft(db, {
      activityId: a.id,
      type: 'dialogue',
      values: { topic: 'x' },
      isNew: true,
    });
    await saveActivity(db, a);
    expect(await loadFormDraft(db, a.id)).toBeUndefined();
    await saveActivity(db, { ...a, topic: 'Sửa lại' });
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => (e.data as { topic: string }).topic)).toEqual([a.topic, 'Sửa lại']);
    expect((await getActivity(db, a.id))!.localMeta.pendingMutations).toBe(2);
  });

  it('stamps updatedAt at save time', async () => {
    const a = makeDialogue();
    const saved = await saveActivity(db, a, { now: Date.parse('2025-03-05T10:00:00Z') });
    expect(saved.updatedAt).toBe('2025-03-05T10:00:00.000Z');
    expect(saved.createdAt).toBe(a.createdAt);
  });
});

describe('deleteActivity', () => {
  it('hides the record and queues a delete based on the acknowledged rev', async () => {
    const a = makeDialogue();
    await saveActivity(db, a);
    await db.activities.update(a.id, { 'localMeta.serverRev': 7 });
    expect(await deleteActivity(db, a.id)).toBe(true);
    expect(await getActivity(db, a.id)).toBeUndefined();
    expect(await listActivities(db)).toHaveLength(0);
    expect(await countActivities(db)).toBe(0);
    expect(await countActivities(db, { month: a.date.slice(0, 7) })).toBe(0);
    const last = (await db.outbox.orderBy('seq').toArray()).at(-1)!;
    expect(last).toMatchObject({ op: 'delete', baseRev: 7, data: null, recordId: a.id });
    expect(await countUnsynced(db)).toBe(1);
    expect(await deleteActivity(db, a.id)).toBe(false);
  });
});

describe('listActivities', () => {
  it('finds records without diacritics, in any field an officer remembers', async () => {
    const dialogue = makeDialogue({ topic: 'Đối thoại với hộ nghèo ấp Rạch Sỏi' });
    const talk = makeActivity('community_talk', { topic: 'Sinh kế', speaker: 'Đặng Văn Lợi' });
    const withAttendee = makeActivity('other', {
      title: 'Họp dân',
      attendanceMode: 'list',
      participants: {
        total: 1,
        female: 1,
        khmer: 1,
        hoa: 0,
        otherMinority: 0,
        poor: 1,
        nearPoor: 0,
        newlyOutOfPoverty: 0,
        officials: 0,
      },
      attendees: [
        {
          id: 'p1',
          fullName: 'Thạch Thị Sà Rênh',
          sex: 'female',
          birthYear: 1980,
          ethnicity: 'khmer',
          householdCategory: 'poor',
          isOfficial: false,
        },
      ],
    });
    for (const a of [dialogue, talk, withAttendee]) await saveActivity(db, a);

    expect((await listActivities(db, { query: 'doi thoai' })).map((a) => a.id)).toEqual([
      dialogue.id,
    ]);
    expect((await listActivities(db, { query: 'DANG' })).map((a) => a.id).sort()).toEqual(
      [dialogue.id, talk.id].sort(), // chair "Đặng Thị Hoa", speaker "Đặng Văn Lợi"
    );
    expect((await listActivities(db, { query: 'sa renh' })).map((a) => a.id)).toEqual([
      withAttendee.id,
    ]);
    expect((await listActivities(db, { query: 'vinh thanh van' })).length).toBe(3); // commune name
    expect(await listActivities(db, { query: 'doi thoai sinh ke' })).toEqual([]);
  });

  it('lists newest first and filters by type and month', async () => {
    const jan = makeActivity('other', { title: 'A', date: '2025-01-10' });
    const febEarly = makeActivity('training', { topic: 'B', date: '2025-02-02' });
    const febLate = makeActivity('other', { title: 'C', date: '2025-02-20' });
    const febLateSecond = makeActivity('other', { title: 'D', date: '2025-02-20' });
    for (const a of [febLate, jan, febLateSecond, febEarly]) await saveActivity(db, a);

    const titles = (rows: { id: string }[]) =>
      rows.map((r) => [jan, febEarly, febLate, febLateSecond].find((a) => a.id === r.id)!.date);
    expect((await listActivities(db)).map((r) => r.id)).toEqual([
      febLateSecond.id, // same day: created later comes first
      febLate.id,
      febEarly.id,
      jan.id,
    ]);
    expect(titles(await listActivities(db, { month: '2025-02' }))).toEqual([
      '2025-02-20',
      '2025-02-20',
      '2025-02-02',
    ]);
    expect((await listActivities(db, { type: 'training' })).map((r) => r.id)).toEqual([
      febEarly.id,
    ]);
    expect(
      (await listActivities(db, { type: 'other', month: '2025-01' })).map((r) => r.id),
    ).toEqual([jan.id]);
    expect((await listActivities(db, { limit: 2, offset: 1 })).map((r) => r.id)).toEqual([
      febLate.id,
      febEarly.id,
    ]);
    expect(await countActivities(db, { month: '2025-02' })).toBe(3);
    expect(await summariseMonth(db, '2025-02')).toMatchObject({
      other: 2,
      training: 1,
      dialogue: 0,
    });
  });
});

describe('search index kept in memory', () => {
  it('sees saves of this tab and of another tab (another connection to the same database)', async () => {
    const first = makeActivity('other', { title: 'Họp tổ nhân dân' });
    await saveActivity(db, first);
    expect((await listActivities(db, { query: 'hop to' })).map((a) => a.id)).toEqual([first.id]);

    // Same tab: a change of title is found at once, the old title no longer.
    await saveActivity(db, { ...first, title: 'Đối thoại ấp Mới' } as Activity);
    expect(await listActivities(db, { query: 'hop to' })).toEqual([]);
    expect((await listActivities(db, { query: 'ap moi' })).map((a) => a.id)).toEqual([first.id]);

    // Another tab writes through its own connection.
    const otherTab = new AppDb(db.name);
    const second = makeActivity('other', { title: 'Tập huấn ở tab khác' });
    await saveActivity(otherTab, second);
    await deleteActivity(otherTab, first.id);
    expect((await listActivities(db, { query: 'tab khac' })).map((a) => a.id)).toEqual([second.id]);
    expect(await listActivities(db, { query: 'ap moi' })).toEqual([]);
    otherTab.close();
  });
});

describe('form drafts', () => {
  it('survive closing and reopening the database', async () => {
    const name = db.name;
    const values = { topic: 'Đang gõ dở…', participants: { total: '12' } };
    await saveFormDraft(db, { activityId: 'a-1', type: 'dialogue', values, isNew: true });
    db.close();
    db = new AppDb(name);
    expect(await loadFormDraft(db, 'a-1')).toMatchObject({ values, isNew: true, type: 'dialogue' });
    expect((await listFormDrafts(db)).map((d) => d.activityId)).toEqual(['a-1']);
  });
});

describe('database', () => {
  it('is one database per user, seeded with the admin units', async () => {
    const a = openAppDb('user-a');
    const b = openAppDb('user-b');
    expect(a.name).toBe('outreach-log:user-a');
    expect(b.name).not.toBe(a.name);
    await saveActivity(a, makeDialogue());
    expect(await countUnsynced(b)).toBe(0);
    const tree = await loadAdminUnitTree(b);
    expect(tree.isLeaf(COMMUNE)).toBe(true);
    expect(tree.leavesUnder().length).toBe(144);
    await a.delete();
    await b.delete();
  });

  it('reopens and retries when the browser closed the connection', async () => {
    await saveActivity(db, makeDialogue());
    db.close(); // what iOS does under memory pressure; Dexie then refuses further calls
    const saved = await saveActivity(db, makeDialogue({ topic: 'Sau khi đóng' }));
    expect(await getActivity(db, saved.id)).toBeDefined();
    expect(await countUnsynced(db)).toBe(2);
  });
});
