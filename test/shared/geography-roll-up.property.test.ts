import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import {
  levelsOf,
  rollUp,
  type Figures,
  type UnitFigures,
} from '../../src/shared/geography/roll-up';

const catalog = new GeographyCatalog(defaultGeographies());
const KEYS = ['activities', 'participants', 'poor'] as const;
type Key = (typeof KEYS)[number];

const communes2024 = catalog
  .tree(KIEN_GIANG_2024)
  .leavesUnder()
  .map((u) => u.code);
const communes2025 = catalog
  .tree(AN_GIANG_2025)
  .leavesUnder()
  .map((u) => u.code);
/** The 48 new communes that cover old Kiên Giang. */
const kienGiangIn2025 = [
  ...new Set(communes2024.map((c) => catalog.mapCommune(c, KIEN_GIANG_2024, AN_GIANG_2025)[0]!)),
];

const figures = fc.record({
  activities: fc.nat(5),
  participants: fc.nat(400),
  poor: fc.nat(100),
}) as fc.Arbitrary<Figures<Key>>;
const row = (geographyId: string, codes: string[]) =>
  fc.record({ geographyId: fc.constant(geographyId), code: fc.constantFrom(...codes), figures });

/** Records of old Kiên Giang: 2024 communes, and after the switch its 48 new communes. */
const kienGiangRecords = fc.array(
  fc.oneof(row(KIEN_GIANG_2024, communes2024), row(AN_GIANG_2025, kienGiangIn2025)),
  { maxLength: 60 },
);
/** Anything, including old An Giang's communes, which have no 2024 Kiên Giang counterpart. */
const anyRecords = fc.array(
  fc.oneof(row(KIEN_GIANG_2024, communes2024), row(AN_GIANG_2025, communes2025)),
  { maxLength: 60 },
);

const sum = (rows: { figures: Readonly<Figures<Key>> }[]): Figures<Key> => {
  const out: Figures<Key> = { activities: 0, participants: 0, poor: 0 };
  for (const r of rows) for (const k of KEYS) out[k] += r.figures[k];
  return out;
};

const targets = catalog
  .list()
  .flatMap((g) => levelsOf(catalog, g.id).map((level) => ({ geographyId: g.id, level })));

