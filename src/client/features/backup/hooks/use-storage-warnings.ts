import { isIos, isStandalone } from '../../pwa/install-prompt';
import type { StorageEstimateResult } from '../../../lib/storage';

/** Share of the quota from which the officer is warned (issue 12). */
export const STORAGE_WARN_RATIO = 0.8;
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

/** Safari on an iPhone/iPad, in a tab: its data goes after 7 days without use. */
export function iosTabAtRisk(): boolean {
  return isIos() && !isStandalone();
}
