import { createContext, useContext, type ReactNode } from 'react';
import type { PublicUser } from '../../shared/sync/sync-protocol';
import type { AppDb } from './app-db';

export interface Session {
  token: string;
  user: PublicUser;
  deviceName: string;
}

interface AppDbContextValue {
  db: AppDb;
  session: Session;
}

const AppDbContext = createContext<AppDbContextValue | null>(null);

export function AppDbProvider({
  db,
  session,
  children,
}: {
  db: AppDb;
  session: Session;
  children: ReactNode;
}) {
  return <AppDbContext.Provider value={{ db, session }}>{children}</AppDbContext.Provider>;
}

function useAppDbContext(): AppDbContextValue {
  const value = useContext(AppDbContext);
  if (!value) throw new Error('useAppDb/useSession must be used inside <AppDbProvider>');
  return value;
}

/** The signed-in officer's local database. */
export function useAppDb(): AppDb {
  return useAppDbContext().db;
}

export function useSession(): Session {
  return useAppDbContext().session;
}
