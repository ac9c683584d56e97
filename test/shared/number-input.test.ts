import fc from 'fast-check';
import { formatNumber } from '../../src/shared/format/vi-format';
import { describe, expect, it } from 'vitest';
import { parseNumberInput } from '../../src/shared/format/number-input';

describe('what an officer types into a number box', () => {
  it('reads Vietnamese thousands separators and keeps decimal commas as decimals', () => {
    expect(parseNumberInput('1.500.000', 'money', 'vi')).toBe(1_500_000);
    expect(parseNumberInput(' 25 ', 'count', 'vi')).toBe(25);
    expect(parseNumberInput('1.500', 'count', 'vi')).toBe(1500);
    // "1,5 people" must be reported as not a whole number, not silently read as 15.
    expect(parseNumberInput('1,5', 'count', 'vi')).toBe(1.5);
    expect(parseNumberInput('1,5', 'decimal', 'vi')).toBe(1.5);
    expect(parseNumberInput('1.5', 'decimal', 'vi')).toBe(1.5);
  });

  it('reads English thousands separators', () => {
    expect(parseNumberInput('1,500,000', 'money', 'en')).toBe(1_500_000);
    expect(parseNumberInput('2.5', 'decimal', 'en')).toBe(2.5);
  });

  it('gives NaN (shown as "Vui lòng nhập một số.") for empty or non-numeric input, never 0', () => {
    for (const text of ['', '   ', 'abc', '12a', '1..2', '--3']) {
      expect(parseNumberInput(text, 'count', 'vi')).toBeNaN();
    }
    expect(parseNumberInput('-3', 'count', 'vi')).toBe(-3);
  });
});

describe('the forms officers type money and counts in', () => {
  it('reads "1.500.000 đ", "1,5 triệu", "1.5tr", "2 tỷ", "500k" as money', () => {
    expect(parseNumberInput('1.500.000 đ', 'money', 'vi')).toBe(1_500_000);
    expect(parseNumberInput('1.500.000đ', 'money', 'vi')).toBe(1_500_000);
    expect(parseNumberInput('1,5 triệu', 'money', 'vi')).toBe(1_500_000);
    expect(parseNumberInput('1.5tr', 'money', 'vi')).toBe(1_500_000);
    expect(parseNumberInput('1,1 triệu', 'money', 'vi')).toBe(1_100_000);
    expect(parseNumberInput('2 tỷ', 'money', 'vi')).toBe(2_000_000_000);
    expect(parseNumberInput('500k', 'money', 'vi')).toBe(500_000);
    expect(parseNumberInput('300 nghìn đồng', 'money', 'vi')).toBe(300_000);
    expect(parseNumberInput('1.500.000 VNĐ', 'money', 'en')).toBe(1_500_000);
  });

  it('reads "1,500,000" in Vietnamese too (a repeated separator is a thousands separator)', () => {
    expect(parseNumberInput('1,500,000', 'money', 'vi')).toBe(1_500_000);
    expect(parseNumberInput('1,500,000', 'count', 'vi')).toBe(1_500_000);
    expect(parseNumberInput('1.500.000', 'count', 'en')).toBe(1_500_000);
    expect(parseNumberInput('1.500.000,5', 'decimal', 'vi')).toBe(1_500_000.5);
  });

  it('refuses what it cannot read unambiguously', () => {
    for (const text of ['1.5tr', '1,5 triệu', '1.50.000', '1,50,0', 'tr', 'đ', '1.500,000,0'])
      expect(parseNumberInput(text, 'count', 'vi')).toBeNaN();
  });

  it('property: a number formatted the Vietnamese or English way reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (n) => {
        expect(parseNumberInput(formatNumber(n, 'vi'), 'money', 'vi')).toBe(n);
        expect(parseNumberInput(`${formatNumber(n, 'vi')} đ`, 'money', 'vi')).toBe(n);
        expect(parseNumberInput(formatNumber(n, 'en'), 'count', 'en')).toBe(n);
      }),
    );
  });
});
