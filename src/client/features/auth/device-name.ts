// A readable default for the device name asked at login, so an officer who loses a phone can
// tell the administrator which token to revoke ("Android · Chrome").
export function defaultDeviceName(
  userAgent: string = globalThis.navigator?.userAgent ?? '',
): string {
  const platform = /iPhone/.test(userAgent)
    ? 'iPhone'
    : /iPad/.test(userAgent)
      ? 'iPad'
      : /Android/.test(userAgent)
        ? androidModel(userAgent)
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(userAgent)
            ? 'Mac'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : '';
  const browser = /EdgA?\//.test(userAgent)
    ? 'Edge'
    : /SamsungBrowser\//.test(userAgent)
      ? 'Samsung Internet'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : '';
  return [platform, browser].filter(Boolean).join(' · ') || 'Thiết bị';
}

function androidModel(userAgent: string): string {
  // "Linux; Android 13; SM-A145F)" → "Android SM-A145F"; reduced UAs say only "K".
  const model = /Android [\d.]+; ([^;)]+)\)/.exec(userAgent)?.[1]?.trim();
  return model && model !== 'K' ? `Android ${model}` : 'Android';
}
