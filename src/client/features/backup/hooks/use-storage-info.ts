import { useCallback, useEffect, useState } from 'react';
import {
  estimateStorage,
  isStoragePersisted,
  requestPersistentStorage,
  type StorageEstimateResult,
} from '../../../lib/storage';
import { onPersistenceAnswered } from '../../pwa/persist-once';

export type PersistState = 'granted' | 'denied' | 'unsupported' | 'unknown';

/** navigator.storage usage/quota and whether the data is protected from eviction. */
export function useStorageInfo() {
  const [estimate, setEstimate] = useState<StorageEstimateResult | null>(null);
  const [persist, setPersist] = useState<PersistState>('unknown');

  const refresh = useCallback(async () => {
    const [e, persisted] = await Promise.all([estimateStorage(), isStoragePersisted()]);
    setEstimate(e);
    setPersist(persisted === null ? 'unsupported' : persisted ? 'granted' : 'denied');
  }, []);

  useEffect(() => {
    void refresh();
    // The app may be asking right now (after login or a save): show that answer when it comes.
    return onPersistenceAnswered(() => void refresh());
  }, [refresh]);

  const request = useCallback(async () => {
    setPersist(await requestPersistentStorage());
    void refresh();
  }, [refresh]);

  return { estimate, persist, request };
}
