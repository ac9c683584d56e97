import type { PublicUser } from '../../../../shared/auth/auth-protocol';
import type { AppDb } from '../../../db/app-db';
import { addMovedNotice, outboxTables, requeueScopeRefusals } from '../outbox/outbox';

// The pull answer carries the account as the server knows it now: an administrator may have
// moved it to another unit (`npm run users -- move`, the July 2025 reorganisation). The phone
// then takes the new scope at once, keeps its unsynced work, and tells the officer.

export const sameScope = (a: PublicUser, b: PublicUser): boolean =>
  a.role === b.role && a.unitCode === b.unitCode && a.geographyId === b.geographyId;

/** "Phường Rạch Giá", from the geographies on the phone (the code itself if unknown). */
async function unitName(db: AppDb, user: PublicUser): Promise<string> {
  const geography = await db.geographies.get(user.geographyId);
  return geography?.units.find((u) => u.code === user.unitCode)?.name ?? user.unitCode;
}

/**
 * Records the notice and queues again what the old unit had refused (the new one may allow it);
 * returns how many mutations were queued again. The caller then hands the new account to the
 * session.
 */
export async function noteAccountMoved(
  db: AppDb,
  before: PublicUser,
  after: PublicUser,
  at: string = new Date().toISOString(),
): Promise<number> {
  const [fromName, toName] = await Promise.all([unitName(db, before), unitName(db, after)]);
  return db.transaction('rw', outboxTables(db), async () => {
    await addMovedNotice(db, { fromName, toName }, at);
    return requeueScopeRefusals(db);
  });
}
