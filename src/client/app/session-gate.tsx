import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiConfig } from '../lib/http/api-client';
import { loadSession, type StoredSession } from '../features/auth/store/session-store';
import { LoginScreen } from '../features/auth/components/login-screen';

// The database, Dexie and the sync engine load only once someone is signed in, so the login
// screen of a first visit paints with React and the texts alone (precached for offline starts).
const SignedIn = lazy(() => import('./signed-in'));

/**
 * Login screen when this device has no session; otherwise the officer's own database, the sync
 * engine and the app. An expired token never blocks offline work or touches local data: the app
 * stays usable and a new login is asked for over it.
 */
export function SessionGate({ children, api }: { children: ReactNode; api?: ApiConfig }) {
  const [session, setSession] = useState<StoredSession | null>(() => loadSession());
  if (!session)
    return <LoginScreen api={api} onLoggedIn={(s) => setSession({ ...s, expired: false })} />;
  return (
    <Suspense fallback={<Opening />}>
      <SignedIn key={session.user.id} session={session} api={api} onSessionChange={setSession}>
        {children}
      </SignedIn>
    </Suspense>
  );
}

function Opening() {
  const { t } = useTranslation();
  return (
    <p role="status" className="boot__msg">
      {t('auth.opening')}
    </p>
  );
}
