import type { Session } from '../session-context';
import type { PublicUser } from '../../../../shared/auth/auth-protocol';
import { ROLES } from '../../../../shared/auth/roles';

// The session lives in localStorage so the app opens offline after one online login. It is only
// a key to the server: the officer's data lives in their own database and never depends on it.
const SESSION_KEY = 'outreach-log:session';

export interface StoredSession extends Session {
  /** The server refused the token: ask for a new login, keep working offline meanwhile. */
  expired?: boolean;
}

// Checked by hand rather than with zod: this runs on every start, before anything else, and
// zod would add ~25 kB to the first load. The shape is the server's PublicUser.
const isText = (v: unknown): v is string => typeof v === 'string';

function isPublicUser(v: unknown): v is PublicUser {
  const u = v as Partial<Record<keyof PublicUser, unknown>> | null;
  return (
    typeof u === 'object' &&
    u !== null &&
    isText(u.id) &&
    isText(u.username) &&
    isText(u.displayName) &&
    isText(u.unitCode) &&
    (ROLES as readonly unknown[]).includes(u.role)
  );
}

export function parseStoredSession(value: unknown): StoredSession | null {
  const s = value as Partial<Record<keyof StoredSession, unknown>> | null;
  if (typeof s !== 'object' || s === null) return null;
  if (!isText(s.token) || s.token.length === 0 || !isText(s.deviceName) || !isPublicUser(s.user)) {
    return null;
  }
  if (s.expired !== undefined && typeof s.expired !== 'boolean') return null;
  // Sessions saved before geographies named a unit of the 2024 tree, the only one then.
  // The literal rather than geography-ids: this module is on the first load.
  const user = isText(s.user.geographyId) ? s.user : { ...s.user, geographyId: 'kien-giang-2024' };
  return { token: s.token, user, deviceName: s.deviceName, expired: s.expired };
}

export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    return parseStoredSession(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function saveSession(session: Session): StoredSession {
  const stored: StoredSession = { ...session, expired: false };
  localStorage.setItem(SESSION_KEY, JSON.stringify(stored));
  return stored;
}

/** Keeps the user (same user → same database) and drops only the token's validity. */
export function markSessionExpired(): StoredSession | null {
  const current = loadSession();
  if (!current) return null;
  const expired: StoredSession = { ...current, expired: true };
  localStorage.setItem(SESSION_KEY, JSON.stringify(expired));
  return expired;
}

export function clearSession(): void {
  localStorage.removeItem(SESSION_KEY);
}
