import { describe, expect, it } from 'vitest';
import {
  checkActivityWrite,
  isReadOnly,
  mayRead,
  readScope,
} from '../../src/server/modules/sync/activity-access';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import type { Role } from '../../src/shared/auth/roles';
import { UNITS } from './support/fixtures';

// Authorization per role, across the two geographies. "Today" is after the switch unless a
// test says otherwise: the 2024 districts are gone, accounts nobody moved keep what they had.

const catalog = new GeographyCatalog(defaultGeographies());
const TODAY = '2026-01-15';
const BEFORE_SWITCH = '2025-06-01';
const user = (
  role: Role,
  geographyId: string,
  unitCode: string,
  id = `${role}-${unitCode}`,
): PublicUser => ({
  id,
  username: id,
  displayName: id,
  role,
  unitCode,
  geographyId,
});
const old = (code: string) => ({ geographyId: KIEN_GIANG_2024, code });
const now = (code: string) => ({ geographyId: AN_GIANG_2025, code });
const target = (ref: { geographyId: string; code: string }, authorId = 'someone') => ({
  geographyId: ref.geographyId,
  communeCode: ref.code,
  authorId,
});

/** The officer of the new Phường Rạch Giá (30742 since July 2025), moved from Vĩnh Thanh. */
const rachGiaOfficer = user('commune', AN_GIANG_2025, '30742');
/** A Vĩnh Thanh officer nobody moved. */
const vinhThanhOfficer = user('commune', KIEN_GIANG_2024, UNITS.vinhThanh);
/** The 2024 officer of Phường Vĩnh Bảo — the same code 30742, another place. */
const vinhBaoOfficer = user('commune', KIEN_GIANG_2024, '30742');
const rachGiaDistrict = user('district', KIEN_GIANG_2024, UNITS.rachGia);
const province = user('province', AN_GIANG_2025, '91');
const agency = user('agency', AN_GIANG_2025, '91');

describe('reading through the mapping', () => {
  it('the new Phường Rạch Giá officer reads the 2024 records of its old wards, nothing else', () => {
    for (const code of ['30730', '30733', '30736', '30739', '30742']) {
      expect(mayRead(rachGiaOfficer, catalog, old(code)), code).toBe(true);
    }
    expect(mayRead(rachGiaOfficer, catalog, now('30742'))).toBe(true);
    expect(mayRead(rachGiaOfficer, catalog, old(UNITS.dongHo))).toBe(false);
    expect(mayRead(rachGiaOfficer, catalog, now('30760'))).toBe(false);
    const scope = readScope(rachGiaOfficer, catalog);
    expect(scope?.all).toBe(false);
    if (scope && !scope.all) {
      expect(scope.communes).toContainEqual(old(UNITS.vinhThanh));
      expect(scope.communes).toContainEqual(now('30742'));
      expect(scope.communes).not.toContainEqual(old('30763'));
    }
  });

  it('an officer nobody moved keeps their old commune only; the reused code 30742 is not Vĩnh Bảo', () => {
    expect(readScope(vinhThanhOfficer, catalog)).toEqual({
      all: false,
      communes: [old(UNITS.vinhThanh)],
    });
    expect(mayRead(vinhThanhOfficer, catalog, now('30742'))).toBe(false);
    expect(readScope(vinhBaoOfficer, catalog)).toEqual({ all: false, communes: [old('30742')] });
    expect(mayRead(vinhBaoOfficer, catalog, now('30742'))).toBe(false);
  });

  it('a district nobody moved reads its old communes and the new ones made only of them', () => {
    expect(mayRead(rachGiaDistrict, catalog, old(UNITS.vinhQuang))).toBe(true);
    expect(mayRead(rachGiaDistrict, catalog, now('30742'))).toBe(true);
    expect(mayRead(rachGiaDistrict, catalog, old(UNITS.dongHo))).toBe(false);
    // Phường Vĩnh Thông took Xã Mỹ Lâm from another district.
    expect(mayRead(rachGiaDistrict, catalog, now('30760'))).toBe(false);
  });

  it('province, agency and admin read everything, in both geographies', () => {
    for (const u of [province, agency, user('admin', AN_GIANG_2025, '91')]) {
      expect(readScope(u, catalog)).toEqual({ all: true });
      expect(mayRead(u, catalog, old(UNITS.dongHo))).toBe(true);
      expect(mayRead(u, catalog, now('30307'))).toBe(true);
    }
  });

  it('narrows to a requested unit only inside the caller’s scope', () => {
    expect(readScope(rachGiaOfficer, catalog, old(UNITS.vinhQuang))).toEqual({
      all: false,
      communes: [old(UNITS.vinhQuang)],
    });
    expect(readScope(rachGiaOfficer, catalog, old(UNITS.rachGia))).toBeNull();
    expect(readScope(vinhThanhOfficer, catalog, now('30742'))).toBeNull();
    expect(readScope(province, catalog, old(UNITS.haTien))?.all).toBe(false);
    expect(readScope(province, catalog, old('không-có'))).toBeNull();
  });
});

