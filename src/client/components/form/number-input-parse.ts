import type { AppLocale } from '../../../shared/format/vi-format';

export type NumberKind = 'count' | 'decimal' | 'money';

/**
 * What the officer typed → a number, or NaN when it is not one (the schema then says "Vui lòng
 * nhập một số." next to the field instead of silently storing 0). Thousands separators of the
 * UI language are accepted ("1.500.000" in Vietnamese); a decimal comma stays a decimal so that
 * "1,5" people is reported as not a whole number rather than read as 15.
 */
export function parseNumberInput(text: string, kind: NumberKind, locale: AppLocale): number {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return Number.NaN;
  let normalised: string;
  if (kind === 'decimal') normalised = trimmed.replace(',', '.');
  else if (locale === 'vi')
    normalised = trimmed.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  else normalised = trimmed.replace(/,(?=\d{3}(\D|$))/g, '');
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}
