import { useTranslation } from 'react-i18next';
import { FUNDING_SOURCES } from '../../../../shared/activity/activity-enums';
import { NumberField } from '../../../components/form/number-field';
import { SelectField } from '../../../components/form/select-field';
import { TextField } from '../../../components/form/text-field';

export function CostSection() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="cost-heading">
      <h2 id="cost-heading">{t('activityForm.sectionCost')}</h2>
      <NumberField
        name="costVnd"
        label={t('field.costVnd')}
        kind="money"
        hint={t('activityForm.moneyHint')}
      />
      <SelectField
        name="fundingSource"
        label={t('field.fundingSource')}
        emptyLabel={t('activityForm.noFunding')}
        options={FUNDING_SOURCES.map((v) => ({ value: v, label: t(`fundingSource.${v}`) }))}
      />
      <TextField name="notes" label={t('field.notes')} multiline />
    </section>
  );
}
