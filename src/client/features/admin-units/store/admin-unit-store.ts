import { AdminUnitTree } from '../../../../shared/admin-units/admin-unit-tree';
import { defaultAdminUnits } from '../../../../shared/admin-units/default-admin-units';
import { withReopen, type AppDb } from '../../../db/app-db';

/** The unit tree from the local reference data (seeded on first open, updated by sync). */
export async function loadAdminUnitTree(db: AppDb): Promise<AdminUnitTree> {
  const units = await withReopen(db, () => db.adminUnits.toArray());
  return new AdminUnitTree(units.length > 0 ? units : defaultAdminUnits());
}
