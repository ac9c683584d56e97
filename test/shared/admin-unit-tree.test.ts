import { describe, expect, it } from 'vitest';
import { AdminUnitTree } from '../../src/shared/admin-units/admin-unit-tree';
import { defaultAdminUnits } from '../../src/shared/admin-units/default-admin-units';
import {
  adminUnitDatasetSchema,
  type AdminUnit,
} from '../../src/shared/admin-units/admin-unit.schema';
import dataset from '../../src/shared/geography/data/kien-giang-2024.geography.json';

describe('Kiên Giang 2024 units (province → district → commune)', () => {
  const tree = new AdminUnitTree(defaultAdminUnits());

  it('ships a dataset that passes the admin-unit schema', () => {
    expect(adminUnitDatasetSchema.safeParse(dataset).error).toBeUndefined();
  });

  it('has 15 districts and 144 communes under the province', () => {
    const [province] = tree.roots();
    expect(province?.code).toBe('91');
    expect(tree.childrenOf('91')).toHaveLength(15);
    expect(tree.leavesUnder()).toHaveLength(144);
    expect(tree.leavesUnder('91')).toHaveLength(144);
  });

  it('places a ward of Rạch Giá within its city and the province, not another district', () => {
    expect(tree.isWithin('30730', '899')).toBe(true);
    expect(tree.isWithin('30730', '91')).toBe(true);
    const otherDistrict = tree.childrenOf('91').find((d) => d.code !== '899')!;
    expect(tree.isWithin('30730', otherDistrict.code)).toBe(false);
    expect(tree.isWithin('unknown', '91')).toBe(false);
    expect(tree.qualifiedName('30730')).toBe('Phường Vĩnh Thanh Vân, Thành phố Rạch Giá');
  });
});

describe('two-level units (since 1 July 2025: province → commune)', () => {
  const units: AdminUnit[] = [
    { code: 'P', name: 'Tỉnh An Giang', type: 'Tỉnh', level: 'province', parentCode: null },
    { code: 'C1', name: 'Phường Rạch Giá', type: 'Phường', level: 'commune', parentCode: 'P' },
    { code: 'C2', name: 'Đặc khu Phú Quốc', type: 'Đặc khu', level: 'commune', parentCode: 'P' },
  ];
  const tree = new AdminUnitTree(units);

  it('treats communes directly under the province as the places activities happen', () => {
    expect(
      tree
        .leavesUnder()
        .map((u) => u.code)
        .sort(),
    ).toEqual(['C1', 'C2']);
    expect(tree.isWithin('C2', 'P')).toBe(true);
    expect(tree.isWithin('C2', 'C1')).toBe(false);
    expect(tree.qualifiedName('C1')).toBe('Phường Rạch Giá');
  });

  it('refuses broken reference data instead of looping or guessing', () => {
    expect(() => new AdminUnitTree([...units, { ...units[1]! }])).toThrow(/Duplicate/);
    expect(() => new AdminUnitTree([{ ...units[1]!, parentCode: 'X' }])).toThrow(/unknown parent/);
    expect(
      () =>
        new AdminUnitTree([
          { code: 'A', name: 'A', type: '', level: '', parentCode: 'B' },
          { code: 'B', name: 'B', type: '', level: '', parentCode: 'A' },
        ]),
    ).toThrow(/cycle/);
  });
});
