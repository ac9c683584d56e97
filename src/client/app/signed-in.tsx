import {
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useAppTexts } from '../lib/use-app-texts';
import { openAppDb } from '../db/app-db';
import { AppDbProvider } from '../db/app-db-context';
import { SessionProvider, type Session } from '../features/auth/session-context';
import { warmSearchIndex } from '../db/search-index';
import type { ApiConfig } from '../lib/http/api-client';
import { ApiConfigProvider } from '../lib/http/api-config-context';
import { SyncEngine } from '../features/sync/engine/sync-engine';
import { SyncEngineContext } from '../features/sync/hooks/sync-engine-context';
import { logOut, logoutRefusal, userSwitchBlockers } from '../features/auth/auth-service';
import {
  markSessionExpired,
  saveSession,
  type StoredSession,
} from '../features/auth/store/session-store';
import {
  SessionControlsContext,
  type SessionControls,
} from '../features/auth/hooks/session-controls-context';
import { LoginScreen } from '../features/auth/components/login-screen';
import { Opening } from './opening';

/** The signed-in officer's database, sync engine and session controls around the app. */
export default function SignedIn({
  session,
  api,
  onSessionChange,
  onLoggedOut,
  freshLogin = false,
  children,
}: {
  session: StoredSession;
  /** The officer has just logged in (not a start with a stored session): see pullAtStart. */
  freshLogin?: boolean;
  api: ApiConfig | undefined;
  onSessionChange: (session: StoredSession | null) => void;
  /** The session is forgotten here; `serverConfirmed` false: the server is told later. */
  onLoggedOut: (serverConfirmed: boolean) => void;
  children: ReactNode;
}) {
  useAppTexts();
  const { t } = useTranslation();
  const [loginOpen, setLoginOpen] = useState(false);
  const [switchRefused, setSwitchRefused] = useState<string | undefined>(undefined);
  const db = useMemo(() => {
    const opened = openAppDb(session.user.id);
    warmSearchIndex(opened);
    return opened;
  }, [session.user.id]);
  const latest = useRef(session);
  latest.current = session;
  // Set once the token is forgotten: a 401 from a sync still in flight must not bring it back.
  const loggedOut = useRef(false);

  const engine = useMemo(
    () =>
      new SyncEngine({
        db,
        userId: session.user.id,
        token: session.token,
        user: session.user,
        api,
        // The account was moved to another unit: the phone takes the new scope at once.
        onAccountChanged: (user) => {
          if (loggedOut.current) return;
          const { expired, ...current } = latest.current;
          const next = saveSession({ ...current, user });
          onSessionChange(expired ? { ...next, expired } : next);
        },
        pullAtStart: freshLogin,
        onSessionExpired: () => {
          if (!loggedOut.current)
            onSessionChange(markSessionExpired() ?? { ...latest.current, expired: true });
        },
      }),
    // One engine per user and database; a new token is handed over with setToken below.
    [db],
  );

  // A layout effect: runs as this part commits, not after the browser paints it, so a new
  // phone's first pull leaves before the home screen's first render.
  useLayoutEffect(() => {
    if (latest.current.expired) engine.markSessionExpired();
    engine.start();
    return () => engine.stop();
  }, [engine]);

  const firstToken = useRef(session.token);
  useEffect(() => {
    if (session.token !== firstToken.current && !session.expired) engine.setToken(session.token);
  }, [engine, session.token, session.expired]);

  const logout = useCallback(async () => {
    // No sync may start with the token while it is being revoked; restarted if refused.
    engine.stop();
    await engine.whenIdle();
    const outcome = await logOut(db, latest.current.token, api);
    if (outcome.ok) {
      loggedOut.current = true;
      onLoggedOut(outcome.serverConfirmed);
    } else {
      engine.start();
    }
    return outcome;
  }, [db, engine, api, onLoggedOut]);

  const controls: SessionControls = useMemo(
    () => ({
      expired: session.expired === true,
      requestLogin: () => setLoginOpen(true),
      logout,
      logoutRefusal: () => logoutRefusal(db),
    }),
    [session.expired, logout, db],
  );

  const apiConfig = useMemo(() => api ?? {}, [api]);
  const plainSession: Session = {
    token: session.token,
    user: session.user,
    deviceName: session.deviceName,
  };
  return (
    <AppDbProvider db={db}>
      <SessionProvider session={plainSession}>
        <SyncEngineContext.Provider value={engine}>
          <SessionControlsContext.Provider value={controls}>
            <ApiConfigProvider api={apiConfig}>
              {/* Its own boundary: this part commits (and its effect starts the sync engine:
                  the database opens and a new phone's first pull leaves) while the shell's
                  chunk still loads and the home screen renders. */}
              <Suspense fallback={<Opening />}>{children}</Suspense>
            </ApiConfigProvider>
            {loginOpen && (
              <div
                className="login-overlay"
                role="dialog"
                aria-modal="true"
                aria-label={t('auth.title')}
                style={OVERLAY}
              >
                <LoginScreen
                  inDialog
                  api={api}
                  initialUsername={session.user.username}
                  notice={switchRefused ?? (session.expired ? t('auth.sessionExpired') : undefined)}
                  onCancel={() => {
                    setSwitchRefused(undefined);
                    setLoginOpen(false);
                  }}
                  onLoggedIn={(next) => {
                    void userSwitchBlockers(db, latest.current, next, api).then((blocked) => {
                      if (blocked) {
                        setSwitchRefused(
                          [
                            t('auth.switchRefused', {
                              count: blocked.unsynced,
                              name: latest.current.user.displayName,
                            }),
                            blocked.photos > 0
                              ? t('auth.logoutPhotos', { count: blocked.photos })
                              : '',
                          ].join(' '),
                        );
                        return;
                      }
                      setSwitchRefused(undefined);
                      setLoginOpen(false);
                      onSessionChange({ ...next, expired: false });
                    });
                  }}
                />
              </div>
            )}
          </SessionControlsContext.Provider>
        </SyncEngineContext.Provider>
      </SessionProvider>
    </AppDbProvider>
  );
}

// Over the app, so a half-filled form underneath stays mounted while the officer logs in again.
const OVERLAY = {
  position: 'fixed',
  inset: 0,
  overflowY: 'auto',
  background: 'var(--color-bg, #fff)',
  zIndex: 1000,
  padding: 16,
} as const;
