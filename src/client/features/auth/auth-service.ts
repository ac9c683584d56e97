import type { LoginRequest } from '../../../shared/auth/auth-protocol';
import type { Session } from './session-context';
import type { AppDb } from '../../db/app-db';
import type { ApiConfig } from '../../lib/http/api-client';
import { ApiError } from '../../lib/http/api-error';
import {
  clearSession,
  markSessionExpired,
  saveSession,
  type StoredSession,
} from './store/session-store';
import { deviceKeyFor, rememberDeviceKey } from './store/device-key-store';
import {
  addPendingLogout,
  pendingLogouts,
  removePendingLogout,
} from './store/pending-logout-store';

export type LoginFailure =
  'invalid-input' | 'wrong-credentials' | 'rate-limited' | 'offline' | 'server' | 'other';

export type LoginOutcome =
  | { ok: true; session: Session }
  | {
      ok: false;
      failure: LoginFailure;
      detail: string;
      /** Locked out: how long until the server lets this account try again, when it said. */
      retryAfterMinutes?: number;
    };

/** Logs in online and stores the session; each failure is named so the screen can explain it. */
export async function logIn(input: LoginRequest, api: ApiConfig = {}): Promise<LoginOutcome> {
  // Loaded on demand: login happens once per device, and zod would weigh on every first load.
  const [{ loginRequestSchema }, { login }] = await Promise.all([
    import('../../../shared/auth/auth-protocol'),
    import('./http/auth-http'),
  ]);
  const deviceKey = input.deviceKey ?? deviceKeyFor(input.username);
  const parsed = loginRequestSchema.safeParse(deviceKey ? { ...input, deviceKey } : input);
  if (!parsed.success) return { ok: false, failure: 'invalid-input', detail: parsed.error.message };
  try {
    const response = await login(api, parsed.data);
    if (response.deviceKey) rememberDeviceKey(parsed.data.username, response.deviceKey);
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
    const minutes = failure === 'rate-limited' ? lockoutMinutes(error) : undefined;
    return {
      ok: false,
      failure,
      detail: error.message,
      ...(minutes ? { retryAfterMinutes: minutes } : {}),
    };
  }
}

/** The server's own count of minutes (params.minutes), or Retry-After rounded up. */
function lockoutMinutes(error: ApiError): number | undefined {
  const said = error.problem?.params?.minutes;
  if (typeof said === 'number' && said > 0) return Math.ceil(said);
  if (error.retryAfterMs && error.retryAfterMs > 0) return Math.ceil(error.retryAfterMs / 60_000);
  return undefined;
}

export interface LogoutRefusal {
  unsynced: number;
  photos: number;
}

export type LogoutOutcome =
  | {
      ok: true;
      /** False: no network; the server is told later (flushPendingLogouts). */ serverConfirmed: boolean;
    }
  | ({ ok: false } & LogoutRefusal);

/**
 * What forbids a logout now (unsynced records or photos not in the last backup), or null. Asked
 * before the officer is asked to confirm: "Đăng xuất?" then "Không thể đăng xuất" is one tap too many.
 */
export async function logoutRefusal(db: AppDb): Promise<LogoutRefusal | null> {
  const { logoutBlockers } = await import('../../db/logout-blockers');
  const { records, photos } = await logoutBlockers(db);
  return records > 0 || photos > 0 ? { unsynced: records, photos } : null;
}

// A logout is not worth a minute's wait on a bad network: the revocation is retried later.
const LOGOUT_TIMEOUT_MS = 10_000;

/**
 * Logs this device out: refused while anything is unsynced (the officer must sync first, so
 * nothing waits on a phone nobody is logged in to), unless all of it is in a backup file taken
 * since the last change. Otherwise the token is queued for
 * revocation, forgotten locally, and sent to POST /api/auth/logout; without network it stays
 * queued and is sent when the app next reaches the server. The local database is never
 * deleted: the same officer logging in again finds everything as it was.
 */
export async function logOut(
  db: AppDb,
  token: string,
  api: ApiConfig = {},
): Promise<LogoutOutcome> {
  // Loaded here, not at the top: the login screen must not pull Dexie into the first load.
  const { logoutBlockers } = await import('../../db/logout-blockers');
  const { records, photos } = await logoutBlockers(db);
  if (records > 0 || photos > 0) return { ok: false, unsynced: records, photos };
  addPendingLogout(token);
  clearSession();
  const left = await flushPendingLogouts({ ...api, timeoutMs: LOGOUT_TIMEOUT_MS });
  return { ok: true, serverConfirmed: !left.includes(token) };
}

/**
 * Another officer logged in over this one's app (the "log in again" box): like a logout, refused
 * while this officer's data is unsynced and not in a backup. Refused, the other account's new
 * token is revoked and this officer's session stays the stored one.
 */
export async function userSwitchBlockers(
  db: AppDb,
  current: StoredSession,
  next: Session,
  api: ApiConfig = {},
): Promise<{ unsynced: number; photos: number } | null> {
  if (next.user.id === current.user.id) return null;
  const { logoutBlockers } = await import('../../db/logout-blockers');
  const { records, photos } = await logoutBlockers(db);
  if (records === 0 && photos === 0) return null;
  saveSession(current);
  if (current.expired) markSessionExpired();
  addPendingLogout(next.token);
  void flushPendingLogouts({ ...api, timeoutMs: LOGOUT_TIMEOUT_MS }).catch(() => undefined);
  return { unsynced: records, photos };
}

/**
 * Sends every queued logout to the server; a token it confirms, or already refuses (401), is
 * done. Returns the tokens still waiting (no network, server error).
 */
export async function flushPendingLogouts(api: ApiConfig = {}): Promise<string[]> {
  const tokens = pendingLogouts();
  if (tokens.length === 0) return [];
  const { logout } = await import('./http/auth-http');
  for (const token of tokens) {
    try {
      await logout(api, token);
      removePendingLogout(token);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.kind === 'unauthorized') removePendingLogout(token);
    }
  }
  return pendingLogouts();
}
