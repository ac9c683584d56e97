import { createContext, useContext } from 'react';
import type { LogoutOutcome, LogoutRefusal } from '../auth-service';

export interface SessionControls {
  /** The server refused the token; local work goes on, sync waits for a new login. */
  expired: boolean;
  /** Opens the login form over the app (nothing underneath is unmounted). */
  requestLogin: () => void;
  /** Refused (ok: false) while unsynced records exist. */
  logout: () => Promise<LogoutOutcome>;
  /** What would refuse a logout now (null: nothing), asked before "Đăng xuất?" is. */
  logoutRefusal: () => Promise<LogoutRefusal | null>;
}

export const SessionControlsContext = createContext<SessionControls | null>(null);

/** Null outside SessionGate (component tests render screens without it). */
export function useSessionControls(): SessionControls | null {
  return useContext(SessionControlsContext);
}
