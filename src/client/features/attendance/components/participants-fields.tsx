import { useTranslation } from 'react-i18next';
import { NumberField } from '../../../components/form/number-field';
import { PARTICIPANT_KEYS } from '../../../../shared/activity/attendance-tally';

/** The participant counts; read-only when they are computed from the attendee list. */
export function ParticipantsFields({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="grid-2">
      {PARTICIPANT_KEYS.map((key) => (
        <NumberField
          key={key}
          name={`participants.${key}`}
          label={t(`field.participants.${key}`)}
          readOnly={readOnly}
        />
      ))}
    </div>
  );
}