describe('writing through the mapping', () => {
  it('the new Rạch Giá officer writes its commune now and its old wards’ 2024 records', () => {
    expect(
      checkActivityWrite(rachGiaOfficer, catalog, target(now('30742')), true, TODAY),
    ).toBeNull();
    expect(
      checkActivityWrite(rachGiaOfficer, catalog, target(old('30736')), true, TODAY),
    ).toBeNull();
    const refusal = checkActivityWrite(rachGiaOfficer, catalog, target(now('30760')), true, TODAY);
    expect(refusal?.errors).toEqual([
      expect.objectContaining({ path: 'communeCode', code: 'validation.unitNotAllowed' }),
    ]);
    expect(refusal?.reason).toContain('Phường Vĩnh Thông');
  });

  it('an officer nobody moved writes their old commune, never the larger new one', () => {
    expect(
      checkActivityWrite(vinhThanhOfficer, catalog, target(old(UNITS.vinhThanh)), true, TODAY),
    ).toBeNull();
    expect(
      checkActivityWrite(vinhThanhOfficer, catalog, target(now('30742')), true, TODAY),
    ).not.toBeNull();
    expect(
      checkActivityWrite(vinhBaoOfficer, catalog, target(now('30742')), true, TODAY),
    ).not.toBeNull();
  });

  it('a district nobody moved creates nothing after the switch; before it, it wrote its communes', () => {
    expect(isReadOnly(rachGiaDistrict, catalog, TODAY)).toBe(true);
    const refusal = checkActivityWrite(
      rachGiaDistrict,
      catalog,
      target(old(UNITS.vinhQuang)),
      true,
      TODAY,
    );
    expect(refusal?.reason).toContain('chỉ được xem');
    expect(isReadOnly(rachGiaDistrict, catalog, BEFORE_SWITCH)).toBe(false);
    expect(
      checkActivityWrite(
        rachGiaDistrict,
        catalog,
        target(old(UNITS.vinhQuang)),
        true,
        BEFORE_SWITCH,
      ),
    ).toBeNull();
    expect(
      checkActivityWrite(rachGiaDistrict, catalog, target(old(UNITS.dongHo)), true, BEFORE_SWITCH),
    ).not.toBeNull();
  });

  it('province and agency officers write anywhere but only their own records', () => {
    for (const u of [province, agency]) {
      expect(
        checkActivityWrite(u, catalog, target(old(UNITS.dongHo), u.id), true, TODAY),
      ).toBeNull();
      expect(checkActivityWrite(u, catalog, target(now('30307'), u.id), true, TODAY)).toBeNull();
      const refusal = checkActivityWrite(u, catalog, target(now('30307'), 'other'), true, TODAY);
      expect(refusal?.errors[0]).toMatchObject({ path: 'authorId', code: 'validation.notAuthor' });
    }
  });

  it('requires a commune of a known geography for incoming records, for every role', () => {
    for (const u of [rachGiaOfficer, rachGiaDistrict, province]) {
      const refusal = checkActivityWrite(u, catalog, target(old(UNITS.rachGia), u.id), true, TODAY);
      expect(refusal?.errors[0]).toMatchObject({
        path: 'communeCode',
        code: 'validation.unitNotLeaf',
      });
      expect(checkActivityWrite(u, catalog, target(now('91'), u.id), true, TODAY)).not.toBeNull();
      expect(
        checkActivityWrite(
          u,
          catalog,
          target({ geographyId: 'nowhere', code: '30742' }, u.id),
          true,
          TODAY,
        ),
      ).not.toBeNull();
    }
  });
});
