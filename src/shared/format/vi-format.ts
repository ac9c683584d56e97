// vi-VN formats fixed by the glossary: 1.500.000 and dd/MM/yyyy. Intl is used for numbers so the
// English locale gets 1,500,000; dates are formatted by hand because plan reports always use
// dd/MM/yyyy regardless of language.
export type AppLocale = 'vi' | 'en';

const numberFormats = new Map<AppLocale, Intl.NumberFormat>();

export function formatNumber(value: number, locale: AppLocale = 'vi'): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
      maximumFractionDigits: 2,
    });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

export function formatVnd(value: number, locale: AppLocale = 'vi'): string {
  return `${formatNumber(value, locale)} đ`;
}

/** '2024-04-04' → '04/04/2024'. */
export function formatIsoDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  if (!y || !m || !d) return isoDate;
  return `${d}/${m}/${y}`;
}

/** ISO timestamp → 'dd/MM/yyyy HH:mm' in Vietnam time (UTC+7, no daylight saving). */
export function formatIsoDateTime(isoDateTime: string): string {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) return isoDateTime;
  const vn = new Date(ms + VN_OFFSET_MS).toISOString();
  return `${formatIsoDate(vn)} ${vn.slice(11, 16)}`;
}

export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * ISO timestamp → its day, 'dd/MM/yyyy', in Vietnam time. formatIsoDate on a timestamp would
 * give the UTC day: anything done before 07:00 in Vietnam would be dated the day before.
 */
export function formatIsoDayOf(isoDateTime: string): string {
  const ms = Date.parse(isoDateTime);
  return Number.isNaN(ms) ? isoDateTime : formatIsoDate(todayInVietnam(ms));
}

/** ISO timestamp → 'HH:mm:ss' in Vietnam time (a moment within the next minutes). */
export function formatIsoTime(isoDateTime: string): string {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) return isoDateTime;
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(11, 19);
}

/** Today's date in Vietnam as 'YYYY-MM-DD': the plan's dates are local dates. */
export function todayInVietnam(now: number = Date.now()): string {
  return new Date(now + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM' of an ISO date, the month an activity is listed under. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}
