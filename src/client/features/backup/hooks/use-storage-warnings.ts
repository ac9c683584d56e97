import { useLiveQuery } from 'dexie-react-hooks';
import { useAppDb } from '../../../db/app-db-context';
import { withReopen } from '../../../db/app-db';
import { isIos, isStandalone } from '../../pwa/install-prompt';
import type { StorageEstimateResult } from '../../../lib/storage';

/** Share of the quota from which the officer is warned (issue 12). */
export const STORAGE_WARN_RATIO = 0.8;
/** Unsynced data older than this is at risk (lost phone, browser eviction): say so. */
export const STALE_UNSYNCED_MS = 3 * 24 * 60 * 60 * 1000;

/** Used share of the quota in percent (one decimal below 10), or null when not known. */
export function usedPercent(estimate: StorageEstimateResult | null): number | null {
  if (!estimate || estimate.usageBytes === null || !estimate.quotaBytes) return null;
  const percent = Math.min(100, (estimate.usageBytes / estimate.quotaBytes) * 100);
  return percent < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
}

export function storageNearlyFull(estimate: StorageEstimateResult | null): boolean {
  if (!estimate || estimate.usageBytes === null || !estimate.quotaBytes) return false;
  return estimate.usageBytes / estimate.quotaBytes >= STORAGE_WARN_RATIO;
}

/**
 * When the oldest change still waiting for the server was made, if that is more than 3 days
 * ago; null otherwise (undefined while reading).
 */
export function useStaleUnsyncedSince(now: () => number = Date.now): string | null | undefined {
  const db = useAppDb();
  return useLiveQuery(async () => {
    const oldest = await withReopen(db, () => db.outbox.orderBy('seq').first());
    if (!oldest) return null;
    const at = Date.parse(oldest.clientTime);
    return Number.isFinite(at) && now() - at > STALE_UNSYNCED_MS ? oldest.clientTime : null;
  }, [db]);
}

/** Safari on an iPhone/iPad, in a tab: its data goes after 7 days without use. */
export function iosTabAtRisk(): boolean {
  return isIos() && !isStandalone();
}
