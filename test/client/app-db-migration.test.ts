// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDb, type LocalActivity } from '../../src/client/db/app-db';
import { activityOf } from '../../src/client/db/activity-search';
import {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4_GEOGRAPHIES,
  SCHEMA_V5_AGENCIES,
  SCHEMA_V6_PHOTOS,
  SCHEMA_V8_PERIOD_LOCKS,
  SCHEMA_V11_ACTIVITY_INDEXES,
  SCHEMA_V12_REPORT_TARGETS,
  SCHEMA_V13_SEARCH_SEGMENTS,
} from '../../src/client/db/app-db-schema';
import { countUnsynced } from '../../src/client/db/unsynced-count';
import type { Activity } from '../../src/shared/activity/activity.schema';
import {
  countActivities,
  listActivities,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { defaultAdminUnits } from '../../src/shared/admin-units/default-admin-units';
import { makeActivity, makeDialogue } from './support/activity-fixtures';

// A database written by the v1 app (no search table, no folded text) must open under the current
// app with every record, outbox entry and draft intact, and searchable.
describe('migration v1 → current', () => {
  it('keeps the data and backfills the search index', async () => {
    const name = `migration-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const dialogue = makeDialogue({
      topic: 'Đối thoại về giảm nghèo đa chiều',
      chair: 'Đặng Văn Tư',
    });
    const other = makeActivity('other', { title: 'Họp tổ', date: '2025-01-03' });
    const v1Meta = (serverRev: number | null, pendingMutations: number) => ({
      month: '',
      serverRev,
      pendingMutations,
      deleted: 0,
    });
    await v1.table('adminUnits').bulkAdd(defaultAdminUnits());
    await v1.table('activities').bulkAdd([
      { ...dialogue, localMeta: { ...v1Meta(null, 1), month: '2025-02' } },
      { ...other, localMeta: { ...v1Meta(4, 0), month: '2025-01' } },
    ]);
    await v1.table('outbox').add({
      mutationId: '01950000-0000-7000-8000-000000000001',
      recordId: dialogue.id,
      op: 'upsert',
      baseRev: null,
      data: dialogue,
      clientTime: dialogue.updatedAt,
      status: 'pending',
      attempts: 2,
      lastError: 'network',
    });
    await v1.table('formDrafts').put({
      activityId: 'draft-1',
      type: 'training',
      values: { topic: 'Dở dang' },
      isNew: true,
      savedAt: '2025-03-01T00:00:00.000Z',
    });
    await v1.table('meta').put({ key: 'syncCursor', value: 'c-42' });
    v1.close();

    const db = new AppDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await db.activities.count()).toBe(2);
    const migrated = await db.activities.get(dialogue.id);
    expect(migrated).toMatchObject({
      topic: dialogue.topic,
      localMeta: { pendingMutations: 1, serverRev: null },
    });
    expect((await db.activities.get(other.id))!.localMeta.serverRev).toBe(4);
    expect(await db.outbox.toArray()).toMatchObject([{ recordId: dialogue.id, attempts: 2 }]);
    expect(await db.formDrafts.get('draft-1')).toMatchObject({ values: { topic: 'Dở dang' } });
    expect(await db.meta.get('syncCursor')).toMatchObject({ value: 'c-42' });

    expect((await listActivities(db, { query: 'dang van tu' })).map((a) => a.id)).toEqual([
      dialogue.id,
    ]);
    expect((await listActivities(db, { query: 'vinh thanh van' })).map((a) => a.id)).toEqual([
      dialogue.id,
      other.id,
    ]);
    expect((await listActivities(db, { month: '2025-01' })).map((a) => a.id)).toEqual([other.id]);
    // The list's totals come from the search rows the upgrades built.
    expect(await countActivities(db)).toBe(2);
    expect(await countActivities(db, { month: '2025-01' })).toBe(1);

    // And the migrated database keeps working: the next save is queued after the old entry.
    await saveActivity(db, { ...dialogue, topic: 'Sửa sau nâng cấp' });
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.attempts)).toEqual([2, 0]);
    expect((await db.activities.get(dialogue.id))!.localMeta.pendingMutations).toBe(2);
    await db.delete();
  });

  it('seeds admin units in a fresh database created directly at the latest version', async () => {
    const db = new AppDb(`fresh-${Math.random()}`);
    expect(await db.adminUnits.count()).toBe(defaultAdminUnits().length);
    expect((await db.geographies.toArray()).map((g) => [g.id, g.rev])).toEqual([
      ['kien-giang-2024', 0],
    ]);
    expect(await db.searchSegments.count()).toBe(0);
    expect(db.tables.map((t) => t.name)).not.toContain('activitySearch');
    await db.delete();
  });
});

// v4 adds the geographies: a v2 database (records from before geographies, which named a 2024
// commune without saying so) gets the 2024 tree and its records the geography they meant.
describe('migration v2 → v4 (geographies)', () => {
  it('seeds the 2024 geography and marks old records as 2024 communes', async () => {
    const name = `migration-geo-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    const { geographyId: _gone, ...old } = makeActivity('other', { title: 'Họp tổ cũ' });
    void _gone;
    await v2.table('adminUnits').bulkAdd(defaultAdminUnits());
    await v2.table('activities').add({
      ...old,
      localMeta: {
        month: '2025-02',
        searchText: 'hop to cu',
        serverRev: 3,
        pendingMutations: 0,
        deleted: 0,
      },
    });
    v2.close();

    const db = new AppDb(name);
    await db.open();
    expect(await db.geographies.get('kien-giang-2024')).toMatchObject({ rev: 0 });
    expect(await db.activities.get(old.id)).toMatchObject({
      geographyId: 'kien-giang-2024',
      communeCode: '30730',
      localMeta: { serverRev: 3 },
    });
    await db.delete();
  });
});

// v13 moves the search rows into segments. A v11 phone with unsynced work (a queued new
// record, a refused edit, a draft, a deleted record) must keep every record and outbox entry
// exactly, find the same records, and keep working.
describe('migration v11 → v13 (search segments)', () => {
  it('keeps every record and pending outbox entry, and searches the same', async () => {
    const name = `migration-v11-${Math.random()}`;
    const v11 = new Dexie(name);
    v11.version(11).stores({
      ...SCHEMA_V3,
      ...SCHEMA_V4_GEOGRAPHIES,
      ...SCHEMA_V5_AGENCIES,
      ...SCHEMA_V6_PHOTOS,
      ...SCHEMA_V8_PERIOD_LOCKS,
      ...SCHEMA_V11_ACTIVITY_INDEXES,
    });
    const queued = makeDialogue({ topic: 'Đối thoại chưa gửi', date: '2025-02-10' });
    const refused = makeActivity('other', { title: 'Họp bị từ chối', date: '2025-02-11' });
    const synced = makeActivity('other', { title: 'Họp đã đồng bộ', date: '2025-01-05' });
    const deleted = makeActivity('other', { title: 'Họp đã xoá', date: '2025-01-06' });
    const meta = (a: { date: string }, m: Partial<LocalActivity['localMeta']>, text: string) => ({
      month: a.date.slice(0, 7),
      searchText: text,
      serverRev: null,
      pendingMutations: 0,
      deleted: 0 as const,
      ...m,
    });
    const rows: LocalActivity[] = [
      { ...queued, localMeta: meta(queued, { pendingMutations: 1 }, 'doi thoai chua gui') },
      {
        ...refused,
        localMeta: meta(refused, { serverRev: 3, pendingMutations: 1 }, 'hop bi tu choi'),
      },
      { ...synced, localMeta: meta(synced, { serverRev: 5 }, 'hop da dong bo') },
      { ...deleted, localMeta: meta(deleted, { serverRev: 6, deleted: 1 }, 'hop da xoa') },
    ];
    const searchRowsV11 = rows.map((r) => ({
      id: r.id,
      type: r.type,
      month: r.localMeta.month,
      sortKey: `${r.date}|${r.id}`,
      deleted: r.localMeta.deleted,
      text: r.localMeta.searchText!,
      place: `${r.geographyId}|${r.communeCode}`,
    }));
    const outbox = [
      {
        mutationId: '01950000-0000-7000-8000-0000000000a1',
        recordId: queued.id,
        op: 'upsert',
        baseRev: null,
        data: queued,
        clientTime: queued.updatedAt,
        status: 'pending',
        attempts: 1,
        lastError: 'network',
      },
      {
        mutationId: '01950000-0000-7000-8000-0000000000a2',
        recordId: refused.id,
        op: 'upsert',
        baseRev: 3,
        data: refused,
        clientTime: refused.updatedAt,
        status: 'rejected',
        attempts: 1,
        lastError: null,
        rejection: { reason: 'Không có quyền', errors: [] },
      },
    ];
    await v11.table('adminUnits').bulkAdd(defaultAdminUnits());
    await v11.table('activities').bulkAdd(rows);
    await v11.table('activitySearch').bulkAdd(searchRowsV11);
    await v11.table('outbox').bulkAdd(outbox);
    await v11.table('meta').bulkPut([
      { key: 'syncCursor', value: '6' },
      { key: 'searchVersion', value: 9 },
    ]);
    const storedOutbox = await v11.table('outbox').toArray();
    v11.close();

    const db = new AppDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(15);
    expect(db.tables.map((t) => t.name)).not.toContain('activitySearch');
    expect(await db.activities.orderBy(':id').toArray()).toEqual(
      [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await db.outbox.orderBy('seq').toArray()).toEqual(storedOutbox);
    expect(await countUnsynced(db)).toBe(2);
    expect(await db.meta.get('syncCursor')).toMatchObject({ value: '6' });
    expect((await db.searchSegments.toArray()).map((s) => s.rows.length)).toEqual([4]);

    expect((await listActivities(db)).map((a) => a.id)).toEqual([refused.id, queued.id, synced.id]);
    expect((await listActivities(db, { query: 'tu choi' })).map((a) => a.id)).toEqual([refused.id]);
    expect(await countActivities(db)).toBe(3);
    expect(await countActivities(db, { month: '2025-01' })).toBe(1);

    // It keeps working: an edit is queued behind the old entries and found by its new words.
    await saveActivity(db, { ...synced, title: 'Họp sửa sau nâng cấp' } as Activity);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.recordId)).toEqual([
      queued.id,
      refused.id,
      synced.id,
    ]);
    expect((await listActivities(db, { query: 'sua sau nang cap' })).map((a) => a.id)).toEqual([
      synced.id,
    ]);
    expect(await countActivities(db, { query: 'da dong bo' })).toBe(0);
    await db.delete();
  });
});

