import type { AppLocale } from './vi-format';

export type NumberKind = 'count' | 'decimal' | 'money';

// Money words officers type after a number: "1,5 triệu", "1.5tr", "2 tỷ", "500k", "500 nghìn".
const MULTIPLIERS: readonly [RegExp, number][] = [
  [/(triệu|trieu|tr)$/, 6],
  [/(tỷ|tỉ|ty)$/, 9],
  [/(nghìn|ngàn|nghin|ngan|k)$/, 3],
];
const CURRENCY = /(đồng|dong|vnđ|vnd|đ)$/;

/**
 * What the officer typed → a number, or NaN when it is not one (the form then says exactly what
 * to type, instead of silently storing 0). Accepted: "1.500.000" and "1,500,000" (a separator
 * repeated in groups of three is a thousands separator whatever the language); one separator
 * followed by three digits is the UI language's thousands separator ("1.500" = 1500 in
 * Vietnamese), otherwise a decimal point, so that "1,5" people is reported as not a whole number
 * rather than read as 15. Money also takes "1.500.000 đ", "1,5 triệu", "1.5tr", "2 tỷ", "500k".
 */
export function parseNumberInput(text: string, kind: NumberKind, locale: AppLocale): number {
  let s = text.toLowerCase().replace(/[\s\u00a0\u202f]/g, '');
  let shift = 0;
  if (kind === 'money') {
    s = s.replace(CURRENCY, '');
    for (const [word, power] of MULTIPLIERS) {
      if (word.test(s)) {
        s = s.replace(word, '');
        shift = power;
        break;
      }
    }
  }
  const match = /^(-?)(\d[\d.,]*)$/.exec(s);
  if (!match) return Number.NaN;
  const digits = splitDecimal(match[2]!, kind, locale, shift > 0);
  if (!digits) return Number.NaN;
  const [whole, fraction] = digits;
  // Shift the decimal point as text so that "1,1 triệu" is exactly 1100000 (1.1 * 1e6 is not).
  const intText = whole + fraction.slice(0, shift).padEnd(shift, '0');
  const rest = fraction.slice(shift);
  const value = Number(rest ? `${intText}.${rest}` : intText);
  return match[1] === '-' ? -value : value;
}

/** "1.500.000,5" → ['1500000', '5']; undefined when the separators make no sense. */
function splitDecimal(
  body: string,
  kind: NumberKind,
  locale: AppLocale,
  hasMultiplier: boolean,
): [string, string] | undefined {
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  if (dots > 0 && commas > 0) {
    const decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const [intPart, fraction, extra] = body.split(decimal);
    if (extra !== undefined || !fraction || !grouped(intPart!, thousands)) return undefined;
    return [intPart!.split(thousands).join(''), fraction];
  }
  const sep = dots > 0 ? '.' : commas > 0 ? ',' : '';
  if (!sep) return [body, ''];
  if (dots + commas > 1) return grouped(body, sep) ? [body.split(sep).join(''), ''] : undefined;
  const [intPart, fraction] = body.split(sep) as [string, string];
  if (!intPart || !fraction) return undefined;
  const localeThousands = locale === 'vi' ? '.' : ',';
  const asThousands =
    kind !== 'decimal' && !hasMultiplier && sep === localeThousands && grouped(body, sep);
  return asThousands ? [intPart + fraction, ''] : [intPart, fraction];
}

/** "1.500.000" with sep '.': 1–3 digits, then groups of exactly three. */
function grouped(text: string, sep: string): boolean {
  const [head, ...groups] = text.split(sep);
  return /^\d{1,3}$/.test(head!) && groups.length > 0 && groups.every((g) => /^\d{3}$/.test(g));
}
