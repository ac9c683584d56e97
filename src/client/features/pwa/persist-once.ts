import { requestPersistentStorage, type PersistResult } from '../../lib/storage';

// Ask for persistent storage once per app start, after the officer has something worth keeping
// (logged in, or saved a record). Chromium answers by heuristics; the settings screen shows it.
let request: Promise<PersistResult> | null = null;
const listeners = new Set<(result: PersistResult) => void>();

export function requestPersistenceOnce(): Promise<PersistResult> {
  // Nothing to ask in a browser without the API; do not remember that as an answer.
  if (typeof navigator === 'undefined' || !navigator.storage?.persist)
    return Promise.resolve('unsupported');
  if (!request) {
    request = requestPersistentStorage();
    void request.then((result) => listeners.forEach((l) => l(result)));
  }
  return request;
}

/** Calls back when this start's request has been answered (so a screen can show the answer). */
export function onPersistenceAnswered(listener: (result: PersistResult) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
