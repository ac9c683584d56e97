import type { AppDb } from './app-db';
import { unsyncedAllInBackup } from './backup-mark';
import { countUnsynced } from './unsynced-count';

/**
 * Unsynced records that forbid a logout: none once the officer has exported all of it since
 * the last change ("Sao lưu": the data left the phone in their hands).
 */
export async function unsyncedBlockingLogout(db: AppDb): Promise<number> {
  const unsynced = await countUnsynced(db);
  if (unsynced === 0 || (await unsyncedAllInBackup(db))) return 0;
  return unsynced;
}
