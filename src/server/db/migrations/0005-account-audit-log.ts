import type { Kysely, Migration } from 'kysely';

// Accounts an admin can disable (instead of deleting them: their records keep their author), and
// the audit log of every change made to an account: who, when, what.
export const accountAuditLog: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
    await db.schema
      .createTable('account_audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_user_id', 'text', (c) => c.notNull())
      .addColumn('target_username', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('account_audit_log_target_idx')
      .on('account_audit_log')
      .columns(['target_user_id', 'id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('account_audit_log').execute();
    await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  },
};
