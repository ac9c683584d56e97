import { useTranslation } from 'react-i18next';
import { MEDIA_CHANNELS } from '../../../../../shared/activity/activity-enums';
import { NumberField } from '../../../../components/form/number-field';
import { SelectField } from '../../../../components/form/select-field';
import { TextField } from '../../../../components/form/text-field';

export default function MassMediaSection() {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        name="channel"
        label={t('field.channel')}
        options={MEDIA_CHANNELS.map((c) => ({ value: c, label: t(`mediaChannel.${c}`) }))}
      />
      <TextField name="title" label={t('field.mediaTitle')} />
      <div className="grid-2">
        <NumberField name="itemCount" label={t('field.itemCount')} />
        <NumberField name="durationMinutes" label={t('field.durationMinutes')} />
      </div>
      <TextField name="link" label={t('field.link')} type="url" />
    </>
  );
}
