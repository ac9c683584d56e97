import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import type { DB, DevicesTable } from '../../db/schema';
import type { UserRow } from './user.repository';

export type DeviceRow = Selectable<DevicesTable>;

type TokenRow = DeviceRow &
  Pick<
    UserRow,
    | 'username'
    | 'display_name'
    | 'role'
    | 'unit_code'
    | 'geography_id'
    | 'password_hash'
    | 'disabled_at'
  > & { user_created_at: string; user_updated_at: string };

/** Stands for the token's hash in the compiled query. */
const TOKEN_PLACEHOLDER = '\u0000token-hash';

export class DeviceRepository {
  constructor(
    private readonly db: Kysely<DB>,
    /** Every authenticated request reads its token here: not behind a push (Database.reader). */
    private readonly reader: Kysely<DB> = db,
  ) {}

  async insert(device: DeviceRow): Promise<void> {
    await this.db.insertInto('devices').values(device).execute();
  }

  /**
   * A login's new device, stored only while the account's password is still `passwordHash` (the
   * one the login checked): a reset that committed during the check must not be followed by a
   * session of the old password. The no-op update takes the account row's write lock first, so
   * a reset in progress is waited for (PostgreSQL re-reads the row after it; SQLite writes one
   * at a time) and one that comes later finds this device to revoke. False: nothing stored.
   */
  insertIfPassword(device: DeviceRow, passwordHash: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const held = await trx
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', device.user_id)
        .where('password_hash', '=', passwordHash)
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) === 0) return false;
      await trx.insertInto('devices').values(device).execute();
      return true;
    });
  }

  /**
   * Asked by every authenticated request: compiled once, not built by Kysely each time (at 500
   * phones that was part of the server thread's synchronous work). Never cached: a revoked
   * token fails on its next request.
   */
  private tokenQuery: CompiledQuery<TokenRow> | undefined;

  /** The device holding this token and its user, if the token was ever issued. */
  async findByTokenHash(
    tokenHash: string,
  ): Promise<{ device: DeviceRow; user: UserRow } | undefined> {
    this.tokenQuery ??= this.reader
      .selectFrom('devices')
      .innerJoin('users', 'users.id', 'devices.user_id')
      .selectAll('devices')
      .select([
        'users.username',
        'users.display_name',
        'users.role',
        'users.unit_code',
        'users.geography_id',
        'users.password_hash',
        'users.created_at as user_created_at',
        'users.updated_at as user_updated_at',
        'users.disabled_at',
      ])
      .where('devices.token_hash', '=', TOKEN_PLACEHOLDER)
      .compile();
    const { rows } = await this.reader.executeQuery<TokenRow>({
      ...this.tokenQuery,
      parameters: this.tokenQuery.parameters.map((p) => (p === TOKEN_PLACEHOLDER ? tokenHash : p)),
    });
    const row = rows[0];
    if (!row) return undefined;
    const {
      username,
      display_name,
      role,
      unit_code,
      geography_id,
      password_hash,
      user_created_at,
      user_updated_at,
      disabled_at,
      ...device
    } = row;
    return {
      device,
      user: {
        id: device.user_id,
        username,
        display_name,
        role,
        unit_code,
        geography_id,
        password_hash,
        created_at: user_created_at,
        updated_at: user_updated_at,
        disabled_at,
      },
    };
  }

  findById(id: string): Promise<DeviceRow | undefined> {
    return this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Devices that can still sync (not revoked, not expired), most recently used first. */
  listActive(userId: string, now: string): Promise<DeviceRow[]> {
    return this.db
      .selectFrom('devices')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('last_used_at', 'desc')
      .execute();
  }

  async touch(id: string, lastUsedAt: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ last_used_at: lastUsedAt, expires_at: expiresAt })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revoke(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async revokeAllOf(userId: string, now: string): Promise<number> {
    const result = await this.db
      .updateTable('devices')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
