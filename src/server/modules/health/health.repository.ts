import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export class HealthRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Reads the version counter: answers only when the database can serve a sync. */
  async ping(): Promise<void> {
    await this.db
      .selectFrom('version_counter')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
  }
}
