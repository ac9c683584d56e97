// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../src/client/db/app-db';
import {
  countActivities,
  listActivities,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { makeActivity, makeDialogue } from './support/activity-fixtures';

// Issue 11 point 9: a word of the query may be in the record's form name rather than in the
// record ("doi thoai chinh sach" finds a policy dialogue whatever its title).

const dbs: AppDb[] = [];
function freshDb(name = `search-form-name-${Math.random()}`): AppDb {
  const db = new AppDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  while (dbs.length > 0) await dbs.pop()!.delete();
});

const titles = (rows: { id: string }[], byId: Map<string, string>) =>
  rows.map((r) => byId.get(r.id));

describe('search by the form’s name', () => {
  it('"doi thoai chinh sach" finds a policy dialogue whose title has none of the words', async () => {
    const db = freshDb();
    const dialogue = makeDialogue({ topic: 'Gặp gỡ bà con ấp Tà Keo' });
    const other = makeActivity('other', { title: 'Họp chi bộ ấp Tà Keo' });
    for (const a of [dialogue, other]) await saveActivity(db, a);
    const byId = new Map([
      [dialogue.id, 'dialogue'],
      [other.id, 'other'],
    ]);

    expect(titles(await listActivities(db, { query: 'doi thoai chinh sach' }), byId)).toEqual([
      'dialogue',
    ]);
    // Words of the form's name and of the record, together.
    expect(titles(await listActivities(db, { query: 'doi thoai ta keo' }), byId)).toEqual([
      'dialogue',
    ]);
    expect(await countActivities(db, { query: 'ta keo' })).toBe(2);
    expect(await listActivities(db, { query: 'doi thoai ap 9' })).toEqual([]);
    // In English, the form's name on screen counts too.
    const typeNames = { dialogue: 'Poverty-reduction policy dialogue' };
    expect(titles(await listActivities(db, { query: 'policy dialogue', typeNames }), byId)).toEqual(
      ['dialogue'],
    );
    expect(await countActivities(db, { query: 'policy dialogue', typeNames })).toBe(1);
  });
});
