import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';
import type { DatabaseKind } from '../database';

// Two fixes to the push path:
// - A mutation id is the idempotency key of ONE account: keyed by (user_id, mutation_id), so an id
//   another officer learned cannot make that officer's real save answer `duplicate`.
// - PostgreSQL `integer` is 32-bit: versions (and anything compared with them, like a device's
//   `since` or `baseRev`) become `bigint`. SQLite integers are already 64-bit.
export function accountMutationsWideVersions(kind: DatabaseKind): Migration {
  return {
    async up(db: Kysely<any>) {
      const createMutations = db.schema
        .createTable('mutations_by_account')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('mutation_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('rev', kind === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('mutations_by_account_pk', ['user_id', 'mutation_id']);
      await (
        kind === 'sqlite' ? createMutations.modifyEnd(sql`without rowid`) : createMutations
      ).execute();
      await sql`insert into mutations_by_account
        (user_id, mutation_id, record_id, device_id, rev, applied_at)
        select user_id, mutation_id, record_id, device_id, rev, applied_at from mutations`.execute(
        db,
      );
      await db.schema.dropTable('mutations').execute();
      await db.schema.alterTable('mutations_by_account').renameTo('mutations').execute();

      if (kind === 'postgres') {
        for (const [table, column] of [
          ['changes', 'version'],
          ['activities', 'rev'],
          ['admin_units', 'rev'],
          ['version_counter', 'value'],
        ] as const) {
          await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type bigint`.execute(
            db,
          );
        }
      }
    },
  };
}
