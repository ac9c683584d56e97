import { useTranslation } from 'react-i18next';
import { CONTENT_THEMES, TARGET_GROUPS } from '../../../../shared/activity/activity-enums';
import type { AdminUnitTree } from '../../../../shared/admin-units/admin-unit-tree';
import { todayInVietnam } from '../../../../shared/format/vi-format';
import { CheckboxGroupField } from '../../../components/form/checkbox-group-field';
import { CommuneField } from './commune-field';
import { GpsField } from '../../../components/form/gps-field';
import { TextField } from '../../../components/form/text-field';

/** What every activity has: when, where, who organised it, about what, for whom. */
export function CommonSection({ tree, unitCode }: { tree: AdminUnitTree; unitCode: string }) {
  const { t } = useTranslation();
  const today = todayInVietnam();
  return (
    <section className="card" aria-labelledby="common-heading">
      <h2 id="common-heading">{t('activityForm.sectionCommon')}</h2>
      <div className="grid-2">
        <TextField name="date" label={t('field.date')} type="date" max={today} />
        <TextField
          name="endDate"
          label={t('field.endDate')}
          type="date"
          max={today}
          emptyAsUndefined
        />
      </div>
      <CommuneField tree={tree} unitCode={unitCode} />
      <TextField name="place" label={t('field.place')} />
      <GpsField />
      <TextField name="organiser" label={t('field.organiser')} autoComplete="organization" />
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
