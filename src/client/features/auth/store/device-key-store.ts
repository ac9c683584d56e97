// The key the server gave this device at its first login to an account (per username, as the
// server normalises it). Sent with every later login to that account, it proves the device has
// logged in there before, so other people's failed guesses at the username never lock it out.
// Kept across logouts on purpose: it is no credential by itself (the password is still needed).
const DEVICE_KEYS = 'outreach-log:device-keys';

const normalise = (username: string) => username.trim().toLowerCase();

function readAll(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DEVICE_KEYS) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

export function deviceKeyFor(username: string): string | undefined {
  const key = readAll()[normalise(username)];
  return key && key.length > 0 ? key : undefined;
}

export function rememberDeviceKey(username: string, key: string): void {
  localStorage.setItem(DEVICE_KEYS, JSON.stringify({ ...readAll(), [normalise(username)]: key }));
}
