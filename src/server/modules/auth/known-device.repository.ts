import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Devices that have logged in to an account, by the digest of the key they keep. */
export class KnownDeviceRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async userOf(keyHash: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('known_devices')
      .select('user_id')
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    return row?.user_id;
  }

  async remember(keyHash: string, userId: string, now: string): Promise<void> {
    await this.db
      .insertInto('known_devices')
      .values({ key_hash: keyHash, user_id: userId, created_at: now, last_login_at: now })
      .onConflict((oc) => oc.column('key_hash').doUpdateSet({ last_login_at: now }))
      .execute();
  }

  /** After a password reset: every device must prove itself again. */
  async forgetAllOf(userId: string): Promise<void> {
    await this.db.deleteFrom('known_devices').where('user_id', '=', userId).execute();
  }
}
