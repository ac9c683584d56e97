import { z } from 'zod';
import { publicUserSchema } from '../../../../shared/sync/sync-protocol';
import type { Session } from '../../../db/app-db-context';

// The session lives in localStorage so the app opens offline after one online login. It is only
// a key to the server: the officer's data lives in their own database and never depends on it.
const SESSION_KEY = 'outreach-log:session';

const storedSessionSchema = z.object({
  token: z.string().min(1),
  user: publicUserSchema,
  deviceName: z.string(),
  /** The server refused the token: ask for a new login, keep working offline meanwhile. */
  expired: z.boolean().optional(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
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
