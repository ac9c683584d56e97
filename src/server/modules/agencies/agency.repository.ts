import type { Kysely } from 'kysely';
import type { Agency } from '../../../shared/agencies/agency';
import type { DB } from '../../db/schema';
import { appendReferenceChange } from '../sync/reference-change.repository';

/**
 * Agencies are stored whole (one JSON document each) and versioned like any other change, so
 * phones receive them through pull and an edit is just another change in the feed.
 */
export class AgencyRepository {
  // A migration hands in its own transaction (Kysely<any>): the seed ships in one.
  constructor(private readonly db: Kysely<DB> | Kysely<any>) {}

  async listAll(): Promise<Agency[]> {
    const rows = await (this.db as Kysely<DB>)
      .selectFrom('agencies')
      .select('data')
      .orderBy('id')
      .execute();
    return rows.map((r) => JSON.parse(r.data) as Agency);
  }

  /** Adds or replaces an agency, with its version in the change feed, in one transaction. */
  async save(agency: Agency, updatedBy: string, now: string): Promise<number> {
    const db = this.db as Kysely<DB>;
    if (db.isTransaction) return this.write(db, agency, updatedBy, now);
    return db.transaction().execute((trx) => this.write(trx, agency, updatedBy, now));
  }

  private async write(trx: Kysely<DB>, agency: Agency, updatedBy: string, now: string) {
    const data = JSON.stringify(agency);
    const rev = await appendReferenceChange(trx, {
      collection: 'agencies',
      id: agency.id,
      data,
      updatedBy,
      now,
    });
    await trx
      .insertInto('agencies')
      .values({ id: agency.id, data, rev })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data, rev }))
      .execute();
    return rev;
  }
}
