import type { ExpressionBuilder, Insertable, Kysely, Selectable } from 'kysely';
import type { UnitRef } from '../../../shared/geography/geography';
import type { Collection } from '../../../shared/sync/sync-protocol';
import { CompiledQuery, sql } from '../../db/kysely-runtime';
import type { DatabaseKind } from '../../db/database';
import type { ActivitiesTable, ChangesTable, DB, MutationsTable } from '../../db/schema';
import type { PgGroupCommit } from './pg-group-commit.repository';
import { CHANGE_COLUMNS, type ActivityRow, type ChangeRow } from './push-rows';
import { SqlTemplates } from './push-sql-templates.repository';
import { pgGroupCommit, PushTransaction } from './push-transaction.repository';

/**
 * Collections every reader receives whatever their unit. Not targets nor submissions
 * (`report_targets`, `period_locks`): filed under their units' communes (appendReferenceChange),
 * they reach a reader through its communes, like activities.
 */
const REFERENCE_COLLECTIONS: Collection[] = ['admin_units', 'geographies', 'agencies', 'settings'];
/** Filed by commune, yet in the feed's reference partial index (collection <> 'activities'). */
const BY_COMMUNE: Collection[] = ['report_targets', 'period_locks'];

/** Columns of `changes` a reader gets (not `submitted`, which only merges need). */
export type FeedRow = Omit<ChangeRow, 'submitted'>;
/**
 * A feed row without its record: the page's stored JSON is read apart (changeData), only for
 * the versions the server has not already written for another reader (ChangeFragments).
 */
export type FeedHead = Omit<FeedRow, 'data'>;

const FEED_COLUMNS = CHANGE_COLUMNS.filter(
  (c): c is Exclude<(typeof CHANGE_COLUMNS)[number], 'submitted' | 'data'> =>
    c !== 'submitted' && c !== 'data',
);
/** Up to this many communes, a feed is read commune by commune through changes_commune_idx. */
const COMMUNE_BRANCHES_MAX = 8;

