import type { AppDb } from './app-db';
import type { StoredTargetSet } from './app-db-schema';
import { targetSetId, type PulledTargetSet } from '../../shared/reports/report-targets';

// Yearly targets of the phone's own commune change only by sync (pull), inside the pull page's
// rw transaction (`reportTargets`); the commune's offline report reads them.

export async function putTargetSet(db: AppDb, set: PulledTargetSet, rev: number): Promise<void> {
  const id = targetSetId(set.geographyId, set.unitCode, set.year);
  const stored = await db.reportTargets.get(id);
  // Pages come in server order; a stale version never replaces a newer one.
  if (stored && stored.rev >= rev) return;
  await db.reportTargets.put({ ...set, id, rev });
}

export async function deleteTargetSet(db: AppDb, id: string): Promise<void> {
  await db.reportTargets.delete(id);
}

/** The pulled target sets of these units of a geography for a year. */
export async function targetSetsOf(
  db: AppDb,
  geographyId: string,
  unitCodes: readonly string[],
  year: number,
): Promise<StoredTargetSet[]> {
  const rows = await db.reportTargets.bulkGet(
    unitCodes.map((code) => targetSetId(geographyId, code, year)),
  );
  return rows.filter((r): r is StoredTargetSet => r !== undefined);
}
