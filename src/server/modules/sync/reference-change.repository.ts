import type { Kysely } from 'kysely';
import type { Collection } from '../../../shared/sync/sync-protocol';
import type { DB } from '../../db/schema';

/**
 * Stamps a new version of a reference document (settings, submissions, agencies, geographies,
 * targets) from the shared counter
 * and appends it to the change feed, inside the caller's transaction: phones get it by pull.
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
    unit?: { geographyId: string; code: string };
  },
): Promise<number> {
  const counter = await trx
    .updateTable('version_counter')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('id', '=', 1)
    .returning('value')
    .executeTakeFirstOrThrow();
  const rev = Number(counter.value);
  await trx
    .insertInto('changes')
    .values({
      version: rev,
      collection: change.collection,
      record_id: change.id,
      op: 'upsert',
      data: change.data,
      ...(change.unit
        ? { geography_id: change.unit.geographyId, commune_code: change.unit.code }
        : {}),
      updated_by: change.updatedBy,
      updated_at: change.now,
    })
    .execute();
  return rev;
}
