import { useTranslation } from 'react-i18next';
import { PRINTED_KINDS } from '../../../../../shared/activity/activity-enums';
import { NumberField } from '../../../../components/form/number-field';
import { TextField } from '../../../../components/form/text-field';

export default function PrintedMaterialsSection() {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="title" label={t('field.printedTitle')} />
      {PRINTED_KINDS.map((kind) => (
        <fieldset key={kind} className="subgroup">
          <legend>{t(`printedKind.${kind}`)}</legend>
          <div className="grid-2">
            <NumberField name={`quantities.${kind}.printed`} label={t('field.printed')} />
            <NumberField name={`quantities.${kind}.distributed`} label={t('field.distributed')} />
          </div>
        </fieldset>
      ))}
      <TextField name="otherKindDescription" label={t('field.otherKindDescription')} />
    </>
  );
}
