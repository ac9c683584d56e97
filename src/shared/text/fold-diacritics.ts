// Officers type on keyboards without Vietnamese input, so "doi thoai" must find "Đối thoại".
// NFD splits base letters from tone and vowel marks; đ/Đ have no decomposition and are mapped.
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** The fold by definition: what `foldDiacritics` returns for every string. */
export function foldDiacriticsByNormalizing(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

// A new phone folds 10,000 records' search texts in its first sync, and normalize('NFD') was
// most of that time. Each character of the ranges below whose fold alone is one character (ASCII,
// every precomposed Vietnamese letter, other Latin letters, common punctuation such as – “ ” …)
// gets it from this table, computed from the definition itself. That is exact for whole strings:
// each such character is a starter (a base letter, then marks), so nothing reorders across
// characters, the marks go, and lower-casing what is left needs no context (only Σ does, which
// is not here). Anything else (a loose combining mark, other scripts) sends the whole string
// through the definition.
const TABLE_RANGES = [
  [0x00, 0x80], // ASCII
  [0xa0, 0x250], // Latin-1 (punctuation and letters), Latin Extended-A and -B (ơ, ư, đ)
  [0x1e00, 0x1f00], // Latin Extended Additional (ạ…ỹ)
  [0x2010, 0x2028], // ‐ – — ‘ ’ “ ” • … (no canonical decomposition, no case)
  [0x2030, 0x205f],
] as const;
const TABLE_END = 0x205f;
let table: Uint16Array | undefined;

function foldTable(): Uint16Array {
  const made = new Uint16Array(TABLE_END);
  for (const [from, to] of TABLE_RANGES) {
    for (let code = from; code < to; code += 1) {
      const folded = foldDiacriticsByNormalizing(String.fromCharCode(code));
      if (folded.length === 1) made[code] = folded.charCodeAt(0);
    }
  }
  return made;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
let buffer = new Uint16Array(1024);

export function foldDiacritics(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  const known = (table ??= foldTable());
  const length = text.length;
  if (buffer.length < length) buffer = new Uint16Array(length);
  const out = buffer;
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(i);
    const folded = code < TABLE_END ? known[code]! : 0;
    // 0: not in the table (U+0000 itself folds to 0 and is in it).
    if (folded === 0 && code !== 0) return foldDiacriticsByNormalizing(text);
    out[i] = folded;
  }
  let result = '';
  // In slices: a spread of a long array overflows the call stack.
  for (let i = 0; i < length; i += 4096) {
    const slice = out.subarray(i, Math.min(length, i + 4096));
    result += String.fromCharCode.apply(null, slice as unknown as number[]);
  }
  return result;
}

/** Words of a query, folded; a record matches when every word occurs in its folded text. */
export function searchTokens(query: string): string[] {
  return foldDiacritics(query).split(/\s+/).filter(Boolean);
}

export function matchesTokens(foldedText: string, tokens: readonly string[]): boolean {
  return tokens.every((token) => foldedText.includes(token));
}
