import type { Kysely, Migration } from 'kysely';
import { targetSetId, type PulledTargetSet } from '../../../shared/reports/report-targets';

// Targets reach phones by pull since this version (collection `report_targets`, one change per
// unit and year, its geography and unit in geography_id / commune_code so only that unit's
// communes receive it). Sets stored before are put into the feed once, here, with the same
// counter every change takes its version from.
export const reportTargetsFeed: Migration = {
  async up(db: Kysely<any>) {
    const rows = (await db
      .selectFrom('report_targets')
      .select(['geography_id', 'unit_code', 'year', 'indicator', 'value', 'set_by', 'set_at'])
      .orderBy('geography_id')
      .orderBy('unit_code')
      .orderBy('year')
      .execute()) as {
      geography_id: string;
      unit_code: string;
      year: number | string;
      indicator: string;
      value: number | string;
      set_by: string;
      set_at: string;
    }[];
    const sets = new Map<string, { set: PulledTargetSet; setBy: string; setAt: string }>();
    for (const row of rows) {
      const year = Number(row.year);
      const id = targetSetId(row.geography_id, row.unit_code, year);
      const entry = sets.get(id) ?? {
        set: { geographyId: row.geography_id, unitCode: row.unit_code, year, targets: {} },
        setBy: row.set_by,
        setAt: row.set_at,
      };
      entry.set.targets[row.indicator] = Number(row.value);
      // The version says who changed the set last.
      if (row.set_at > entry.setAt) Object.assign(entry, { setBy: row.set_by, setAt: row.set_at });
      sets.set(id, entry);
    }
    for (const [id, { set, setBy, setAt }] of sets) {
      const counter = await db
        .updateTable('version_counter')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('id', '=', 1)
        .returning('value')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('changes')
        .values({
          version: Number(counter.value),
          collection: 'report_targets',
          record_id: id,
          op: 'upsert',
          geography_id: set.geographyId,
          commune_code: set.unitCode,
          data: JSON.stringify(set),
          updated_by: setBy,
          updated_at: setAt,
        })
        .execute();
    }
  },

  async down(db: Kysely<any>) {
    await db.deleteFrom('changes').where('collection', '=', 'report_targets').execute();
  },
};
