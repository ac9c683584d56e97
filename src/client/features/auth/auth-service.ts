import type { LoginRequest } from '../../../shared/sync/sync-protocol';
import type { Session } from './session-context';
import type { AppDb } from '../../db/app-db';
import type { ApiConfig } from '../../lib/http/api-client';
import { ApiError } from '../../lib/http/api-error';
import { clearSession, saveSession } from './store/session-store';

export type LoginFailure =
  'invalid-input' | 'wrong-credentials' | 'rate-limited' | 'offline' | 'server' | 'other';

export type LoginOutcome =
  { ok: true; session: Session } | { ok: false; failure: LoginFailure; detail: string };

/** Logs in online and stores the session; each failure is named so the screen can explain it. */
export async function logIn(input: LoginRequest, api: ApiConfig = {}): Promise<LoginOutcome> {
  // Loaded on demand: login happens once per device, and zod would weigh on every first load.
  const [{ loginRequestSchema }, { login }] = await Promise.all([
    import('../../../shared/sync/sync-protocol'),
    import('./http/auth-http'),
  ]);
  const parsed = loginRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, failure: 'invalid-input', detail: parsed.error.message };
  try {
    const response = await login(api, parsed.data);
    const session: Session = {
      token: response.token,
      user: response.user,
      deviceName: parsed.data.deviceName,
    };
    saveSession(session);
    return { ok: true, session };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const failure: LoginFailure =
      error.kind === 'unauthorized'
        ? 'wrong-credentials'
        : error.kind === 'rate-limited'
          ? 'rate-limited'
          : error.kind === 'network'
            ? 'offline'
            : error.kind === 'server' || error.kind === 'invalid-response'
              ? 'server'
              : 'other';
    return { ok: false, failure, detail: error.message };
  }
}

export type LogoutOutcome = { ok: true } | { ok: false; unsynced: number };

/**
 * Forgets the session on this device, refused while anything is unsynced. The database itself
 * is never deleted: the same officer logging in again finds everything as it was.
 */
export async function logOut(db: AppDb): Promise<LogoutOutcome> {
  // Loaded here, not at the top: the login screen must not pull Dexie into the first load.
  const { countUnsynced } = await import('../../db/unsynced-count');
  const unsynced = await countUnsynced(db);
  if (unsynced > 0) return { ok: false, unsynced };
  clearSession();
  return { ok: true };
}
