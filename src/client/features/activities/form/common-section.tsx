import { useTranslation } from 'react-i18next';
import { CONTENT_THEMES, TARGET_GROUPS } from '../../../../shared/activity/activity-enums';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { CheckboxGroupField } from '../../../components/form/checkbox-group-field';
import { CommuneField } from './commune-field';
import { OrganiserField } from './organiser-field';
import { GpsField } from '../../../components/form/gps-field';
import { TextField } from '../../../components/form/text-field';
import { DateField } from '../../../components/form/date-field';

/** What every activity has: when, where, who organised it, about what, for whom. */
export function CommonSection({ catalog }: { catalog: GeographyCatalog }) {
  const { t } = useTranslation();
  const today = todayInVietnam();
  return (
    <section className="card" aria-labelledby="common-heading">
      <h2 id="common-heading">{t('activityForm.sectionCommon')}</h2>
      <div className="grid-2">
        <DateField name="date" label={t('field.date')} max={today} />
        <DateField name="endDate" label={t('field.endDate')} max={today} optional />
      </div>
      <CommuneField catalog={catalog} />
      <TextField name="place" label={t('field.place')} />
      <GpsField />
      <OrganiserField catalog={catalog} />
      <CheckboxGroupField
        name="themes"
        legend={t('field.themes')}
        options={CONTENT_THEMES.map((v) => ({ value: v, label: t(`theme.${v}`) }))}
      />
      <CheckboxGroupField
        name="targetGroups"
        legend={t('field.targetGroups')}
        options={TARGET_GROUPS.map((v) => ({ value: v, label: t(`targetGroup.${v}`) }))}
      />
    </section>
  );
}
