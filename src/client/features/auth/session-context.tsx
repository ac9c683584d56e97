import { createContext, useContext, type ReactNode } from 'react';
import type { PublicUser } from '../../../shared/auth/auth-protocol';

/** Who is signed in on this device, and the token the sync engine sends. */
export interface Session {
  token: string;
  user: PublicUser;
  deviceName: string;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
