import { createContext, useContext, type ReactNode } from 'react';
import type { AppDb } from './app-db';

const AppDbContext = createContext<AppDb | null>(null);

export function AppDbProvider({ db, children }: { db: AppDb; children: ReactNode }) {
  return <AppDbContext.Provider value={db}>{children}</AppDbContext.Provider>;
}

/** The signed-in officer's local database. */
export function useAppDb(): AppDb {
  const db = useContext(AppDbContext);
  if (!db) throw new Error('useAppDb must be used inside <AppDbProvider>');
  return db;
}
