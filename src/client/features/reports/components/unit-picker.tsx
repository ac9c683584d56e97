import { useId } from 'react';
import { useTranslation } from 'react-i18next';
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
  const id = useId();
  const { catalog, geographyId, units, unitCode } = props;
  return (
    <div className="report-picker__row">
      {props.geographies && (
        <div className="field">
          <label htmlFor={`${id}-geo`}>{t('reports.geography')}</label>
          <select
            id={`${id}-geo`}
            value={geographyId}
            onChange={(e) => props.onGeography(e.target.value)}
          >
            {[...catalog.list()].reverse().map((g) => (
              <option key={g.id} value={g.id}>
                {geographyLabel(catalog, g.id, t)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field report-picker__unit">
        <label htmlFor={`${id}-unit`}>{t('reports.unit')}</label>
        <select
          id={`${id}-unit`}
          value={unitCode ?? ''}
          disabled={units.length === 0}
          onChange={(e) => props.onUnit(e.target.value)}
        >
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
