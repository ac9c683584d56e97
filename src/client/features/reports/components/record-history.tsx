import { useTranslation } from 'react-i18next';
import { activityDiff, changeLabel } from '../../../../shared/activity/activity-diff';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { formatIsoDateTime } from '../../../../shared/format/vi-format';
import type { RecordVersion } from '../../../../shared/sync/sync-protocol';
import { useDiffContext } from '../hooks/use-diff-context';

/**
 * A record's versions, oldest first: when, who, and what each changed in the form's words
 * ("Ngày thực hiện: 01/05/2025 → 03/05/2025"); the first says Tạo mới (or, when the server left
 * out the versions from before the record came into the reader's area, that it moved in), a
 * deletion Đã xóa.
 */
export function RecordHistory({
  versions,
  catalog,
  movedIn = false,
}: {
  versions: readonly RecordVersion[];
  catalog: GeographyCatalog | undefined;
  movedIn?: boolean;
}) {
  const { t } = useTranslation();
  const ctx = useDiffContext(catalog);
  let lastData: unknown = null;
  const items = versions.map((v, i) => {
    const previous = lastData;
    const restored = v.op === 'upsert' && i > 0 && versions[i - 1]?.op === 'delete';
    if (v.op === 'upsert' && v.data) lastData = v.data;
    const changes = v.op === 'upsert' && i > 0 ? activityDiff(previous, v.data, ctx) : [];
    return { v, i, restored, changes };
  });
  return (
    <ol className="record-history">
      {items.map(({ v, i, restored, changes }) => (
        <li key={v.rev} className="record-history__version">
          <p className="record-history__when">
            <strong>{formatIsoDateTime(v.updatedAt)}</strong>
            {v.updatedBy && <span> · {v.updatedBy}</span>}
          </p>
          {v.op === 'delete' ? (
            <p>{t('history.deleted')}</p>
          ) : i === 0 ? (
            <p>{movedIn ? t('history.movedIn') : t('history.created')}</p>
          ) : (
            <>
              {restored && <p>{t('history.restored')}</p>}
              {changes.length === 0 ? (
                !restored && <p>{t('history.noChange')}</p>
              ) : (
                <ul className="record-history__changes">
                  {changes.map((c) => (
                    <li key={c.field}>
                      <span className="record-history__label">{changeLabel(c, ctx.t)}:</span>{' '}
                      {c.before || '—'} → {c.after || '—'}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
