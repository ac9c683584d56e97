import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../database';

// Login limits live in the database, so several server processes (or a restart) share them:
// - login_attempts: one counter per key (address+username, username, known device) and window;
// - known_devices: the devices that have logged in to an account (a key they keep, stored as a
//   SHA-256 digest), whose owner is never locked out by someone else's failures.
export function loginLimits(kind: DatabaseKind): Migration {
  const time = kind === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', time, (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('known_devices')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('known_devices_user_id_idx')
        .on('known_devices')
        .column('user_id')
        .execute();
    },
  };
}
