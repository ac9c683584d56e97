import { describe, expect, it } from 'vitest';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { communeAfterDateChange, communeChoices } from '../../src/shared/geography/commune-choices';

const catalog = new GeographyCatalog(defaultGeographies());
const codes = (c: { communes: { code: string }[] }) => c.communes.map((x) => x.code).sort();

const RACH_GIA_2025 = { geographyId: AN_GIANG_2025, code: '30742' };
const VINH_THANH_2024 = { geographyId: KIEN_GIANG_2024, code: '30733' };

describe('communes the activity form offers', () => {
  it('an officer of the new Phường Rạch Giá: itself after 01/07/2025, its ten old wards before', () => {
    const officer = { role: 'commune' as const, unit: RACH_GIA_2025 };
    const after = communeChoices(catalog, officer, '2025-07-01');
    expect(after.geographyId).toBe(AN_GIANG_2025);
    expect(after.communes).toEqual([{ code: '30742', label: 'Phường Rạch Giá' }]);

    const before = communeChoices(catalog, officer, '2025-06-30');
    expect(before.geographyId).toBe(KIEN_GIANG_2024);
    expect(codes(before)).toEqual([
      '30730',
      '30733',
      '30736',
      '30739',
      '30742',
      '30745',
      '30748',
      '30751',
      '30754',
      '30757',
    ]);
    expect(before.communes.map((c) => c.label)).toContain('Phường Vĩnh Bảo, Thành phố Rạch Giá');
  });

  it('the 2024 officer of Vĩnh Bảo (30742) never gets the new, larger Rạch Giá through the code', () => {
    const officer = {
      role: 'commune' as const,
      unit: { geographyId: KIEN_GIANG_2024, code: '30742' },
    };
    expect(communeChoices(catalog, officer, '2025-03-01').communes).toEqual([
      { code: '30742', label: 'Phường Vĩnh Bảo, Thành phố Rạch Giá' },
    ]);
    // Not moved yet, dating after the switch: only the commune the old one became is offered
    // (the server keeps such a record until the account is moved).
    const after = communeChoices(catalog, officer, '2025-08-01');
    expect(after).toEqual({
      geographyId: AN_GIANG_2025,
      communes: [{ code: '30742', label: 'Phường Rạch Giá' }],
    });
  });

  it('a province-level officer records anywhere: 144 communes in 2024, 102 in 2025', () => {
    const officer = {
      role: 'province' as const,
      unit: { geographyId: KIEN_GIANG_2024, code: '91' },
    };
    expect(communeChoices(catalog, officer, '2024-05-01').communes).toHaveLength(144);
    expect(communeChoices(catalog, officer, '2025-07-02').communes).toHaveLength(102);
  });

  it('a 2024 district officer gets the wards of the district, sorted in Vietnamese', () => {
    const officer = {
      role: 'district' as const,
      unit: { geographyId: KIEN_GIANG_2024, code: '899' },
    };
    const labels = communeChoices(catalog, officer, '2025-01-10').communes.map((c) => c.label);
    expect(labels.every((l) => l.endsWith('Thành phố Rạch Giá'))).toBe(true);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'vi')));
  });
});

describe('moving the date across 01/07/2025', () => {
  it('forward: an old ward becomes the new commune containing it', () => {
    expect(communeAfterDateChange(catalog, VINH_THANH_2024, '2025-07-15')).toEqual(RACH_GIA_2025);
  });

  it('backward: a new commune made of several old ones has no single answer', () => {
    expect(communeAfterDateChange(catalog, RACH_GIA_2025, '2025-06-15')).toBeUndefined();
  });

  it('an unknown geography maps nowhere', () => {
    expect(communeAfterDateChange(catalog, { geographyId: 'x', code: '1' }, '2025-06-15')).toBe(
      undefined,
    );
  });
});
