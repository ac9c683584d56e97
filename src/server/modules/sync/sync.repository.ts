import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { ActivitiesTable, ChangesTable, DB, MutationsTable } from '../../db/schema';

export type ChangeRow = Selectable<ChangesTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type NewChange = Insertable<ChangesTable>;
export type MutationRow = Selectable<MutationsTable>;

/** Columns of `changes` a reader gets (not `submitted`, which only merges need). */
export type FeedRow = Omit<ChangeRow, 'submitted'>;

export class SyncRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Runs a push in one transaction; the counter row lock serializes pushes until commit. */
  inPushTransaction<T>(work: (tx: PushTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new PushTransaction(trx)));
  }

  /**
   * Changes after `since` in version order; with `unitCodes`, only reference data and activities
   * of those units (now or before the change, so a record moving away reaches old readers).
   */
  feed(since: number, limit: number, unitCodes: string[] | null): Promise<FeedRow[]> {
    let query = this.db
      .selectFrom('changes')
      .select([
        'version',
        'collection',
        'record_id',
        'op',
        'commune_code',
        'prev_commune_code',
        'data',
        'user_id',
        'device_id',
        'updated_by',
        'updated_at',
      ])
      .where('version', '>', since);
    if (unitCodes !== null) {
      query = query.where((eb) =>
        eb.or([
          eb('collection', '=', 'admin_units'),
          ...(unitCodes.length > 0
            ? [eb('commune_code', 'in', unitCodes), eb('prev_commune_code', 'in', unitCodes)]
            : []),
        ]),
      );
    }
    return query.orderBy('version').limit(limit).execute();
  }

  findActivity(id: string): Promise<ActivityRow | undefined> {
    return this.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
  }

  history(recordId: string): Promise<ChangeRow[]> {
    return this.db
      .selectFrom('changes')
      .selectAll()
      .where('collection', '=', 'activities')
      .where('record_id', '=', recordId)
      .orderBy('version')
      .execute();
  }
}

export class PushTransaction {
  constructor(private readonly trx: Transaction<DB>) {}

  /**
   * Takes the version counter first thing: in PostgreSQL the UPDATE holds the row lock until
   * commit, in SQLite it takes the single write lock. Versions are thus handed out in commit
   * order and no reader can pass a version that commits later.
   */
  async lockCounter(): Promise<number> {
    const row = await this.trx
      .updateTable('version_counter')
      .set((eb) => ({ value: eb.ref('value') }))
      .where('id', '=', 1)
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  async setCounter(value: number): Promise<void> {
    await this.trx.updateTable('version_counter').set({ value }).where('id', '=', 1).execute();
  }

  async appliedMutations(ids: string[]): Promise<Map<string, MutationRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.trx
      .selectFrom('mutations')
      .selectAll()
      .where('mutation_id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.mutation_id, r]));
  }

  async activities(ids: string[]): Promise<Map<string, ActivityRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.trx
      .selectFrom('activities')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  version(recordId: string, version: number): Promise<ChangeRow | undefined> {
    return this.trx
      .selectFrom('changes')
      .selectAll()
      .where('record_id', '=', recordId)
      .where('version', '=', version)
      .where('collection', '=', 'activities')
      .executeTakeFirst();
  }

  /** The device's latest version of the record after `afterVersion` (its own offline edits). */
  latestByDevice(
    recordId: string,
    deviceId: string,
    afterVersion: number,
  ): Promise<ChangeRow | undefined> {
    return this.trx
      .selectFrom('changes')
      .selectAll()
      .where('record_id', '=', recordId)
      .where('collection', '=', 'activities')
      .where('device_id', '=', deviceId)
      .where('version', '>', afterVersion)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Current state, one row per record (callers pass each record once). */
  async saveActivities(rows: ActivityRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.trx
      .insertInto('activities')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          commune_code: eb.ref('excluded.commune_code'),
          author_id: eb.ref('excluded.author_id'),
          rev: eb.ref('excluded.rev'),
          deleted: eb.ref('excluded.deleted'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async insertChanges(rows: NewChange[]): Promise<void> {
    if (rows.length > 0) await this.trx.insertInto('changes').values(rows).execute();
  }

  async insertMutations(rows: MutationRow[]): Promise<void> {
    if (rows.length > 0) await this.trx.insertInto('mutations').values(rows).execute();
  }
}
