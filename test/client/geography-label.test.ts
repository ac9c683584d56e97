import { describe, expect, it } from 'vitest';
import { geographyLabel } from '../../src/client/features/reports/model/geography-label';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import type { Geography } from '../../src/shared/geography/geography';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { AN_GIANG_2025 } from '../../src/shared/geography/geography-ids';

// The report's geography switch names each map by its own name (data), and says which one is in
// force today. It used to call the newest one "Hiện hành (tỉnh An Giang mới)" and, with exactly
// two, the other "Trước 01/07/2025 (tỉnh Kiên Giang cũ)" — text in code: a map imported ahead of
// its day (docs/geography.md: "the next reorganisation, data, no code change") would have been
// called "Hiện hành" months before it was, and the 2025 map lost its name.
const fill = (key: string, values?: Record<string, string>) =>
  key === 'reports.geographyInForce' ? `${values!.name} — hiện hành` : key;

const shipped = new GeographyCatalog(defaultGeographies());
const an2025 = shipped.get(AN_GIANG_2025)!;
const next: Geography = {
  id: 'an-giang-2030',
  name: 'Tỉnh An Giang (từ 01/01/2030)',
  validFrom: '2030-01-01',
  units: [
    { code: '91', name: 'Tỉnh An Giang', type: 'Tỉnh', level: 'province', parentCode: null },
    { code: '1', name: 'Xã Một', type: 'Xã', level: 'commune', parentCode: '91' },
  ],
  predecessor: {
    geographyId: AN_GIANG_2025,
    communes: an2025.units
      .filter((u) => u.level === 'commune')
      .map((u) => ({ fromCode: u.code, toCode: '1' })),
  },
};
const three = new GeographyCatalog([...defaultGeographies(), next]);

describe('geography switch labels', () => {
  it('names each map as its data does and marks the one in force today', () => {
    const labels = (catalog: GeographyCatalog, today: string) =>
      catalog.list().map((g) => geographyLabel(catalog, g.id, today, fill));
    expect(labels(shipped, '2026-12-01')).toEqual([
      'Tỉnh Kiên Giang (3 cấp, trước 01/07/2025)',
      'Tỉnh An Giang (2 cấp, từ 01/07/2025) — hiện hành',
    ]);
    // The 2030 map imported in 2026: not in force yet.
    expect(labels(three, '2026-12-01')).toEqual([
      'Tỉnh Kiên Giang (3 cấp, trước 01/07/2025)',
      'Tỉnh An Giang (2 cấp, từ 01/07/2025) — hiện hành',
      'Tỉnh An Giang (từ 01/01/2030)',
    ]);
    expect(labels(three, '2030-01-01').at(-1)).toBe('Tỉnh An Giang (từ 01/01/2030) — hiện hành');
  });
});
