import type { Kysely, Selectable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema';

export type UserRow = Selectable<UsersTable>;
/** The columns an admin may change on an account. */
export type UserPatch = Partial<
  Pick<UserRow, 'role' | 'unit_code' | 'geography_id' | 'display_name' | 'disabled_at'>
>;

export class UserRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(user: UserRow): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  /** Every account with its number of devices that can still sync. */
  listWithActiveDevices(now: string): Promise<(UserRow & { active_devices: number })[]> {
    return this.db
      .selectFrom('users')
      .selectAll('users')
      .select((eb) =>
        eb
          .selectFrom('devices')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('devices.user_id', '=', 'users.id')
          .where('devices.revoked_at', 'is', null)
          .where('devices.expires_at', '>', now)
          .as('active_devices'),
      )
      .orderBy('users.username')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, active_devices: Number(r.active_devices ?? 0) })));
  }

  /** Swaps in a stronger hash of the same password, unless the password changed meanwhile. */
  async replacePasswordHash(id: string, oldHash: string, newHash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: newHash })
      .where('id', '=', id)
      .where('password_hash', '=', oldHash)
      .execute();
  }

  async updatePassword(id: string, passwordHash: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async update(id: string, patch: UserPatch, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ ...patch, updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
