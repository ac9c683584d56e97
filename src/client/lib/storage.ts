// Browsers may evict site data under storage pressure unless it is persistent (Safari also
// after 7 days without use, unless installed). Ask, and show the answer and the usage.

export type PersistResult = 'granted' | 'denied' | 'unsupported';

export async function requestPersistentStorage(): Promise<PersistResult> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

export async function isStoragePersisted(): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persisted) return null;
  try {
    return await storage.persisted();
  } catch {
    return null;
  }
}

export interface StorageEstimateResult {
  /** Bytes used by this site; null when the browser does not say. */
  usageBytes: number | null;
  /** Bytes this site may use in total; null when the browser does not say. */
  quotaBytes: number | null;
  /** Bytes still available (quota − usage); null when unknown. */
  availableBytes: number | null;
}

export async function estimateStorage(): Promise<StorageEstimateResult> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return { usageBytes: null, quotaBytes: null, availableBytes: null };
  try {
    const { usage, quota } = await storage.estimate();
    const usageBytes = usage ?? null;
    const quotaBytes = quota ?? null;
    const availableBytes =
      usageBytes !== null && quotaBytes !== null ? Math.max(0, quotaBytes - usageBytes) : null;
    return { usageBytes, quotaBytes, availableBytes };
  } catch {
    return { usageBytes: null, quotaBytes: null, availableBytes: null };
  }
}

/**
 * The browser refused a write because the origin's storage quota is used up (the phone is
 * full): IndexedDB's QuotaExceededError, as thrown or wrapped by Dexie (`inner`).
 */
export function isStorageFull(error: unknown): boolean {
  const nameOf = (e: unknown) => (e as { name?: unknown } | null | undefined)?.name;
  return [error, (error as { inner?: unknown } | null | undefined)?.inner].some(
    (e) => nameOf(e) === 'QuotaExceededError',
  );
}
