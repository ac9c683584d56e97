import type { Kysely } from 'kysely';
import type { AdminUnit } from '../../../shared/admin-units/admin-unit.schema';
import type { DB } from '../../db/schema';

export class AdminUnitRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async listAll(): Promise<AdminUnit[]> {
    const rows = await this.db.selectFrom('admin_units').selectAll().orderBy('code').execute();
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      type: r.type,
      level: r.level,
      parentCode: r.parent_code,
    }));
  }
}
