import { describe, expect, it } from 'vitest';
import { parseNumberInput } from '../../src/client/components/form/number-input-parse';

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
