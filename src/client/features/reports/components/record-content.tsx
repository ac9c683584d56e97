import { useTranslation } from 'react-i18next';
import { activityDiff, changeLabel } from '../../../../shared/activity/activity-diff';
import type { Activity } from '../../../../shared/activity/activity.schema';
import type { GeographyCatalog } from '../../../../shared/geography/geography-catalog';
import { useDiffContext } from '../hooks/use-diff-context';

// Shown in the head of the record's page already, or listed on their own below (questions); the
// attendees' names and the photos are the commune's working data, not what a report counts.
const NOT_LISTED = new Set([
  'type',
  'status',
  'date',
  'communeCode',
  'place',
  'organiser',
  'questions',
  'attendees',
  'photos',
]);

/**
 * Everything the record holds that a report counts — participants by group, copies per kind,
 * minutes per channel, trainees, commendations, cost and its source — in the activity form's
 * words and formats (the same field list as the history: every filled field, form order), so an
 * officer who follows a figure of the report to its records finds that figure on each of them.
 */
export function RecordContent({
  data,
  catalog,
}: {
  data: Activity;
  catalog: GeographyCatalog | undefined;
}) {
  const { t } = useTranslation();
  const ctx = useDiffContext(catalog);
  const fields = activityDiff(null, data, ctx).filter(
    (f) => !NOT_LISTED.has(f.field.split('.')[0]!) && f.after !== '',
  );
  const questions = data.type === 'dialogue' ? data.questions : [];
  return (
    <>
      <section aria-label={t('reports.browser.content')}>
        <h2>{t('reports.browser.content')}</h2>
        <dl className="dl">
          {fields.map((f) => (
            <div key={f.field} className="dl__row">
              <dt>{changeLabel(f, ctx.t)}</dt>
              <dd>{f.after}</dd>
            </div>
          ))}
        </dl>
      </section>
      {questions.length > 0 && (
        <section aria-label={t('activityDetail.questions')}>
          <h2>{t('activityDetail.questions')}</h2>
          <ol>
            {questions.map((q) => (
              <li key={q.id}>
                {[q.content, q.answer, q.needsFollowUp ? t('activityDetail.followUp') : '']
                  .filter((part) => part.trim() !== '')
                  .join(' — ')}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
