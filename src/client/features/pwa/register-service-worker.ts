import type { RegisterServiceWorker } from './hooks/use-app-update';

// Kept apart from the banner so tests never import the plugin's virtual module. The module is
// loaded after the first render, which keeps workbox-window out of the first-load bytes.

let reloading = false;
function reloadOnce(): void {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

/** Drafts are saved before this runs, so a reload after the timeout cannot lose input. */
const RELOAD_FALLBACK_MS = 4000;

export const registerServiceWorker: RegisterServiceWorker = (options) => {
  const pending = import('virtual:pwa-register').then(({ registerSW }) =>
    registerSW({ ...options, onNeedReload: reloadOnce }),
  );
  return async (reloadPage) => {
    const activate = await pending;
    if (!reloadPage) return activate(false);
    // Reload when the new worker takes control. workbox-window reports that as an update only in
    // tabs that had a controller when they opened, so a tab open since the very first visit
    // would otherwise stay on the old version after "Cập nhật".
    navigator.serviceWorker?.addEventListener('controllerchange', reloadOnce, { once: true });
    setTimeout(reloadOnce, RELOAD_FALLBACK_MS);
    await activate(true);
  };
};
