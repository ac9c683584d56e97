import type { AppDb } from './app-db';
import type { StoredAgency } from './app-db-schema';

// Reference data from the server: the organising agencies change only by sync (pull), inside
// the pull page's rw transaction, which must include `agencies`.

export async function putAgency(db: AppDb, agency: StoredAgency): Promise<void> {
  await db.agencies.put(agency);
}

export async function deleteAgency(db: AppDb, id: string): Promise<void> {
  await db.agencies.delete(id);
}
