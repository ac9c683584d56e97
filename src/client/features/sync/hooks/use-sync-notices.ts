import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useAppDb } from '../../../db/app-db-context';
import { withReopen, type SyncNotice } from '../../../db/app-db';
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

/** Unsynced data older than this is at risk (a lost phone, the browser's eviction): say so. */
export const STALE_UNSYNCED_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * When the oldest change still waiting for the server was made, if that is more than 3 days
 * ago; null otherwise (and while reading).
 */
export function useStaleUnsyncedSince(now: () => number = Date.now): string | null {
  const db = useAppDb();
  return (
    useLiveQuery(async () => {
      const oldest = await withReopen(db, () => db.outbox.orderBy('seq').first());
      if (!oldest) return null;
      const at = Date.parse(oldest.clientTime);
      return Number.isFinite(at) && now() - at > STALE_UNSYNCED_MS ? oldest.clientTime : null;
    }, [db]) ?? null
  );
}
