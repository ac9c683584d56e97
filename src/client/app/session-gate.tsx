import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiConfig } from '../lib/http/api-client';
import { loadSession, type StoredSession } from '../features/auth/store/session-store';
import { pendingLogouts } from '../features/auth/store/pending-logout-store';
import { LoginScreen } from '../features/auth/components/login-screen';
import { Opening } from './opening';

// The database, Dexie and the sync engine load only once someone is signed in, so the login
// screen of a first visit paints with React and the texts alone (precached for offline starts).
const loadSignedIn = () => import('./signed-in');
const SignedIn = lazy(loadSignedIn);

// Fetched and compiled while the login request is in flight (and on a start with a session):
// a new phone's first pull then starts as soon as the server answers, not after two chunk loads
// one after the other (the signed-in part, then the shell it draws).
function preloadSignedIn(): void {
  void loadSignedIn().catch(() => undefined);
  void import('./app-shell').catch(() => undefined);
}

/**
 * Login screen when this device has no session; otherwise the officer's own database, the sync
 * engine and the app. An expired token never blocks offline work or touches local data: the app
 * stays usable and a new login is asked for over it.
 */
export function SessionGate({ children, api }: { children: ReactNode; api?: ApiConfig }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<StoredSession | null>(() => loadSession());
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [lastUsername, setLastUsername] = useState<string | undefined>(undefined);
  // Logged in on this screen now (not a stored session): a new phone's first pull starts at once.
  const [freshLogin, setFreshLogin] = useState(false);

  // A logout made without network is sent to the server when it can be reached again.
  useEffect(() => {
    const flush = () => {
      if (pendingLogouts().length === 0) return;
      void import('../features/auth/auth-service').then(({ flushPendingLogouts }) =>
        flushPendingLogouts(api).catch(() => undefined),
      );
    };
    flush();
    window.addEventListener('online', flush);
    return () => window.removeEventListener('online', flush);
  }, [api, session]);

  const onLoggedOut = useCallback(
    (serverConfirmed: boolean) => {
      setLastUsername(session?.user.username);
      setNotice(serverConfirmed ? t('auth.loggedOut') : t('auth.loggedOutOffline'));
      setSession(null);
    },
    [session, t],
  );

  useEffect(() => {
    if (session) preloadSignedIn();
  }, [session]);

  if (!session)
    return (
      <LoginScreen
        api={api}
        onSubmitting={preloadSignedIn}
        initialUsername={lastUsername}
        notice={notice}
        onLoggedIn={(s) => {
          setNotice(undefined);
          setFreshLogin(true);
          setSession({ ...s, expired: false });
        }}
      />
    );
  return (
    <Suspense fallback={<Opening />}>
      <SignedIn
        key={session.user.id}
        session={session}
        api={api}
        onSessionChange={setSession}
        onLoggedOut={onLoggedOut}
        freshLogin={freshLogin}
      >
        {children}
      </SignedIn>
    </Suspense>
  );
}
