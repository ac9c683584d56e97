import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendee } from '../../../../shared/activity/attendee.schema';
import { useAttendeeChunks } from '../hooks/use-attendees';
import { CHUNK_SIZE, type AttendeeStore } from '../model/attendee-store';
import { AttendeeRow } from './attendee-row';

// Blocks of rows: adding attendee 300 re-renders the last block of at most 50 rows, never the
// other 250, so the cost of an add does not grow with the list.
const AttendeeChunk = memo(function AttendeeChunk({
  items,
  store,
}: {
  items: readonly Attendee[];
  store: AttendeeStore;
}) {
  return items.map((a) => <AttendeeRow key={a.id} attendee={a} store={store} />);
});

export function AttendeeList({ store }: { store: AttendeeStore }) {
  const { t } = useTranslation();
  const chunks = useAttendeeChunks(store);
  const count =
    chunks.length === 0 ? 0 : (chunks.length - 1) * CHUNK_SIZE + chunks[chunks.length - 1]!.length;
  return (
    <section aria-labelledby="attendee-list-title">
      {/* Focusable: the form's list of errors leads here for a listed person's mistake. */}
      <h3 id="attendee-list-title" tabIndex={-1}>
        {t('attendance.listTitle', { count })}
      </h3>
      {count === 0 ? (
        <p className="hint">{t('attendance.empty')}</p>
      ) : (
        <ol className="attendee-list">
          {chunks.map((items, i) => (
            <AttendeeChunk key={i} items={items} store={store} />
          ))}
        </ol>
      )}
    </section>
  );
}
