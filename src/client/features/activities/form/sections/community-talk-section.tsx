import { useTranslation } from 'react-i18next';
import { TextField } from '../../../../components/form/text-field';

export default function CommunityTalkSection() {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="topic" label={t('field.talkTopic')} />
      <TextField name="speaker" label={t('field.speaker')} />
    </>
  );
}
