import { describe, expect, it } from 'vitest';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { geographySchema } from '../../src/shared/geography/geography.schema';
import type { Geography } from '../../src/shared/geography/geography';
import { communeLabel } from '../../src/shared/geography/commune-label';

const catalog = new GeographyCatalog(defaultGeographies());
const old = catalog.tree(KIEN_GIANG_2024);
const now = catalog.tree(AN_GIANG_2025);

/**
 * The 2024 wards that became Phường Rạch Giá (30742 since July 2025) according to the mapping
 * data: the five the issue names (Vĩnh Thanh Vân, Vĩnh Thanh, Vĩnh Quang, Vĩnh Hiệp, Vĩnh Bảo)
 * and Vĩnh Lạc, An Hòa, An Bình, Rạch Sỏi, Vĩnh Lợi.
 */
const RACH_GIA_WARDS_2024 = [
  ...['30730', '30733', '30736', '30739', '30742'],
  ...['30745', '30748', '30751', '30754', '30757'],
];

describe('the shipped geographies', () => {
  it('both pass the geography file schema', () => {
    for (const g of defaultGeographies()) {
      expect(geographySchema.safeParse(g).error, g.id).toBeUndefined();
    }
  });

  it('2024: Kiên Giang, 15 districts, 144 communes; 2025: An Giang, no districts, 102 communes', () => {
    expect(old.roots().map((u) => u.name)).toEqual(['Tỉnh Kiên Giang']);
    expect(old.childrenOf('91')).toHaveLength(15);
    expect(old.leavesUnder()).toHaveLength(144);
    expect(now.roots().map((u) => u.name)).toEqual(['Tỉnh An Giang']);
    expect(now.leavesUnder()).toHaveLength(102);
    expect(now.childrenOf('91').every((u) => now.isLeaf(u.code))).toBe(true);
  });

  it('maps every old Kiên Giang commune to exactly one existing new commune, 48 in all', () => {
    const targets = new Set<string>();
    for (const commune of old.leavesUnder()) {
      const mapped = catalog.mapCommune(commune.code, KIEN_GIANG_2024, AN_GIANG_2025);
      expect(mapped, commune.code).toHaveLength(1);
      expect(now.isLeaf(mapped[0]!), commune.code).toBe(true);
      targets.add(mapped[0]!);
    }
    expect(targets.size).toBe(48);
  });

  it('knows 30742 as Phường Vĩnh Bảo in 2024 and Phường Rạch Giá since July 2025', () => {
    expect(catalog.unit({ geographyId: KIEN_GIANG_2024, code: '30742' })?.name).toBe(
      'Phường Vĩnh Bảo',
    );
    expect(catalog.unit({ geographyId: AN_GIANG_2025, code: '30742' })?.name).toBe(
      'Phường Rạch Giá',
    );
    expect(catalog.mapCommune('30742', AN_GIANG_2025, KIEN_GIANG_2024).sort()).toEqual(
      RACH_GIA_WARDS_2024,
    );
  });
});

describe('geography in force on a date', () => {
  it('switches on 1 July 2025, and the earliest covers any date before it', () => {
    expect(catalog.inForceOn('2025-06-30').id).toBe(KIEN_GIANG_2024);
    expect(catalog.inForceOn('2025-07-01').id).toBe(AN_GIANG_2025);
    expect(catalog.inForceOn('2026-11-30').id).toBe(AN_GIANG_2025);
    expect(catalog.inForceOn('2019-03-01').id).toBe(KIEN_GIANG_2024);
    expect(catalog.latest().id).toBe(AN_GIANG_2025);
  });

  it('offers the communes valid on the date', () => {
    const before = catalog.communesValidOn('2025-06-30').map((u) => u.name);
    const after = catalog.communesValidOn('2025-07-01').map((u) => u.name);
    expect(before).toHaveLength(144);
    expect(before).toContain('Phường Vĩnh Thanh');
    expect(before).not.toContain('Phường Rạch Giá');
    expect(after).toHaveLength(102);
    expect(after).toContain('Phường Rạch Giá');
    expect(after).not.toContain('Phường Vĩnh Thanh');
  });

  it('maps a commune to the one in force on another date', () => {
    expect(
      catalog.communeOn({ geographyId: KIEN_GIANG_2024, code: '30733' }, '2025-07-02'),
    ).toEqual({
      geographyId: AN_GIANG_2025,
      code: '30742',
    });
    // Backward only when one old commune became the new one; Rạch Giá came from five.
    expect(
      catalog.communeOn({ geographyId: AN_GIANG_2025, code: '30742' }, '2025-06-01'),
    ).toBeUndefined();
    expect(
      catalog.communeOn({ geographyId: KIEN_GIANG_2024, code: '30733' }, '2025-06-01'),
    ).toEqual({
      geographyId: KIEN_GIANG_2024,
      code: '30733',
    });
  });
});

