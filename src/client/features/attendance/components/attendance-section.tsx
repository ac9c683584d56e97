import { useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../../shared/activity/activity.schema';
import type { AttendanceMode } from '../../../../shared/activity/activity-enums';
import { SegmentedField } from '../../../components/form/segmented-field';
import { useTallySync } from '../hooks/use-tally-sync';
import type { AttendeeStore } from '../model/attendee-store';
import { AttendeeList } from './attendee-list';
import { AttendeeQuickAdd } from './attendee-quick-add';
import { ParticipantsFields } from './participants-fields';

/** "Chỉ ghi số lượng" or "Ghi danh sách" (whose tallies fill the counts). */
export function AttendanceSection({ store }: { store: AttendeeStore }) {
  const { t } = useTranslation();
  const { getValues } = useFormContext<Activity>();
  const { field } = useController<Activity, 'attendanceMode'>({ name: 'attendanceMode' });
  const mode = field.value as AttendanceMode;
  useTallySync(store, mode === 'list');

  const choose = (next: AttendanceMode) => {
    if (next === mode) return;
    if (next === 'counts' && store.getAll().length > 0) {
      if (!window.confirm(t('attendance.switchToCountsConfirm', { count: store.getAll().length })))
        return;
      store.clear();
    }
    if (next === 'list' && store.getAll().length === 0 && getValues('participants.total') > 0) {
      if (!window.confirm(t('attendance.switchToListConfirm'))) return;
    }
    field.onChange(next);
  };

  return (
    <section className="card" aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('activityForm.sectionParticipants')}</h2>
      <SegmentedField
        label={t('attendance.mode')}
        name="attendanceMode"
        value={mode}
        onChange={choose}
        options={[
          { value: 'counts', label: t('attendance.modeCounts') },
          { value: 'list', label: t('attendance.modeList') },
        ]}
      />
      {mode === 'list' && (
        <>
          <AttendeeQuickAdd store={store} />
          <AttendeeList store={store} />
          <p className="hint">{t('attendance.countsFromList')}</p>
        </>
      )}
      <ParticipantsFields readOnly={mode === 'list'} />
    </section>
  );
}
