import { useTranslation } from 'react-i18next';
import { ValueSelectField } from '../../../components/form/value-select-field';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import type { UnitOption } from '../model/unit-options';
import { geographyLabel } from '../model/geography-label';
import { todayInVietnam } from '../../../../shared/format/vi-format';

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
          options={[...catalog.list()].reverse().map((g) => ({
            value: g.id,
            label: geographyLabel(catalog, g.id, todayInVietnam(), (key, values) => t(key, values)),
          }))}
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