export class SyncRepository {
  private readonly templates = new SqlTemplates();
  /** PostgreSQL: pushes reaching their last write together are written together. */
  private readonly groupCommit = pgGroupCommit(this.templates);

  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DatabaseKind,
    /**
     * Pulls and history read here (Database.reader): on SQLite not behind a push transaction.
     * Gap-free all the same: a reader only ever sees whole, committed pushes (see openSqlite).
     */
    private readonly reader: Kysely<DB> = db,
  ) {}

  /** PostgreSQL: how many pushes were written together (pg-group-commit.repository.ts). */
  get groupCommitStats(): Readonly<PgGroupCommit['stats']> {
    return this.groupCommit.stats;
  }

  /**
   * Runs a push in one transaction (locking: see lockRecords and writeBatch). PostgreSQL: begun
   * and ended here on one connection, as the push's last write may carry the COMMIT itself.
   */
  inPushTransaction<T>(work: (tx: PushTransaction) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') {
      return this.db
        .transaction()
        .execute((trx) => work(new PushTransaction(trx, this.templates, this.kind)));
    }
    return this.db.connection().execute(async (connection) => {
      // BEGIN travels with the push's first query (PushTransaction.lockAndRead).
      const tx = new PushTransaction(connection, this.templates, this.kind, this.groupCommit);
      try {
        const result = await work(tx);
        if (tx.begun && !tx.committed) await connection.executeQuery(CompiledQuery.raw('commit'));
        return result;
      } catch (error) {
        // Also after a failed last write (PostgreSQL then skipped its COMMIT).
        if (tx.begun) await connection.executeQuery(CompiledQuery.raw('rollback'));
        throw error;
      }
    });
  }

  /**
   * Changes after `since` in version order; with `communes`, only reference data and activities
   * of those communes (now or before the change, so a record moving away reaches old readers).
   * A few communes (a commune officer's phone): one ordered index range per commune, merged in
   * one statement, so a pull reads what it returns (migration 0024). Many: one walk in version
   * order, which for a wide scope skips few rows. One statement either way, so one snapshot:
   * the page's cursor never passes a version one branch had not seen yet.
   */
  feed(since: number, limit: number, communes: UnitRef[] | null): Promise<FeedHead[]> {
    if (communes !== null && communes.length > 0 && communes.length <= COMMUNE_BRANCHES_MAX) {
      return this.communeFeed(since, limit, communes);
    }
    let query = this.reader.selectFrom('changes').select(FEED_COLUMNS).where('version', '>', since);
    if (communes !== null) {
      query = query.where((eb) =>
        eb.or([eb('collection', 'in', REFERENCE_COLLECTIONS), ...communeFilters(eb, communes)]),
      );
    }
    return query.orderBy('version').limit(limit).execute();
  }

  private communeFeed(since: number, limit: number, communes: UnitRef[]): Promise<FeedHead[]> {
    const branch = () => this.reader.selectFrom('changes').select(FEED_COLUMNS);
    const ordered = <Q extends ReturnType<typeof branch>>(q: Q) =>
      q.where('version', '>', since).orderBy('version').limit(limit);
    const branches = [
      ordered(
        branch()
          // Verbatim the predicate of changes_reference_idx (migration 0018), not a parameter.
          .where(sql.ref('collection'), '<>', sql.lit('activities'))
          // A unit's targets and locks come by its communes' branches below, as in the walk.
          .where('collection', 'not in', BY_COMMUNE),
      ),
      ...communes.flatMap((c) => [
        ordered(
          branch().where('geography_id', '=', c.geographyId).where('commune_code', '=', c.code),
        ),
        ordered(
          branch()
            .where('prev_geography_id', '=', c.geographyId)
            .where('prev_commune_code', '=', c.code)
            // Verbatim the predicate of changes_prev_commune_idx (migration 0024).
            .where(sql.ref('prev_commune_code'), 'is not', sql.lit(null)),
        ),
      ]),
    ];
    // UNION, not UNION ALL: a record moved between two of the reader's communes matches twice.
    const [first, ...rest] = branches.map((q, i) =>
      this.reader.selectFrom(q.as(`b${i}`)).selectAll(),
    );
    let union = first!;
    for (const q of rest) union = union.union(q);
    return union.orderBy('version').limit(limit).execute() as Promise<FeedHead[]>;
  }

  /** The stored JSON of these (committed, so unchanging) versions. */
  async changeData(versions: number[]): Promise<Map<number, string | null>> {
    const found = new Map<number, string | null>();
    for (let i = 0; i < versions.length; i += 500) {
      const rows = await this.reader
        .selectFrom('changes')
        .select(['version', 'data'])
        .where('version', 'in', versions.slice(i, i + 500))
        .execute();
      for (const row of rows) found.set(Number(row.version), row.data);
    }
    return found;
  }

  /**
   * How many activity changes after `since` the same reader will be sent (see feed): what a
   * phone's first sync shows as "n / m hoạt động". Asked once per pull, not per page.
   */
  async countActivityFeed(since: number, communes: UnitRef[] | null): Promise<number> {
    let query = this.reader
      .selectFrom('changes')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('version', '>', since)
      .where('collection', '=', 'activities');
    if (communes !== null) query = query.where((eb) => eb.or(communeFilters(eb, communes)));
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * How many activity records have a change after `since` in the same reader's feed, each once
   * however many versions of it the feed holds: the m of a phone's "n / m hoạt động".
   */
  async countActivityRecords(since: number, communes: UnitRef[] | null): Promise<number> {
    let query = this.reader
      .selectFrom('changes')
      .select((eb) => eb.fn.count<number | string | bigint>('record_id').distinct().as('n'))
      .where('version', '>', since)
      .where('collection', '=', 'activities');
    if (communes !== null) query = query.where((eb) => eb.or(communeFilters(eb, communes)));
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The author-only feed (every role but `commune`): reference data, the period locks of
   * `communes` (all of them when null), and the versions of the activities `authorId` authored
   * (an author never changes), narrowed to `communes` when given.
   * Two index-driven reads merged in version order, so a province officer's pull costs what it
   * returns, not a scan of the province's changes. Gap-free like feed() (see below).
   */
  feedByAuthor(
    since: number,
    limit: number,
    authorId: string,
    communes: UnitRef[] | null,
  ): Promise<FeedHead[]> {
    let reference = this.reader
      .selectFrom('changes')
      .select(FEED_COLUMNS)
      // Verbatim the predicate of changes_reference_idx (migration 0018), not a parameter.
      .where(sql.ref('collection'), '<>', sql.lit('activities'))
      // Targets go to the phones of their unit's communes only (the feed's commune filter):
      // author-only phones report through the server.
      .where('collection', '<>', 'report_targets')
      .where('version', '>', since)
      .orderBy('version')
      .limit(limit);
    // Locks: the author may edit a record in any commune of `communes`, so those communes'
    // locks (a province account's: every one, once per commune it covers).
    if (communes !== null) {
      reference = reference.where((eb) =>
        eb.or([
          eb('collection', '<>', 'period_locks'),
          ...communeFilters(eb as unknown as ExpressionBuilder<DB, 'changes'>, communes),
        ]),
      );
    }
    const authored = this.authoredChanges(since, authorId, communes)
      .select(FEED_COLUMNS.map((c) => `changes.${c}` as const))
      .orderBy('changes.version')
      .limit(limit);
    // One statement, so one snapshot: two reads could each see a different set of commits and
    // the merged page's cursor pass a version one of them had not seen yet.
    return this.reader
      .selectFrom(reference.as('r'))
      .selectAll()
      .unionAll(this.reader.selectFrom(authored.as('a')).selectAll())
      .orderBy('version')
      .limit(limit)
      .execute();
  }

  /** How many activity changes after `since` feedByAuthor will send (see countActivityFeed). */
  async countAuthorFeed(
    since: number,
    authorId: string,
    communes: UnitRef[] | null,
  ): Promise<number> {
    const row = await this.authoredChanges(since, authorId, communes)
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** How many of the author's activity records feedByAuthor will send a version of. */
  async countAuthorRecords(
    since: number,
    authorId: string,
    communes: UnitRef[] | null,
  ): Promise<number> {
    const row = await this.authoredChanges(since, authorId, communes)
      .select((eb) => eb.fn.count<number | string | bigint>('changes.record_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Versions of the author's activities (activities_author_idx, then changes_record_idx). */
  private authoredChanges(since: number, authorId: string, communes: UnitRef[] | null) {
    let query = this.reader
      .selectFrom('activities')
      .innerJoin('changes', 'changes.record_id', 'activities.id')
      .where('activities.author_id', '=', authorId)
      .where('changes.collection', '=', 'activities')
      .where('changes.version', '>', since);
    if (communes !== null) {
      query = query.where((eb) =>
        eb.or(communeFilters(eb as unknown as ExpressionBuilder<DB, 'changes'>, communes)),
      );
    }
    return query;
  }

  findActivity(id: string): Promise<ActivityRow | undefined> {
    return this.reader.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
  }

  history(recordId: string): Promise<ChangeRow[]> {
    return this.reader
      .selectFrom('changes')
      .selectAll()
      .where('collection', '=', 'activities')
      .where('record_id', '=', recordId)
      .orderBy('version')
      .execute();
  }
}

/** Changes of activities in `communes` now, or before the change (a record moving away). */
function communeFilters(eb: ExpressionBuilder<DB, 'changes'>, communes: UnitRef[]) {
  const byGeography = new Map<string, string[]>();
  for (const c of communes)
    byGeography.set(c.geographyId, [...(byGeography.get(c.geographyId) ?? []), c.code]);
  return [...byGeography].flatMap(([geographyId, codes]) => [
    eb.and([eb('changes.geography_id', '=', geographyId), eb('changes.commune_code', 'in', codes)]),
    eb.and([
      eb('changes.prev_geography_id', '=', geographyId),
      eb('changes.prev_commune_code', 'in', codes),
    ]),
  ]);
}
