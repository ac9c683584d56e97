import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldDiacritics, matchesTokens, searchTokens } from '../../src/shared/text/fold-diacritics';
import {
  formatIsoDate,
  formatIsoDateTime,
  formatIsoDayOf,
  formatNumber,
  formatVnd,
  todayInVietnam,
} from '../../src/shared/format/vi-format';
import { UUID_PATTERN, uuidv7 } from '../../src/shared/ids/uuidv7';

describe('search without diacritics', () => {
  it('finds Vietnamese words typed without accents', () => {
    const folded = foldDiacritics('Đối thoại chính sách với hộ ông Đặng Văn Tư, ấp Thạnh Lợi');
    expect(matchesTokens(folded, searchTokens('doi thoai'))).toBe(true);
    expect(matchesTokens(folded, searchTokens('dang'))).toBe(true);
    expect(matchesTokens(folded, searchTokens('THANH LOI'))).toBe(true);
    expect(matchesTokens(folded, searchTokens('đặng tư'))).toBe(true);
    expect(matchesTokens(folded, searchTokens('tap huan'))).toBe(false);
  });

  it('handles composed and decomposed input alike', () => {
    expect(foldDiacritics('Hủy'.normalize('NFD'))).toBe(foldDiacritics('Hủy'.normalize('NFC')));
    fc.assert(
      fc.property(fc.string(), (s) => foldDiacritics(foldDiacritics(s)) === foldDiacritics(s)),
    );
  });
});

describe('vi-VN formats', () => {
  it('formats numbers, money and dates as the glossary fixes them', () => {
    expect(formatNumber(1_500_000)).toBe('1.500.000');
    expect(formatNumber(1_500_000, 'en')).toBe('1,500,000');
    expect(formatVnd(250_000)).toBe('250.000 đ');
    expect(formatIsoDate('2024-04-04')).toBe('04/04/2024');
    expect(formatIsoDateTime('2024-04-03T17:30:00Z')).toBe('04/04/2024 00:30');
  });

  it('gives the day of a moment in Vietnam time, not the UTC day', () => {
    // An account made at 00:17 on 02/12 in Rạch Giá was "Tạo ngày 01/12/2026".
    expect(formatIsoDayOf('2026-12-01T17:17:00.000Z')).toBe('02/12/2026');
    expect(formatIsoDayOf('2026-12-01T16:59:59.999Z')).toBe('01/12/2026');
    expect(formatIsoDayOf('không phải ngày')).toBe('không phải ngày');
  });

  it('takes "today" in Vietnam time', () => {
    expect(todayInVietnam(Date.parse('2024-04-03T17:30:00Z'))).toBe('2024-04-04');
    expect(todayInVietnam(Date.parse('2024-04-03T16:59:00Z'))).toBe('2024-04-03');
  });
});

describe('uuidv7', () => {
  it('makes valid, unique ids that sort by creation time', () => {
    const ids = Array.from({ length: 2000 }, (_, i) =>
      uuidv7(1_700_000_000_000 + Math.floor(i / 100)),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
  });
});