// v14 copies the records into a store keyed out of line (`activityRecords`), v15 drops the old
// one. A v13 phone with unsynced work keeps every record exactly (bookkeeping, a stashed server
// version, a deleted record), finds the same, and keeps saving and syncing.
describe('migration v13 → v15 (records keyed out of line)', () => {
  it('keeps every record and outbox entry, and the app keeps working', async () => {
    const name = `migration-v13-${Math.random()}`;
    const v13 = new Dexie(name);
    v13.version(13).stores({
      ...SCHEMA_V3,
      ...SCHEMA_V4_GEOGRAPHIES,
      ...SCHEMA_V5_AGENCIES,
      ...SCHEMA_V6_PHOTOS,
      ...SCHEMA_V8_PERIOD_LOCKS,
      ...SCHEMA_V12_REPORT_TARGETS,
      ...SCHEMA_V13_SEARCH_SEGMENTS,
    });
    const queued = makeDialogue({ topic: 'Đối thoại chưa gửi', date: '2025-02-10' });
    const stashed = makeActivity('other', { title: 'Họp sửa khi đang tải', date: '2025-02-11' });
    const synced = makeActivity('other', { title: 'Họp đã đồng bộ', date: '2025-01-05' });
    const deleted = makeActivity('other', { title: 'Họp đã xoá', date: '2025-01-06' });
    const meta = (a: { date: string }, m: Partial<LocalActivity['localMeta']>) => ({
      month: a.date.slice(0, 7),
      serverRev: null,
      pendingMutations: 0,
      deleted: 0 as const,
      ...m,
    });
    const rows: LocalActivity[] = [
      { ...queued, localMeta: meta(queued, { pendingMutations: 1 }) },
      {
        ...stashed,
        localMeta: meta(stashed, {
          serverRev: 3,
          pendingMutations: 1,
          remote: { rev: 4, data: { ...stashed, title: 'Bản của máy chủ' } as Activity },
        }),
      },
      { ...synced, localMeta: meta(synced, { serverRev: 5 }) },
      { ...deleted, localMeta: meta(deleted, { serverRev: 6, deleted: 1 }) },
    ];
    const searchRows = rows.map((r) => ({
      id: r.id,
      type: r.type,
      month: r.localMeta.month,
      sortKey: `${r.date}|${r.id}`,
      deleted: r.localMeta.deleted,
      text: r.type === 'dialogue' ? 'doi thoai chua gui' : `hop ${r.id}`,
      place: `${r.geographyId}|${r.communeCode}`,
    }));
    searchRows[2]!.text = 'hop da dong bo';
    const outbox = rows.slice(0, 2).map((r, i) => ({
      mutationId: `01950000-0000-7000-8000-0000000000b${i}`,
      recordId: r.id,
      op: 'upsert',
      baseRev: r.localMeta.serverRev,
      data: activityOf(r),
      clientTime: r.updatedAt,
      status: 'pending',
      attempts: 0,
      lastError: null,
    }));
    await v13.table('adminUnits').bulkAdd(defaultAdminUnits());
    await v13.table('activities').bulkAdd(rows);
    await v13.table('searchSegments').add({ seq: 1, rows: searchRows, removed: [] });
    await v13.table('outbox').bulkAdd(outbox);
    await v13.table('meta').put({ key: 'syncCursor', value: '6' });
    const storedOutbox = await v13.table('outbox').toArray();
    v13.close();

    const db = new AppDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(15);
    const stores = db.tables.map((t) => t.name);
    expect(stores).toContain('activityRecords');
    expect(stores).not.toContain('activities');
    // Out of line: IndexedDB no longer reads (and clones) a key path on every put.
    expect(db.activities.schema.primKey.keyPath).toBeNull();
    expect(await db.activities.orderBy(':id').toArray()).toEqual(
      [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await db.activities.get(stashed.id)).toEqual(rows[1]);
    expect(await db.outbox.orderBy('seq').toArray()).toEqual(storedOutbox);
    expect(await countUnsynced(db)).toBe(2);
    expect(await db.meta.get('syncCursor')).toMatchObject({ value: '6' });
    expect((await listActivities(db)).map((a) => a.id)).toEqual([stashed.id, queued.id, synced.id]);
    expect(await countActivities(db, { query: 'da dong bo' })).toBe(1);

    // Saving still writes the record (under its id) and queues it behind the old entries.
    await saveActivity(db, { ...synced, title: 'Họp sửa sau nâng cấp' } as Activity);
    expect(await db.activities.get(synced.id)).toMatchObject({
      title: 'Họp sửa sau nâng cấp',
      localMeta: { serverRev: 5, pendingMutations: 1 },
    });
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.recordId)).toEqual([
      queued.id,
      stashed.id,
      synced.id,
    ]);
    expect((await listActivities(db, { query: 'sua sau nang cap' })).map((a) => a.id)).toEqual([
      synced.id,
    ]);
    expect(await db.activities.count()).toBe(4);
    await db.delete();
  });
});
