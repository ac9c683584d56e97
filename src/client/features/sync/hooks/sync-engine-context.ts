import { createContext, useContext } from 'react';
import type { SyncEngine } from '../engine/sync-engine';

export const SyncEngineContext = createContext<SyncEngine | null>(null);

/** The running engine, or null outside a signed-in session (e.g. component tests). */
export function useSyncEngine(): SyncEngine | null {
  return useContext(SyncEngineContext);
}
