import { useTranslation } from 'react-i18next';
import { ValueSelectField } from '../../../components/form/value-select-field';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import type { UnitOption } from '../model/unit-options';

interface UnitPickerProps {
  catalog: GeographyCatalog;
  geographyId: string;
  /** Offer the geography switch (accounts that read more than one commune). */
  geographies: boolean;
  units: UnitOption[];
  unitCode: string | undefined;
  onGeography: (id: string) => void;
  onUnit: (code: string) => void;
}

// The switch names geographies by their place in time, not by id: the older one is the
// 2024 three-tier map, the newest the one in force.
function geographyLabel(catalog: GeographyCatalog, id: string, t: (k: string) => string) {
  const list = catalog.list();
  if (list.at(-1)?.id === id) return t('reports.geographyCurrent');
  if (list.length === 2 && list[0]!.id === id) return t('reports.geographyOld');
  return catalog.get(id)?.name ?? id;
}

/** Đơn vị (within the user's scope) and the geography the report is shown in. */
export function UnitPicker(props: UnitPickerProps) {
  const { t } = useTranslation();
  const { catalog, geographyId, units, unitCode } = props;
  return (
    <div className="report-picker__row report-picker__row--units">
      {props.geographies && (
        <ValueSelectField
          label={t('reports.geography')}
          value={geographyId}
          options={[...catalog.list()]
            .reverse()
            .map((g) => ({ value: g.id, label: geographyLabel(catalog, g.id, t) }))}
          onChange={(id) => id && props.onGeography(id)}
        />
      )}
      <ValueSelectField
        label={t('reports.unit')}
        value={unitCode ?? ''}
        // Indented by level: province, district, commune.
        options={units.map((u) => ({
          value: u.code,
          label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}`,
        }))}
        onChange={(code) => code && props.onUnit(code)}
      />
    </div>
  );
}
