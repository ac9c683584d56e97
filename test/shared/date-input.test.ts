import { describe, expect, it } from 'vitest';
import { addDays, maskDateInput, parseDateInput } from '../../src/shared/format/date-input';

describe('dates typed as dd/MM/yyyy', () => {
  it('reads day first, whatever the separator, and ISO dates pasted in', () => {
    expect(parseDateInput('04/04/2024')).toBe('2024-04-04');
    expect(parseDateInput('5/3/2025')).toBe('2025-03-05');
    expect(parseDateInput('05.03.2025')).toBe('2025-03-05');
    expect(parseDateInput('05-03-2025')).toBe('2025-03-05');
    expect(parseDateInput(' 2025-03-05 ')).toBe('2025-03-05');
  });

  it('refuses impossible and unfinished dates (never guesses month first)', () => {
    for (const text of [
      '31/02/2025',
      '29/02/2025',
      '13/13/2025',
      '00/01/2025',
      '05/03',
      '05/03/25',
      '',
    ])
      expect(parseDateInput(text)).toBeUndefined();
    expect(parseDateInput('29/02/2024')).toBe('2024-02-29');
  });

  it('puts the slashes in as digits are typed', () => {
    expect(maskDateInput('0')).toBe('0');
    expect(maskDateInput('050')).toBe('05/0');
    expect(maskDateInput('0503')).toBe('05/03');
    expect(maskDateInput('05032025')).toBe('05/03/2025');
    expect(maskDateInput('050320251')).toBe('05/03/2025');
    expect(maskDateInput('5/3/2025')).toBe('5/3/2025');
  });

  it('moves a date by days across months and years', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
