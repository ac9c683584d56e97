import { lazy } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { SessionGate } from './session-gate';
import { UpdateBanner } from '../features/pwa/components/update-banner';
import type { RegisterServiceWorker } from '../features/pwa/hooks/use-app-update';

// Loaded with the signed-in part (see SessionGate): the screens need Dexie, the login does not.
const AppShell = lazy(() => import('./app-shell').then((m) => ({ default: m.AppShell })));

/** The whole app: language, the update banner (also on the login screen), session, shell. */
export function App({ i18n, registerSW }: { i18n: I18n; registerSW?: RegisterServiceWorker }) {
  return (
    <I18nextProvider i18n={i18n}>
      <UpdateBanner register={registerSW} />
      <SessionGate>
        <AppShell />
      </SessionGate>
    </I18nextProvider>
  );
}
