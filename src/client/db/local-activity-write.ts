import Dexie from 'dexie';
import type { Activity } from '../../shared/activity/activity.schema';
import { KIEN_GIANG_2024 } from '../../shared/geography/geography-ids';
import { activityOf, activitySearchText, localRowOf, searchRowOf } from './activity-search';
import type { AppDb, LocalActivity, LocalMeta } from './app-db';
import { putSearchRows, removeSearchRows } from './search-index';

// The one local write path for activities (as Actual's loot-core routes every change through
// one layer): saving a form, a pulled change and a push answer all come here, so the record
// row and its compact search row (folded text with the commune's name) can never disagree.
// Nothing else writes `activities` or `searchSegments` (test/architecture.test.ts).

/** The sync bookkeeping kept with a record; the search fields are derived here. */
export type ActivityRowState = Pick<
  LocalMeta,
  'serverRev' | 'pendingMutations' | 'deleted' | 'remote'
>;

export interface ActivityWrite {
  activity: Activity;
  state: ActivityRowState;
}

/** Tables a rw transaction must include for writeActivities(). */
export function activityWriteTables(db: AppDb) {
  return [db.activities, db.searchSegments, db.meta, db.adminUnits, db.geographies];
}

/**
 * Writes the records and their search rows inside the caller's rw transaction (which must
 * include activityWriteTables), so they commit or fail with whatever else the caller writes.
 */
// Chained on Dexie's own promises rather than written as an async function: Dexie follows the
// caller's transaction through its promises, while each native async layer between the
// transaction scope and a table call risks losing it (a PrematureCommitError, seen when the
// sync engine's live queries ran alongside a save).
export function writeActivities(
  db: AppDb,
  writes: readonly ActivityWrite[],
): Promise<LocalActivity[]> {
  if (writes.length === 0) return Dexie.Promise.resolve([]);
  return communeNamesOf(
    db,
    writes.map((w) => w.activity),
  ).then((names) => {
    const rows = writes.map((w) => localRowOf(w.activity, w.state));
    const searchRows = writes.map((w, i) =>
      searchRowOf(
        w.activity,
        rows[i]!.localMeta,
        activitySearchText(w.activity, names.get(placeKey(w.activity))),
      ),
    );
    return db.activities
      .bulkPut(
        rows,
        rows.map((row) => row.id),
      )
      .then(() => putSearchRows(db, searchRows))
      .then(() => rows);
  });
}

/**
 * Removes records from the phone (they left what it syncs), rows and search rows, inside the
 * caller's rw transaction (activityWriteTables). The caller decides they hold nothing unsynced.
 */
export function removeActivities(db: AppDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return Dexie.Promise.resolve();
  return db.activities.bulkDelete([...ids]).then(() => removeSearchRows(db, ids));
}

/** Stored rows again, with changed bookkeeping (pending count, deletion, server rev). */
export function rewriteActivityRows(
  db: AppDb,
  rows: readonly LocalActivity[],
): Promise<LocalActivity[]> {
  return writeActivities(
    db,
    rows.map((row) => ({ activity: activityOf(row), state: row.localMeta })),
  );
}

const placeKey = (a: Pick<Activity, 'geographyId' | 'communeCode'>) =>
  `${a.geographyId}|${a.communeCode}`;

// The one way the commune's name for the search text is found: the record's own geography
// (codes are reused: 30742 is Vĩnh Bảo in 2024 and Rạch Giá since 2025), else the legacy tree.
// Returns Dexie's own promise (no async wrapper), so the caller's transaction zone carries over.
function communeNamesOf(db: AppDb, activities: readonly Activity[]): Promise<Map<string, string>> {
  const ids = [...new Set(activities.map((a) => a.geographyId).filter(Boolean))];
  return db.geographies.bulkGet(ids).then((geographies) =>
    db.adminUnits.bulkGet([...new Set(activities.map((a) => a.communeCode))]).then((legacy) => {
      const names = new Map<string, string>();
      for (const unit of legacy) if (unit) names.set(`${KIEN_GIANG_2024}|${unit.code}`, unit.name);
      const wanted = new Set(activities.map(placeKey));
      for (const g of geographies) {
        if (!g) continue;
        for (const unit of g.units) {
          const key = `${g.id}|${unit.code}`;
          if (wanted.has(key)) names.set(key, unit.name);
        }
      }
      return names;
    }),
  );
}
