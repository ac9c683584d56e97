import { useTranslation } from 'react-i18next';
import { NumberField } from '../../../../components/form/number-field';
import { TextField } from '../../../../components/form/text-field';

export default function TrainingSection() {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="topic" label={t('field.trainingTopic')} />
      <NumberField name="days" label={t('field.days')} kind="decimal" />
      <NumberField name="trainees.povertyOfficials" label={t('field.trainees.povertyOfficials')} />
      <NumberField name="trainees.reportersEditors" label={t('field.trainees.reportersEditors')} />
      <NumberField name="trainees.others" label={t('field.trainees.others')} />
    </>
  );
}
