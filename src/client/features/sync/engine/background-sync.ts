// Background Sync (Chromium only) wakes the service worker when connectivity returns, even if
// the page is in the background. The worker cannot run the engine (the session lives in the
// page), so it forwards the event to open pages, whose engine then syncs.

/** Tag registered with `registration.sync.register()`; the service worker listens for it. */
export const BACKGROUND_SYNC_TAG = 'outreach-log-sync';

/** Message the service worker posts to its clients on a `sync` event with that tag. */
export const SYNC_REQUEST_MESSAGE = 'outreach-log:sync-requested';

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Asks the browser for a background sync; silently does nothing where unsupported. */
export async function registerBackgroundSync(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.serviceWorker) return false;
    const registration = await Promise.race([
      navigator.serviceWorker.ready,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000)),
    ]);
    const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | null)
      ?.sync;
    if (!sync) return false;
    await sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}

/** Calls `onRequest` whenever the service worker forwards a background sync. */
export function listenForBackgroundSync(onRequest: () => void): () => void {
  if (typeof navigator === 'undefined' || !navigator.serviceWorker) return () => undefined;
  const handler = (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null;
    if (data && data.type === SYNC_REQUEST_MESSAGE) onRequest();
  };
  navigator.serviceWorker.addEventListener('message', handler);
  return () => navigator.serviceWorker.removeEventListener('message', handler);
}
