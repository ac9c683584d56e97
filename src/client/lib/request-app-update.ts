/**
 * Asks the browser to look for a newer service worker now, instead of at the next hourly check.
 * workbox-window, registered by features/pwa, hears the new worker install and the update
 * banner offers "Cập nhật" (the officer's drafts are saved before it reloads). A browser without
 * service workers (or a test) has nothing to update: nothing happens.
 */
export async function requestAppUpdate(): Promise<void> {
  try {
    const registration = await globalThis.navigator?.serviceWorker?.getRegistration();
    await registration?.update();
  } catch {
    // Offline or unsupported: the hourly check and the next start look again.
  }
}
