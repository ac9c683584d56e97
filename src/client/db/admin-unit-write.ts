import type { AdminUnit } from '../../shared/admin-units/admin-unit.schema';
import type { AppDb } from './app-db';

// Reference data from the server: the unit tree changes only by sync (and the seed on first
// open, in app-db.ts). Inside the caller's rw transaction, which must include `adminUnits`.

export async function putAdminUnit(db: AppDb, unit: AdminUnit): Promise<void> {
  await db.adminUnits.put(unit);
}

export async function deleteAdminUnit(db: AppDb, code: string): Promise<void> {
  await db.adminUnits.delete(code);
}
