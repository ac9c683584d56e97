// Forms register here while they hold input that is not yet in IndexedDB (typed, but the
// debounced autosave has not run). The update banner flushes them before it lets the new
// service worker reload the page, so an update never reloads over unsaved input.
type Flush = () => Promise<void>;

const pending = new Map<symbol, Flush>();

export function markUnsaved(key: symbol, flush: Flush): void {
  pending.set(key, flush);
}

export function markSaved(key: symbol): void {
  pending.delete(key);
}

export function hasUnsavedWork(): boolean {
  return pending.size > 0;
}

/** Saves every pending form draft now; true when nothing unsaved is left. */
export async function flushUnsavedWork(): Promise<boolean> {
  await Promise.allSettled([...pending.values()].map((flush) => flush()));
  return pending.size === 0;
}
