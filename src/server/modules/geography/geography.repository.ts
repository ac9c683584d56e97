import type { CompiledQuery, Kysely } from 'kysely';
import type { Geography } from '../../../shared/geography/geography';
import type { DB } from '../../db/schema';
import { appendReferenceChange } from '../sync/reference-change.repository';

/**
 * Geographies are stored whole (one JSON document each) and versioned like any other change, so
 * phones receive them through pull and a new one is just another change in the feed.
 */
export class GeographyRepository {
  // A migration hands in its own transaction (Kysely<any>): the 2025 data ships in one.
  constructor(
    private readonly db: Kysely<DB> | Kysely<any>,
    /** Where the catalog is read from (Database.reader: not behind a push). */
    private readonly reader: Kysely<DB> | Kysely<any> = db,
  ) {}

  private stampQuery: CompiledQuery<{ rev: number | string | null }> | undefined;

  async listAll(): Promise<Geography[]> {
    const rows = await (this.reader as Kysely<DB>)
      .selectFrom('geographies')
      .select('data')
      .orderBy('valid_from')
      .execute();
    return rows.map((r) => JSON.parse(r.data) as Geography);
  }

  /** Changes whenever a geography is added or replaced: the cache key of the catalog. */
  async stamp(): Promise<number> {
    // Asked before every push and pull: compiled once, not built by Kysely each time.
    this.stampQuery ??= (this.reader as Kysely<DB>)
      .selectFrom('geographies')
      .select((eb) => eb.fn.max('rev').as('rev'))
      .compile();
    const { rows } = await (this.reader as Kysely<DB>).executeQuery(this.stampQuery);
    return Number(rows[0]?.rev ?? 0);
  }

  /** Adds or replaces a geography, with its version in the change feed, in one transaction. */
  async save(geography: Geography, updatedBy: string, now: string): Promise<number> {
    const db = this.db as Kysely<DB>;
    if (db.isTransaction) return this.write(db, geography, updatedBy, now);
    return db.transaction().execute((trx) => this.write(trx, geography, updatedBy, now));
  }

  private async write(trx: Kysely<DB>, geography: Geography, updatedBy: string, now: string) {
    const data = JSON.stringify(geography);
    const rev = await appendReferenceChange(trx, {
      collection: 'geographies',
      id: geography.id,
      data,
      updatedBy,
      now,
    });
    await trx
      .insertInto('geographies')
      .values({ id: geography.id, valid_from: geography.validFrom, data, rev })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ valid_from: geography.validFrom, data, rev }),
      )
      .execute();
    return rev;
  }
}
