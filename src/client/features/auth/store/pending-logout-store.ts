// Tokens logged out on this device whose revocation the server has not confirmed yet (logout
// without network). Written BEFORE the session is forgotten, so a tab killed in between still
// revokes it later; each is sent to POST /api/auth/logout once the server answers.
const PENDING_LOGOUTS = 'outreach-log:pending-logouts';

export function pendingLogouts(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PENDING_LOGOUTS) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function addPendingLogout(token: string): void {
  const tokens = pendingLogouts();
  if (!tokens.includes(token)) tokens.push(token);
  localStorage.setItem(PENDING_LOGOUTS, JSON.stringify(tokens));
}

export function removePendingLogout(token: string): void {
  const tokens = pendingLogouts().filter((t) => t !== token);
  if (tokens.length === 0) localStorage.removeItem(PENDING_LOGOUTS);
  else localStorage.setItem(PENDING_LOGOUTS, JSON.stringify(tokens));
}
