// Imported by the generated service worker (vite.config.ts, workbox importScripts).
// Background Sync (Chromium) wakes the worker when connectivity returns; the sync engine runs in
// the page, where the session lives, so the worker only forwards the wake-up to open pages.
// The two strings must equal BACKGROUND_SYNC_TAG and SYNC_REQUEST_MESSAGE in
// src/client/features/sync/engine/background-sync.ts (test/client/sw-background-sync.test.ts).
self.addEventListener('sync', (event) => {
  if (event.tag !== 'outreach-log-sync') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'outreach-log:sync-requested' });
    }),
  );
});
