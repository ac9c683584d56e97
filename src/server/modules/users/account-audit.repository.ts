import type { Kysely, Selectable } from 'kysely';
import type { AccountAuditLogTable, DB } from '../../db/schema';

export type AuditRow = Selectable<AccountAuditLogTable>;

export class AccountAuditRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: AuditRow): Promise<void> {
    await this.db.insertInto('account_audit_log').values(row).execute();
  }

  /** Newest first; `before` (an entry id) pages back in time. */
  list(query: { userId?: string; before?: string; limit: number }): Promise<AuditRow[]> {
    let select = this.db.selectFrom('account_audit_log').selectAll();
    if (query.userId !== undefined) select = select.where('target_user_id', '=', query.userId);
    if (query.before !== undefined) select = select.where('id', '<', query.before);
    return select.orderBy('id', 'desc').limit(query.limit).execute();
  }
}
