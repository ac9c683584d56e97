import type { Kysely, Migration } from 'kysely';
import { defaultAdminUnits } from '../../../shared/admin-units/default-admin-units';

// Kiên Giang's 2024 units are data: seeded once like any other change (versioned, in `changes`),
// so devices receive them through pull and a later reorganisation is just more changes.
export const seedAdminUnits: Migration = {
  async up(db: Kysely<any>) {
    const units = defaultAdminUnits();
    const now = new Date().toISOString();
    const counter = await db
      .updateTable('version_counter')
      .set((eb) => ({ value: eb('value', '+', units.length) }))
      .where('id', '=', 1)
      .returning('value')
      .executeTakeFirstOrThrow();
    const first = Number(counter.value) - units.length + 1;
    const rows = units.map((unit, i) => ({ unit, rev: first + i }));
    await db
      .insertInto('admin_units')
      .values(
        rows.map(({ unit, rev }) => ({
          code: unit.code,
          name: unit.name,
          type: unit.type,
          level: unit.level,
          parent_code: unit.parentCode,
          rev,
        })),
      )
      .execute();
    await db
      .insertInto('changes')
      .values(
        rows.map(({ unit, rev }) => ({
          version: rev,
          collection: 'admin_units',
          record_id: unit.code,
          op: 'upsert',
          data: JSON.stringify(unit),
          updated_by: 'Hệ thống',
          updated_at: now,
        })),
      )
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.deleteFrom('changes').where('collection', '=', 'admin_units').execute();
    await db.deleteFrom('admin_units').execute();
  },
};
