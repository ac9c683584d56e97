// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDb } from '../../src/client/db/app-db';
import { SCHEMA_V1, SCHEMA_V2 } from '../../src/client/db/app-db-schema';
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
    expect(migrated!.localMeta.searchText).toContain('doi thoai');
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
    // v3's index on `deleted` counts the list's total without reading the rows.
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
    expect(await db.activitySearch.count()).toBe(0);
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
