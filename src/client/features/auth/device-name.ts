// A readable default for the device name asked at login, so an officer who loses a phone can
// tell the administrator which one to revoke: "Điện thoại Android SM-A145F", "iPhone",
// "Máy tính Windows" — what the officer calls the device, not "Linux · Chrome".

export type DeviceKind = 'phone' | 'tablet' | 'computer';

export interface DeviceGuess {
  /** Null when nothing is known: the caller says "Thiết bị". */
  kind: DeviceKind | null;
  /** "Android SM-A145F", "Windows", "Mac"… or '' ("iPhone" and "iPad" are the whole name). */
  os: string;
}

export interface DeviceEnvironment {
  userAgent: string;
  /** navigator.userAgentData.mobile (Chromium), when the browser gives it. */
  mobile?: boolean;
  /** navigator.userAgentData.platform (Chromium): "Android", "Windows", "macOS", "Linux"… */
  platform?: string;
  maxTouchPoints?: number;
  /** The screen's shorter side in CSS px. */
  shortSide?: number;
}

export function guessDevice(env: DeviceEnvironment): DeviceGuess {
  const ua = env.userAgent;
  const platform = env.platform ?? '';
  if (/iPhone|iPod/.test(ua)) return { kind: 'phone', os: 'iPhone' };
  // iPadOS reports a Mac; a touch screen tells them apart.
  if (/iPad/.test(ua) || (/Macintosh/.test(ua) && (env.maxTouchPoints ?? 0) > 1))
    return { kind: 'tablet', os: 'iPad' };
  if (/Android/.test(ua) || platform === 'Android') {
    const phone = env.mobile ?? /Mobile/.test(ua);
    return { kind: phone ? 'phone' : 'tablet', os: androidName(ua) };
  }
  if (/CrOS/.test(ua) || platform === 'Chrome OS') return { kind: 'computer', os: 'Chromebook' };
  // A small touch screen is a phone whatever the system says (Linux phones, emulated phones).
  const touch = (env.maxTouchPoints ?? 0) > 0;
  if (env.mobile || (touch && (env.shortSide ?? Infinity) < 600)) return { kind: 'phone', os: '' };
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X|Macintosh/.test(ua)
      ? 'Mac'
      : /Linux|X11/.test(ua)
        ? 'Linux'
        : '';
  return { kind: os ? 'computer' : null, os };
}

function androidName(ua: string): string {
  // "Linux; Android 13; SM-A145F)" → "Android SM-A145F"; reduced UAs say only "K".
  const model = /Android [\d.]+; ([^;)]+)\)/.exec(ua)?.[1]?.trim();
  return model && model !== 'K' ? `Android ${model}` : 'Android';
}

/** What this browser can tell about its device. */
export function currentDeviceEnvironment(): DeviceEnvironment {
  const nav = globalThis.navigator as
    (Navigator & { userAgentData?: { mobile?: boolean; platform?: string } }) | undefined;
  const screen = globalThis.screen as Screen | undefined;
  return {
    userAgent: nav?.userAgent ?? '',
    mobile: nav?.userAgentData?.mobile,
    platform: nav?.userAgentData?.platform,
    maxTouchPoints: nav?.maxTouchPoints ?? 0,
    shortSide: screen && screen.width > 0 ? Math.min(screen.width, screen.height) : undefined,
  };
}
