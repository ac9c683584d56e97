import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { foldDiacritics, foldDiacriticsByNormalizing } from '../../src/shared/text/fold-diacritics';

// The table path must give exactly what normalize('NFD') gives: stored search texts, the
// vocabulary and the query are folded at different times, by either path.

const VOWELS = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
/** Every Vietnamese letter, precomposed, both cases: 12 vowels × 6 tones, đ, and the consonants. */
const VIETNAMESE_LETTERS = [
  ...[...VOWELS, ...VOWELS.toUpperCase()].flatMap((v) =>
    TONES.map((tone) => (v + tone).normalize('NFC')),
  ),
  ...'đĐbcdghklmnpqrstvxBCDGHKLMNPQRSTVX',
];

describe('foldDiacritics (table for Vietnamese letters, normalize for the rest)', () => {
  it('folds every Vietnamese letter exactly as normalize("NFD") does, alone and in words', () => {
    expect(VIETNAMESE_LETTERS).toHaveLength(2 * 12 * 6 + 2 + 32);
    for (const letter of VIETNAMESE_LETTERS) {
      expect(letter).toHaveLength(1);
      expect(foldDiacritics(letter), letter).toBe(foldDiacriticsByNormalizing(letter));
      expect(foldDiacritics(letter)).toMatch(/^[a-z]$/);
      const word = `Xã ${letter}${letter.toUpperCase()} Đường`;
      expect(foldDiacritics(word), word).toBe(foldDiacriticsByNormalizing(word));
    }
    expect(foldDiacritics('Đối thoại chính sách, ấp Thạnh Lợi — HỘ NGHÈO')).toBe(
      'doi thoai chinh sach, ap thanh loi — ho ngheo',
    );
  });

  it('gives the same as normalize("NFD") for every UTF-16 code unit, between letters and marks', () => {
    // Around marks too: a combining character put in the table would reorder with them.
    const contexts = [
      ['A', 'b'],
      ['ạ\u0301', '\u0323Ư'],
      ['Σ', ''],
      ['ΑΣ', ' '],
    ];
    for (let code = 0; code <= 0xffff; code += 1) {
      for (const [before, after] of contexts) {
        const text = `${before}${String.fromCharCode(code)}${after}`;
        if (foldDiacritics(text) !== foldDiacriticsByNormalizing(text)) {
          expect(foldDiacritics(text), `U+${code.toString(16)}`).toBe(
            foldDiacriticsByNormalizing(text),
          );
        }
      }
    }
  });

  it('gives the same as normalize("NFD") for random strings, Vietnamese-heavy and not', () => {
    // Letters the table knows, and what it must leave to normalize: decomposed text, loose and
    // stacked marks, context-dependent lower-casing (Σ, İ), ß, other scripts, surrogates, NUL.
    const tricky = [
      ...VIETNAMESE_LETTERS,
      ...VIETNAMESE_LETTERS.slice(0, 40).map((l) => l.normalize('NFD')),
      '\u0300',
      '\u0323\u0302',
      '\u0301',
      'Σ',
      'ΑΣ',
      'İ',
      'ß',
      'ﬁ',
      'Ǆ',
      'ǅ',
      'Å',
      'K',
      '한',
      '😀',
      '\ud800',
      '\u0000',
      '\u0001',
      ' ',
      '|',
      'Z',
    ];
    const fromParts = fc
      .array(fc.constantFrom(...tricky), { maxLength: 40 })
      .map((p) => p.join(''));
    const texts = fc.oneof(fromParts, fc.string({ unit: 'binary', maxLength: 40 }), fc.string());
    fc.assert(
      fc.property(texts, (text) => foldDiacritics(text) === foldDiacriticsByNormalizing(text)),
      { numRuns: 2000 },
    );
  });

  it('folds precomposed Vietnamese without normalize() (the fast path is taken)', () => {
    foldDiacritics('Đ'); // the table is made from normalize() on first use
    const normalize = vi.spyOn(String.prototype, 'normalize');
    try {
      foldDiacritics('Người dân quan tâm chính sách vay vốn, bảo hiểm y tế — ĐỒNG THÁP');
      expect(normalize).not.toHaveBeenCalled();
      foldDiacritics('Hủy'.normalize('NFD'));
      expect(normalize).toHaveBeenCalled();
    } finally {
      normalize.mockRestore();
    }
  });

  it('takes the table path only for characters that are not combining marks', () => {
    // Whole strings fold like their characters one by one only if no character in the table can
    // reorder with a neighbour under NFD, i.e. none is a combining mark (\p{M}).
    foldDiacritics('Đ');
    const normalize = vi.spyOn(String.prototype, 'normalize');
    try {
      let fast = 0;
      for (let code = 0x80; code <= 0xffff; code += 1) {
        const char = String.fromCharCode(code);
        normalize.mockClear();
        foldDiacritics(char);
        if (normalize.mock.calls.length > 0) continue;
        fast += 1;
        expect(/\p{M}/u.test(char), `U+${code.toString(16)}`).toBe(false);
      }
      expect(fast).toBeGreaterThan(VIETNAMESE_LETTERS.length);
    } finally {
      normalize.mockRestore();
    }
  });

  it('folds texts longer than its buffer', () => {
    const long = 'Nguyễn Thị Lan, Đối thoại '.repeat(2000);
    expect(foldDiacritics(long)).toBe(foldDiacriticsByNormalizing(long));
    expect(foldDiacritics('Ấp 1')).toBe('ap 1');
  });
});
