import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUnitTree } from '../../../../shared/admin-units/admin-unit-tree';
import { ROLES, type Role } from '../../../../shared/auth/roles';
import { ValueSelectField } from '../../../components/form/value-select-field';
import { useAppDb } from '../../../db/app-db-context';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { loadGeographyCatalog } from '../../admin-units/store/admin-unit-store';

/** The units an account of `role` may belong to: a commune for commune officers, and so on. */
export function unitsForRole(tree: AdminUnitTree, role: Role): { code: string; label: string }[] {
  const roots = tree.roots();
  const all = roots.flatMap((root) => tree.subtree(root.code));
  const units =
    role === 'commune'
      ? tree.leavesUnder()
      : role === 'district'
        ? all.filter((u) => u.parentCode !== null && !tree.isLeaf(u.code))
        : roots;
  return units.map((u) => ({ code: u.code, label: `${tree.qualifiedName(u.code)} (${u.code})` }));
}

export interface CurrentUnits {
  tree: AdminUnitTree;
  /** The geography the picked code belongs to (codes are reused between geographies). */
  geographyId: string;
}

/**
 * The unit tree accounts are given units of: the geography in force today (the new An Giang since
 * 01/07/2025, once the phone has pulled it), not the 2024 one.
 */
export function useUnitTree(): CurrentUnits | null {
  const db = useAppDb();
  const [tree, setTree] = useState<CurrentUnits | null>(null);
  useEffect(() => {
    let live = true;
    void loadGeographyCatalog(db).then((catalog) => {
      const current = catalog.inForceOn(todayInVietnam());
      if (live) setTree({ tree: catalog.tree(current.id), geographyId: current.id });
    });
    return () => {
      live = false;
    };
  }, [db]);
  return tree;
}

/** Role, then the unit (the list follows the role); a unit that no longer fits is cleared. */
export function RoleAndUnitFields(props: {
  role: Role;
  unitCode: string;
  onChange: (next: { role: Role; unitCode: string }) => void;
  errors: { role?: string; unitCode?: string };
}) {
  const { t } = useTranslation();
  const id = useId();
  const tree = useUnitTree()?.tree;
  const { role, unitCode, onChange, errors } = props;
  const units = tree ? unitsForRole(tree, role) : [];

  const changeRole = (next: Role) => {
    const fits = tree ? unitsForRole(tree, next).some((u) => u.code === unitCode) : false;
    const only = tree ? unitsForRole(tree, next) : [];
    onChange({ role: next, unitCode: fits ? unitCode : only.length === 1 ? only[0]!.code : '' });
  };

  return (
    <>
      <ValueSelectField
        id={`${id}-role`}
        label={t('accounts.role')}
        required
        error={errors.role}
        options={ROLES.map((r) => ({ value: r, label: t(`accounts.roles.${r}`) }))}
        value={role}
        onChange={(next) => changeRole(next as Role)}
      />
      <ValueSelectField
        id={`${id}-unit`}
        label={t('accounts.unit')}
        required
        // A district account today: nothing to choose, and the reason why.
        hint={tree && units.length === 0 ? t('accounts.noUnitForRole') : undefined}
        error={errors.unitCode}
        emptyLabel={t('accounts.chooseUnit')}
        options={units.map((u) => ({ value: u.code, label: u.label }))}
        value={unitCode}
        onChange={(code) => onChange({ role, unitCode: code })}
      />
    </>
  );
}
