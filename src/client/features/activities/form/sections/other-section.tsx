import { useTranslation } from 'react-i18next';
import { TextField } from '../../../../components/form/text-field';

export default function OtherSection() {
  const { t } = useTranslation();
  return <TextField name="title" label={t('field.otherTitle')} />;
}