describe('scopes across geographies', () => {
  const rachGia = { geographyId: AN_GIANG_2025, code: '30742' };

  it('the new Phường Rạch Giá holds its 2024 wards and nothing else of 2024', () => {
    const within = catalog
      .communesWithin(rachGia)
      .filter((r) => r.geographyId === KIEN_GIANG_2024)
      .map((r) => r.code)
      .sort();
    expect(within).toEqual(RACH_GIA_WARDS_2024);
    expect(catalog.isWithin({ geographyId: KIEN_GIANG_2024, code: '30760' }, rachGia)).toBe(false);
  });

  it('an old ward does not hold the larger new ward it went into', () => {
    const vinhThanh = { geographyId: KIEN_GIANG_2024, code: '30733' };
    expect(catalog.isWithin(rachGia, vinhThanh)).toBe(false);
    expect(catalog.communesWithin(vinhThanh)).toEqual([vinhThanh]);
  });

  it('an old district holds the new communes made only of its communes', () => {
    const city = { geographyId: KIEN_GIANG_2024, code: '899' };
    expect(catalog.isWithin(rachGia, city)).toBe(true);
    // 30760 took communes from districts 899 and 903: it is in neither alone.
    expect(catalog.isWithin({ geographyId: AN_GIANG_2025, code: '30760' }, city)).toBe(false);
  });

  it('the 2024 province does not hold old An Giang communes; the 2025 province holds everything', () => {
    const longXuyen = { geographyId: AN_GIANG_2025, code: '30307' };
    expect(catalog.isWithin(longXuyen, { geographyId: KIEN_GIANG_2024, code: '91' })).toBe(false);
    expect(catalog.communesWithin({ geographyId: AN_GIANG_2025, code: '91' })).toHaveLength(
      144 + 102,
    );
  });
});

describe('commune labels', () => {
  it('names an old record as it was with the present commune', () => {
    expect(
      communeLabel(catalog, { geographyId: KIEN_GIANG_2024, code: '30733' }, '2026-01-05'),
    ).toEqual({
      name: 'Phường Vĩnh Thanh',
      presentName: 'Phường Rạch Giá',
    });
  });

  it('never calls a 2024 Vĩnh Bảo record Rạch Giá in its own name, nor on a 2024 date', () => {
    const vinhBao = { geographyId: KIEN_GIANG_2024, code: '30742' };
    expect(communeLabel(catalog, vinhBao, '2025-03-01')).toEqual({ name: 'Phường Vĩnh Bảo' });
    expect(communeLabel(catalog, vinhBao, '2026-01-05').name).toBe('Phường Vĩnh Bảo');
  });

  it('adds nothing for a current record or an unknown geography', () => {
    expect(
      communeLabel(catalog, { geographyId: AN_GIANG_2025, code: '30742' }, '2026-01-05'),
    ).toEqual({
      name: 'Phường Rạch Giá',
    });
    expect(communeLabel(catalog, { geographyId: 'nowhere', code: '30742' }, '2026-01-05')).toEqual({
      name: '30742',
    });
  });
});

describe('a third geography is data', () => {
  const third: Geography = {
    id: 'an-giang-2030',
    name: 'Test',
    validFrom: '2030-01-01',
    units: [
      { code: '91', name: 'Tỉnh An Giang', type: 'Tỉnh', level: 'province', parentCode: null },
      { code: '1', name: 'Xã Một', type: 'Xã', level: 'commune', parentCode: '91' },
      { code: '2', name: 'Xã Hai', type: 'Xã', level: 'commune', parentCode: '91' },
    ],
    predecessor: {
      geographyId: AN_GIANG_2025,
      communes: now.leavesUnder().map((u, i) => ({ fromCode: u.code, toCode: i % 2 ? '1' : '2' })),
    },
  };

  it('chains mappings through every step', () => {
    const three = new GeographyCatalog([...defaultGeographies(), third]);
    expect(three.inForceOn('2031-01-01').id).toBe('an-giang-2030');
    const mapped = three.mapCommune('30733', KIEN_GIANG_2024, 'an-giang-2030');
    expect(mapped).toHaveLength(1);
    expect(mapped).toEqual(three.mapCommune('30742', AN_GIANG_2025, 'an-giang-2030'));
    expect(three.mapCommune(mapped[0]!, 'an-giang-2030', KIEN_GIANG_2024)).toContain('30733');
  });

  it('refuses a mapping that misses a commune, maps one twice or names a unit that does not exist', () => {
    const communes = third.predecessor!.communes;
    const withMapping = (c: typeof communes) => [
      ...defaultGeographies(),
      { ...third, predecessor: { geographyId: AN_GIANG_2025, communes: c } },
    ];
    expect(() => new GeographyCatalog(withMapping(communes.slice(1)))).toThrow(/no mapping/);
    expect(() => new GeographyCatalog(withMapping([...communes, communes[0]!]))).toThrow(/twice/);
    expect(
      () =>
        new GeographyCatalog(
          withMapping([{ ...communes[0]!, toCode: '99999' }, ...communes.slice(1)]),
        ),
    ).toThrow(/not a commune/);
    expect(() => new GeographyCatalog([defaultGeographies()[0]!, third])).toThrow(
      /must map the communes of kien-giang-2024/,
    );
  });
});
