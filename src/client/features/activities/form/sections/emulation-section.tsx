import { useTranslation } from 'react-i18next';
import { EMULATION_KINDS } from '../../../../../shared/activity/activity-enums';
import { NumberField } from '../../../../components/form/number-field';
import { SelectField } from '../../../../components/form/select-field';
import { TextField } from '../../../../components/form/text-field';

export default function EmulationSection() {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        name="kind"
        label={t('field.emulationKind')}
        options={EMULATION_KINDS.map((k) => ({ value: k, label: t(`emulationKind.${k}`) }))}
      />
      <TextField name="title" label={t('field.emulationTitle')} />
      <NumberField name="commendedCollectives" label={t('field.commendedCollectives')} />
      <NumberField name="commendedIndividuals" label={t('field.commendedIndividuals')} />
      <NumberField name="commendedHouseholds" label={t('field.commendedHouseholds')} />
      <NumberField
        name="resourcesVnd"
        label={t('field.resourcesVnd')}
        kind="money"
        hint={t('activityForm.moneyHint')}
      />
      <TextField name="resourcesInKind" label={t('field.resourcesInKind')} multiline />
    </>
  );
}
