import { describe, expect, it } from 'vitest';
import {
  checkActivityWrite,
  mayRead,
  readScope,
} from '../../src/server/modules/sync/activity-access';
import { AdminUnitTree } from '../../src/shared/admin-units/admin-unit-tree';
import { defaultAdminUnits } from '../../src/shared/admin-units/default-admin-units';
import type { PublicUser } from '../../src/shared/sync/sync-protocol';
import type { Role } from '../../src/shared/auth/roles';
import { UNITS } from './support/fixtures';

const tree = new AdminUnitTree(defaultAdminUnits());
const user = (role: Role, unitCode: string, id = `${role}-1`): PublicUser => ({
  id,
  username: id,
  displayName: id,
  role,
  unitCode,
});

const commune = user('commune', UNITS.vinhThanh);
const district = user('district', UNITS.rachGia);
const province = user('province', UNITS.province);
const agency = user('agency', UNITS.province);

describe('read scope', () => {
  it('limits commune and district officers to their subtree', () => {
    expect(readScope(commune, tree)).toEqual({ all: false, unitCodes: [UNITS.vinhThanh] });
    const districtScope = readScope(district, tree);
    expect(districtScope?.all).toBe(false);
    if (districtScope && !districtScope.all) {
      expect(districtScope.unitCodes).toContain(UNITS.vinhQuang);
      expect(districtScope.unitCodes).not.toContain(UNITS.dongHo);
    }
    expect(mayRead(district, tree, UNITS.vinhQuang)).toBe(true);
    expect(mayRead(district, tree, UNITS.dongHo)).toBe(false);
    expect(mayRead(commune, tree, UNITS.vinhQuang)).toBe(false);
  });

  it('lets province, agency and admin read everything', () => {
    for (const u of [province, agency, user('admin', UNITS.province)]) {
      expect(readScope(u, tree)).toEqual({ all: true });
      expect(mayRead(u, tree, UNITS.dongHo)).toBe(true);
    }
  });

  it('narrows to a requested unit only inside the caller’s own scope', () => {
    expect(readScope(district, tree, UNITS.vinhQuang)).toEqual({
      all: false,
      unitCodes: [UNITS.vinhQuang],
    });
    expect(readScope(district, tree, UNITS.haTien)).toBeNull();
    expect(readScope(commune, tree, UNITS.rachGia)).toBeNull();
    expect(readScope(province, tree, UNITS.haTien)?.all).toBe(false);
  });
});

describe('write checks', () => {
  it('lets commune officers write only their commune', () => {
    expect(
      checkActivityWrite(
        commune,
        tree,
        { communeCode: UNITS.vinhThanh, authorId: 'someone' },
        true,
      ),
    ).toBeNull();
    const refusal = checkActivityWrite(
      commune,
      tree,
      { communeCode: UNITS.vinhQuang, authorId: commune.id },
      true,
    );
    expect(refusal?.errors).toEqual([
      expect.objectContaining({ path: 'communeCode', code: 'validation.unitNotAllowed' }),
    ]);
    expect(refusal?.reason).toContain('Phường Vĩnh Quang');
  });

  it('lets district officers write the communes of their district only', () => {
    expect(
      checkActivityWrite(district, tree, { communeCode: UNITS.vinhQuang, authorId: 'x' }, true),
    ).toBeNull();
    expect(
      checkActivityWrite(
        district,
        tree,
        { communeCode: UNITS.dongHo, authorId: district.id },
        true,
      ),
    ).not.toBeNull();
  });

  it('lets province and agency officers write anywhere but only their own records', () => {
    for (const u of [province, agency]) {
      expect(
        checkActivityWrite(u, tree, { communeCode: UNITS.dongHo, authorId: u.id }, true),
      ).toBeNull();
      const refusal = checkActivityWrite(
        u,
        tree,
        { communeCode: UNITS.dongHo, authorId: commune.id },
        true,
      );
      expect(refusal?.errors[0]).toMatchObject({ path: 'authorId', code: 'validation.notAuthor' });
    }
  });

  it('requires a leaf unit for incoming records, for every role', () => {
    for (const u of [commune, district, province]) {
      const refusal = checkActivityWrite(
        u,
        tree,
        { communeCode: UNITS.rachGia, authorId: u.id },
        true,
      );
      expect(refusal?.errors[0]).toMatchObject({
        path: 'communeCode',
        code: 'validation.unitNotLeaf',
      });
      expect(
        checkActivityWrite(u, tree, { communeCode: 'không-có', authorId: u.id }, true),
      ).not.toBeNull();
    }
  });
});
