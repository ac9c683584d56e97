// Officers type on keyboards without Vietnamese input, so "doi thoai" must find "Đối thoại".
// NFD splits base letters from tone and vowel marks; đ/Đ have no decomposition and are mapped.
const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Words of a query, folded; a record matches when every word occurs in its folded text. */
export function searchTokens(query: string): string[] {
  return foldDiacritics(query).split(/\s+/).filter(Boolean);
}

export function matchesTokens(foldedText: string, tokens: readonly string[]): boolean {
  return tokens.every((token) => foldedText.includes(token));
}
