import { useCallback, useSyncExternalStore } from 'react';
import { INITIAL_SYNC_STATE, type SyncState } from '../engine/sync-state';
import { useSyncEngine } from './sync-engine-context';

const noEngine = () => () => undefined;

/** The engine's observable state (phase, progress, last sync, counts, last error). */
export function useSyncState(): SyncState {
  const engine = useSyncEngine();
  const subscribe = useCallback(
    (onChange: () => void) => (engine ? engine.subscribe(onChange) : noEngine()),
    [engine],
  );
  const get = useCallback(() => (engine ? engine.getState() : INITIAL_SYNC_STATE), [engine]);
  return useSyncExternalStore(subscribe, get, get);
}

/** For the "Đồng bộ" button and for screens that want a sync right now. */
export function useRequestSync(): () => void {
  const engine = useSyncEngine();
  return useCallback(() => engine?.requestSync(), [engine]);
}
