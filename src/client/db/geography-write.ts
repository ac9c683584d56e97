import type { AppDb } from './app-db';
import type { StoredGeography } from './app-db-schema';

// Reference data from the server: geographies change only by sync (and the 2024 seed on first
// open, in app-db.ts). Inside the caller's rw transaction, which must include `geographies`:
// the pull writes them in the same transaction as the records and the cursor.

export async function putGeography(db: AppDb, geography: StoredGeography): Promise<void> {
  await db.geographies.put(geography);
}

export async function deleteGeography(db: AppDb, id: string): Promise<void> {
  await db.geographies.delete(id);
}
