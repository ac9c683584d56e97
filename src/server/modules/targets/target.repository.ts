import type { Kysely } from 'kysely';
import {
  TARGET_INDICATORS,
  targetSetId,
  type PulledTargetSet,
  type StoredTarget,
  type TargetIndicator,
} from '../../../shared/reports/report-targets';
import type { DB } from '../../db/schema';
import { appendReferenceChange } from '../sync/reference-change.repository';

const INDICATORS = new Set<string>(TARGET_INDICATORS);

export interface TargetWrite {
  geographyId: string;
  unitCode: string;
  year: number;
  values: ReadonlyMap<TargetIndicator, number>;
  setBy: string;
  setAt: string;
}

/** Yearly targets per unit and indicator (migration 0017). */
export class TargetRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The targets of these units of a geography for a year. */
  async forUnits(
    geographyId: string,
    unitCodes: readonly string[],
    year: number,
  ): Promise<StoredTarget[]> {
    if (unitCodes.length === 0) return [];
    const rows = await this.db
      .selectFrom('report_targets')
      .select(['unit_code', 'indicator', 'value', 'set_by', 'set_at'])
      .where('geography_id', '=', geographyId)
      .where('year', '=', year)
      .where('unit_code', 'in', [...unitCodes])
      .orderBy('unit_code')
      .orderBy('indicator')
      .execute();
    return (
      rows
        // A row of an indicator this server no longer knows is not guessed at.
        .filter((r) => INDICATORS.has(r.indicator))
        .map((r) => ({
          unitCode: r.unit_code,
          indicator: r.indicator as TargetIndicator,
          // PostgreSQL returns bigint as a string.
          value: Number(r.value),
          setBy: r.set_by,
          setAt: r.set_at,
        }))
    );
  }

  /**
   * Replaces a unit's target set for a year in one transaction: indicators left out are removed,
   * changed ones take the new value with who and when, unchanged ones keep their history.
   */
  async replace(write: TargetWrite): Promise<void> {
    const { geographyId, unitCode, year } = write;
    await this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('report_targets')
        .select(['indicator', 'value'])
        .where('geography_id', '=', geographyId)
        .where('unit_code', '=', unitCode)
        .where('year', '=', year)
        .execute();
      const before = new Map(existing.map((r) => [r.indicator, Number(r.value)]));
      const removed = [...before.keys()].filter((i) => !write.values.has(i as TargetIndicator));
      if (removed.length > 0) {
        await trx
          .deleteFrom('report_targets')
          .where('geography_id', '=', geographyId)
          .where('unit_code', '=', unitCode)
          .where('year', '=', year)
          .where('indicator', 'in', removed)
          .execute();
      }
      let changed = removed.length > 0;
      for (const [indicator, value] of write.values) {
        if (before.get(indicator) === value) continue;
        changed = true;
        const stamp = { value, set_by: write.setBy, set_at: write.setAt };
        // An upsert: a concurrent PUT of the same unit must not fail on the primary key.
        await trx
          .insertInto('report_targets')
          .values({ geography_id: geographyId, unit_code: unitCode, year, indicator, ...stamp })
          .onConflict((oc) =>
            oc.columns(['geography_id', 'unit_code', 'year', 'indicator']).doUpdateSet(stamp),
          )
          .execute();
      }
      if (changed) {
        const set = Object.fromEntries(write.values);
        await appendTargetSet(trx, { geographyId, unitCode, year, targets: set }, write);
      }
    });
  }
}

/**
 * The unit's whole set for the year into the change feed, in the same transaction: phones of
 * the unit's communes pull it (sync.repository's commune filter reads geography_id and
 * commune_code), and no one else.
 */
export function appendTargetSet(
  trx: Kysely<DB>,
  set: PulledTargetSet,
  stamp: { setBy: string; setAt: string },
): Promise<number> {
  return appendReferenceChange(trx, {
    collection: 'report_targets',
    id: targetSetId(set.geographyId, set.unitCode, set.year),
    data: JSON.stringify(set),
    updatedBy: stamp.setBy,
    now: stamp.setAt,
    unit: { geographyId: set.geographyId, code: set.unitCode },
  });
}
