import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { organiserSuggestions } from '../../../../shared/agencies/agency';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { TextField } from '../../../components/form/text-field';
import { useAppDb } from '../../../db/app-db-context';
import { loadAgencies } from '../../admin-units/store/admin-unit-store';

/**
 * Who organised it: free text, with the agencies valid on the activity's date suggested (the
 * Sở LĐ-TB&XH until 28/02/2025, the Sở Nông nghiệp và Môi trường from 01/03/2025, the commune's
 * People's Committee…). The list is data the province edits; phones get it by pull.
 */
export function OrganiserField({ catalog }: { catalog: GeographyCatalog }) {
  const { t } = useTranslation();
  const db = useAppDb();
  const { control } = useFormContext<Activity>();
  const [date, geographyId, communeCode] = useWatch({
    control,
    name: ['date', 'geographyId', 'communeCode'],
  });
  const agencies = useLiveQuery(() => loadAgencies(db), [db]);
  const suggestions = useMemo(() => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(date ?? '') ? date : todayInVietnam();
    const commune =
      communeCode && catalog.has(geographyId)
        ? catalog.unit({ geographyId, code: communeCode })?.name
        : undefined;
    return organiserSuggestions(agencies ?? [], day, commune);
  }, [agencies, catalog, date, geographyId, communeCode]);
  return (
    <TextField
      name="organiser"
      label={t('field.organiser')}
      autoComplete="organization"
      suggestions={suggestions}
    />
  );
}
