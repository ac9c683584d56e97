import type { RegisterServiceWorker } from './hooks/use-app-update';

// Kept apart from the banner so tests never import the plugin's virtual module. The module is
// loaded after the first render, which keeps workbox-window out of the first-load bytes.
export const registerServiceWorker: RegisterServiceWorker = (options) => {
  const pending = import('virtual:pwa-register').then(({ registerSW }) => registerSW(options));
  return async (reloadPage) => (await pending)(reloadPage);
};
