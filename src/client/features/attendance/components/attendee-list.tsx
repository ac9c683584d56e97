import { useTranslation } from 'react-i18next';
import { useAttendees } from '../hooks/use-attendees';
import type { AttendeeStore } from '../model/attendee-store';
import { AttendeeRow } from './attendee-row';

export function AttendeeList({ store }: { store: AttendeeStore }) {
  const { t } = useTranslation();
  const attendees = useAttendees(store);
  return (
    <section aria-labelledby="attendee-list-title">
      <h3 id="attendee-list-title">{t('attendance.listTitle', { count: attendees.length })}</h3>
      {attendees.length === 0 ? (
        <p className="hint">{t('attendance.empty')}</p>
      ) : (
        <ol className="attendee-list">
          {attendees.map((a) => (
            <AttendeeRow key={a.id} attendee={a} store={store} />
          ))}
        </ol>
      )}
    </section>
  );
}
