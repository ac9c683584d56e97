// What an officer types in a date box → an ISO date. Dates are dd/MM/yyyy in this app whatever
// the phone's language (the native date input would follow the browser: mm/dd/yyyy in en-US).

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "10/3/2025", "10.03.2025", "10-03-2025" or "2025-03-10" → "2025-03-10"; else undefined. */
export function parseDateInput(text: string): string | undefined {
  const t = text.trim();
  const dmy = DMY.exec(t);
  const iso = dmy ? undefined : ISO.exec(t);
  const [d, m, y] = dmy ? [dmy[1], dmy[2], dmy[3]] : iso ? [iso[3], iso[2], iso[1]] : [];
  if (!d || !m || !y) return undefined;
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The mask as digits are typed: "10032025" → "10/03/2025", "1003" → "10/03". Text with its own
 * separators ("1/3/2025", an ISO date pasted) is left alone.
 */
export function maskDateInput(text: string): string {
  if (!/^\d+$/.test(text)) return text;
  const digits = text.slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

/** An ISO date moved by whole days (arrow keys in the date box). */
export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
