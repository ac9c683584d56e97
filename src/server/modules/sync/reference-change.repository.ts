import type { Kysely } from 'kysely';
import type { Collection } from '../../../shared/sync/sync-protocol';
import type { DB } from '../../db/schema';

/** A unit as the change feed files a row under it (geography_id / commune_code). */
export interface FeedUnit {
  geographyId: string;
  code: string;
}

// Rows per INSERT when a document is filed under many communes (a province's submission).
const ROWS_PER_INSERT = 500;

/**
 * Stamps a new version of a reference document (settings, submissions, agencies, geographies,
 * targets) from the shared counter
 * and appends it to the change feed, inside the caller's transaction: phones get it by pull.
 * With `units`, the document is filed once under each (one version each, the same data), so a
 * phone receives it only through a commune of its own (a submission: every commune it covers).
 * Returns the last version taken.
 */
export async function appendReferenceChange(
  trx: Kysely<DB>,
  change: {
    collection: Collection;
    id: string;
    data: string;
    updatedBy: string;
    now: string;
    /** Reference data of one unit (targets): only readers of that unit's communes get it. */
    unit?: FeedUnit;
    /** Filed under each of these units instead (none: the document reaches no commune feed). */
    units?: readonly FeedUnit[];
  },
): Promise<number> {
  const units: (FeedUnit | null)[] = change.units ? [...change.units] : [change.unit ?? null];
  if (units.length === 0) units.push(null);
  const counter = await trx
    .updateTable('version_counter')
    .set((eb) => ({ value: eb('value', '+', units.length) }))
    .where('id', '=', 1)
    .returning('value')
    .executeTakeFirstOrThrow();
  const last = Number(counter.value);
  const first = last - units.length + 1;
  for (let i = 0; i < units.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('changes')
      .values(
        units.slice(i, i + ROWS_PER_INSERT).map((unit, j) => ({
          version: first + i + j,
          collection: change.collection,
          record_id: change.id,
          op: 'upsert' as const,
          data: change.data,
          ...(unit ? { geography_id: unit.geographyId, commune_code: unit.code } : {}),
          updated_by: change.updatedBy,
          updated_at: change.now,
        })),
      )
      .execute();
  }
  return last;
}
