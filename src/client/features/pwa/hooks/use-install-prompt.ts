import { useSyncExternalStore } from 'react';
import { installPromptAvailable, promptInstall, subscribeInstallPrompt } from '../install-prompt';

/** The browser's install dialog when it offered one (Chromium), else null. */
export function useInstallPrompt(): (() => Promise<boolean>) | null {
  const available = useSyncExternalStore(
    subscribeInstallPrompt,
    installPromptAvailable,
    () => false,
  );
  return available ? promptInstall : null;
}
