import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DialogueActivity } from '../../../../../shared/activity/activity.schema';
import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import { CheckboxField } from '../../../../components/form/checkbox-field';
import { TextField } from '../../../../components/form/text-field';

export default function DialogueSection() {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray<DialogueActivity, 'questions', 'key'>({
    name: 'questions',
    keyName: 'key',
  });
  return (
    <>
      <TextField name="topic" label={t('field.topic')} />
      <TextField name="chair" label={t('field.chair')} />
      <TextField name="officialsPresent" label={t('field.officialsPresent')} multiline />
      <fieldset className="repeat">
        <legend>{t('activityDetail.questions')}</legend>
        {fields.length === 0 && <p className="hint">{t('activityForm.noQuestions')}</p>}
        {fields.map((q, index) => (
          <div
            key={q.key}
            className="repeat__item"
            role="group"
            aria-label={t('activityForm.questionN', { n: index + 1 })}
          >
            <h3>{t('activityForm.questionN', { n: index + 1 })}</h3>
            <TextField
              name={`questions.${index}.content`}
              label={t('field.questionContent')}
              multiline
            />
            <TextField
              name={`questions.${index}.answer`}
              label={t('field.questionAnswer')}
              multiline
            />
            <CheckboxField
              name={`questions.${index}.needsFollowUp`}
              label={t('field.needsFollowUp')}
            />
            <button
              type="button"
              className="btn btn--ghost btn--danger"
              onClick={() => remove(index)}
            >
              {t('activityForm.removeQuestion', { n: index + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() => append({ id: uuidv7(), content: '', answer: '', needsFollowUp: false })}
        >
          {t('activityForm.addQuestion')}
        </button>
      </fieldset>
    </>
  );
}
