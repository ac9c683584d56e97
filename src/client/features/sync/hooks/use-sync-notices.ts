import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useAppDb } from '../../../db/app-db-context';
import type { SyncNotice } from '../../../db/app-db';
import { countUnsynced } from '../../../db/unsynced-count';
import { dismissSyncNotice, listSyncNotices } from '../store/sync-notice-store';

export function useSyncNotices(): {
  notices: SyncNotice[];
  dismiss: (id: string) => Promise<void>;
} {
  const db = useAppDb();
  const notices = useLiveQuery(() => listSyncNotices(db), [db]) ?? [];
  const dismiss = useCallback((id: string) => dismissSyncNotice(db, id), [db]);
  return { notices, dismiss };
}

/** Straight from the database, so it is right even before the engine reports. */
export function useUnsyncedTotal(): number | undefined {
  const db = useAppDb();
  return useLiveQuery(() => countUnsynced(db), [db]);
}
