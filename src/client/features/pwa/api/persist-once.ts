import { requestPersistentStorage, type PersistResult } from '../../storage/api/storage';

// Ask for persistent storage once per app start, after the officer has something worth keeping
// (logged in, or saved a record). Chromium answers by heuristics; the settings screen shows it.
let request: Promise<PersistResult> | null = null;

export function requestPersistenceOnce(): Promise<PersistResult> {
  request ??= requestPersistentStorage();
  return request;
}
