import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUnitTree } from '../../../../shared/admin-units/admin-unit-tree';
import { SelectField } from '../../../components/form/select-field';

/**
 * The places an activity can happen: the leaves of the unit tree under the officer's unit,
 * whatever the depth (province → district → commune in 2024, province → commune since 2025).
 */
export function CommuneField({ tree, unitCode }: { tree: AdminUnitTree; unitCode: string }) {
  const { t } = useTranslation();
  const options = useMemo(() => {
    const under = tree.get(unitCode) ? tree.leavesUnder(unitCode) : tree.leavesUnder();
    return under
      .map((u) => ({ value: u.code, label: tree.qualifiedName(u.code) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  }, [tree, unitCode]);
  if (options.length === 0) return <p className="notice">{t('activityForm.noCommunes')}</p>;
  return (
    <SelectField
      name="communeCode"
      label={t('field.communeCode')}
      options={options}
      emptyLabel={options.length > 1 ? t('activityForm.chooseCommune') : undefined}
      emptyValue=""
    />
  );
}
