import { describe, expect, it } from 'vitest';
import { PARTICIPANT_KEYS } from '../../src/shared/activity/attendance-tally';
import { en } from '../../src/shared/i18n/en';
import { reportLabelsEn } from '../../src/shared/i18n/report-labels.en';
import { reportLabelsVi } from '../../src/shared/i18n/report-labels.vi';
import { vi } from '../../src/shared/i18n/vi';

// What the officer counts on the form is what the report's column says it is. Plan 106/KH-UBND
// (II.1) names the group "cán bộ làm công tác giảm nghèo": a form asking only for "Cán bộ" gets
// every official present counted, and the report prints that number under "Cán bộ làm công tác
// giảm nghèo".
const measureOf = {
  female: 'participants_female',
  khmer: 'participants_khmer',
  hoa: 'participants_hoa',
  otherMinority: 'participants_other_minority',
  poor: 'participants_poor',
  nearPoor: 'participants_near_poor',
  newlyOutOfPoverty: 'participants_newly_out_of_poverty',
  officials: 'participants_officials',
} as const;

describe('participant groups: the form’s words hold the report’s', () => {
  it.each([
    ['vi', vi, reportLabelsVi],
    ['en', en, reportLabelsEn],
  ] as const)('%s', (_, dictionary, report) => {
    for (const key of PARTICIPANT_KEYS) {
      if (key === 'total') continue;
      // The form may say "Số …" (a number) but names the same group as the column.
      expect(dictionary.field.participants[key].toLowerCase(), key).toContain(
        report.measure[measureOf[key]].toLowerCase(),
      );
    }
  });

  it('the attendee list asks about the same officials (Vietnamese)', () => {
    expect(vi.attendance.isOfficial).toContain('cán bộ làm công tác giảm nghèo');
  });
});