describe('roll-up into a chosen geography and level', () => {
  it('lists the levels of each geography', () => {
    expect(levelsOf(catalog, KIEN_GIANG_2024)).toEqual(['province', 'district', 'commune']);
    expect(levelsOf(catalog, AN_GIANG_2025)).toEqual(['province', 'commune']);
    expect(() =>
      rollUp(catalog, [], { geographyId: AN_GIANG_2025, level: 'district' }, KEYS),
    ).toThrow(RangeError);
  });

  it('loses nothing: units plus unplaced equal the sum of the rows, in every geography and level', () => {
    fc.assert(
      fc.property(anyRecords, (rows) => {
        for (const target of targets) {
          const result = rollUp(catalog, rows, target, KEYS);
          expect(result.total).toEqual(sum(rows));
          expect(sum([...result.units, ...result.unplaced])).toEqual(sum(rows));
        }
      }),
    );
  });

  it('gives the same province total in 2024 and in the current geography, with nothing unplaced', () => {
    fc.assert(
      fc.property(kienGiangRecords, (rows) => {
        const in2024 = rollUp(
          catalog,
          rows,
          { geographyId: KIEN_GIANG_2024, level: 'province' },
          KEYS,
        );
        const in2025 = rollUp(
          catalog,
          rows,
          { geographyId: AN_GIANG_2025, level: 'province' },
          KEYS,
        );
        expect(in2024.unplaced).toEqual([]);
        expect(in2025.unplaced).toEqual([]);
        expect(in2024.units[0]!.figures).toEqual(sum(rows));
        expect(in2025.units[0]!.figures).toEqual(in2024.units[0]!.figures);
      }),
    );
  });

  it('adds every old commune into the new commune it became', () => {
    fc.assert(
      fc.property(fc.array(row(KIEN_GIANG_2024, communes2024), { maxLength: 60 }), (rows) => {
        const result = rollUp(
          catalog,
          rows,
          { geographyId: AN_GIANG_2025, level: 'commune' },
          KEYS,
        );
        expect(result.unplaced).toEqual([]);
        for (const unit of result.units) {
          const mine = rows.filter(
            (r) => catalog.mapCommune(r.code, KIEN_GIANG_2024, AN_GIANG_2025)[0] === unit.code,
          );
          expect(unit.figures, unit.code).toEqual(sum(mine));
        }
      }),
    );
  });

  it('keeps a 2024 Vĩnh Bảo record under Vĩnh Bảo in the 2024 view, and under Rạch Giá in the current one', () => {
    const rows: UnitFigures<Key>[] = [
      {
        geographyId: KIEN_GIANG_2024,
        code: '30742',
        figures: { activities: 1, participants: 30, poor: 4 },
      },
      {
        geographyId: KIEN_GIANG_2024,
        code: '30733',
        figures: { activities: 1, participants: 20, poor: 2 },
      },
    ];
    const old = rollUp(catalog, rows, { geographyId: KIEN_GIANG_2024, level: 'commune' }, KEYS);
    const vinhBao = old.units.find((u) => u.code === '30742')!;
    expect(vinhBao.name).toBe('Phường Vĩnh Bảo');
    expect(vinhBao.figures).toEqual({ activities: 1, participants: 30, poor: 4 });
    expect(old.units.some((u) => u.name === 'Phường Rạch Giá')).toBe(false);

    const current = rollUp(catalog, rows, { geographyId: AN_GIANG_2025, level: 'commune' }, KEYS);
    const rachGia = current.units.find((u) => u.code === '30742')!;
    expect(rachGia.name).toBe('Phường Rạch Giá');
    expect(rachGia.figures).toEqual({ activities: 2, participants: 50, poor: 6 });
  });

  it('places a new commune in the old district that holds all of it, and not one it straddles', () => {
    const rows: UnitFigures<Key>[] = [
      {
        geographyId: AN_GIANG_2025,
        code: '30742',
        figures: { activities: 1, participants: 10, poor: 1 },
      },
      {
        geographyId: AN_GIANG_2025,
        code: '30760',
        figures: { activities: 1, participants: 7, poor: 0 },
      },
      {
        geographyId: AN_GIANG_2025,
        code: '30307',
        figures: { activities: 1, participants: 5, poor: 0 },
      },
    ];
    const districts = rollUp(
      catalog,
      rows,
      { geographyId: KIEN_GIANG_2024, level: 'district' },
      KEYS,
    );
    expect(districts.units.find((u) => u.code === '899')!.figures.participants).toBe(10);
    expect(districts.unplaced.map((r) => r.code).sort()).toEqual(['30307', '30760']);
    const province = rollUp(
      catalog,
      rows,
      { geographyId: KIEN_GIANG_2024, level: 'province' },
      KEYS,
    );
    // Long Xuyên (old An Giang) was never part of Kiên Giang.
    expect(province.units[0]!.figures.participants).toBe(17);
    expect(province.unplaced.map((r) => r.code)).toEqual(['30307']);
  });

  it('rolls non-commune figures too, and keeps unknown units and geographies as unplaced', () => {
    const rows: UnitFigures<Key>[] = [
      {
        geographyId: KIEN_GIANG_2024,
        code: '899',
        figures: { activities: 2, participants: 9, poor: 1 },
      },
      {
        geographyId: KIEN_GIANG_2024,
        code: 'nope',
        figures: { activities: 1, participants: 1, poor: 1 },
      },
      {
        geographyId: 'elsewhere',
        code: '30742',
        figures: { activities: 1, participants: 1, poor: 1 },
      },
    ];
    const result = rollUp(catalog, rows, { geographyId: AN_GIANG_2025, level: 'province' }, KEYS);
    expect(result.units[0]!.figures).toEqual({ activities: 2, participants: 9, poor: 1 });
    expect(result.unplaced).toHaveLength(2);
    expect(result.total).toEqual({ activities: 4, participants: 11, poor: 3 });
  });
});
