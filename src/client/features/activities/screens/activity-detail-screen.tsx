import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { activityTitle, hasAttendance } from '../../../../shared/activity/activity-factory';
import {
  formatIsoDate,
  formatIsoDateTime,
  formatNumber,
  formatVnd,
} from '../../../../shared/format/vi-format';
import { hrefFor, navigate } from '../../../lib/router';
import { useLocale } from '../../../lib/use-locale';
import { PARTICIPANT_KEYS } from '../../../../shared/activity/attendance-tally';
import { useActivity, useDeleteActivity } from '../hooks/use-activity';
import { communeText, useGeographyCatalog } from '../hooks/use-commune-name';
import { Row } from '../detail/detail-row';
import { PhotoGallery } from '../../photos/components/photo-gallery';
import { RecordNotices } from '../detail/record-notices';
import { SyncStateView } from '../detail/sync-state-view';
import { TypeDetails } from '../detail/type-details';
import { PeriodLockNotice } from '../detail/period-lock-notice';
import { usePeriodLock } from '../hooks/use-period-lock';

export function ActivityDetailScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const activity = useActivity(id);
  const remove = useDeleteActivity();
  const catalog = useGeographyCatalog();
  const lock = usePeriodLock(activity ?? undefined);
  if (activity === undefined) return <p className="notice">{t('app.loading')}</p>;
  if (activity === null) return <p className="notice">{t('activityForm.notFound')}</p>;
  const a: Activity = activity;
  const none = t('activityDetail.none');
  const n = (value: number) => formatNumber(value, locale);

  const onDelete = async () => {
    if (!window.confirm(t('activityDetail.deleteConfirm'))) return;
    await remove(a.id);
    navigate({ name: 'list' }, { replace: true });
  };

  return (
    <article className="stack">
      <header>
        <p className="hint">{t(`activityType.${a.type}`)}</p>
        <h1>{activityTitle(a) || t('home.untitled')}</h1>
        <p className={a.status === 'draft' ? 'badge' : 'badge badge--ok'}>
          {t(`status.${a.status}`)}
        </p>
      </header>
      {lock ? (
        <PeriodLockNotice lock={lock} />
      ) : (
        <div className="row">
          <a className="btn btn--primary" href={hrefFor({ name: 'edit', id: a.id })}>
            {t('activityDetail.edit')}
          </a>
          <button type="button" className="btn btn--danger" onClick={() => void onDelete()}>
            {t('activityDetail.delete')}
          </button>
        </div>
      )}

      <SyncStateView activity={activity} />
      <RecordNotices recordId={a.id} />

      <section className="card" aria-labelledby="detail-common">
        <h2 id="detail-common">{t('activityForm.sectionCommon')}</h2>
        <dl className="dl">
          <Row label={t('field.date')}>
            {formatIsoDate(a.date)}
            {a.endDate ? ` – ${formatIsoDate(a.endDate)}` : ''}
          </Row>
          <Row label={t('field.communeCode')}>{communeText(catalog, a, t, true)}</Row>
          <Row label={t('field.place')}>{a.place || none}</Row>
          <Row label={t('field.location')}>
            {a.location
              ? t('activityForm.locationValue', {
                  lat: a.location.lat.toFixed(5),
                  lng: a.location.lng.toFixed(5),
                  accuracy: n(a.location.accuracyM),
                })
              : none}
          </Row>
          <Row label={t('field.organiser')}>{a.organiser || none}</Row>
          <Row label={t('field.themes')}>
            {a.themes.map((v) => t(`theme.${v}`)).join('; ') || none}
          </Row>
          <Row label={t('field.targetGroups')}>
            {a.targetGroups.map((v) => t(`targetGroup.${v}`)).join('; ') || none}
          </Row>
        </dl>
      </section>

      <section className="card" aria-labelledby="detail-type">
        <h2 id="detail-type">{t('activityForm.sectionType')}</h2>
        <TypeDetails activity={a} />
      </section>

      {hasAttendance(a.type) && (
        <section className="card" aria-labelledby="detail-participants">
          <h2 id="detail-participants">{t('activityForm.sectionParticipants')}</h2>
          <dl className="dl">
            {PARTICIPANT_KEYS.map((key) => (
              <Row key={key} label={t(`field.participants.${key}`)}>
                {n(a.participants[key])}
              </Row>
            ))}
          </dl>
          {a.attendanceMode === 'list' && (
            <>
              <h3>{t('activityDetail.attendees')}</h3>
              <ol className="attendee-list">
                {a.attendees.map((p) => (
                  <li key={p.id} className="attendee">
                    <div className="attendee__text">
                      <strong>{p.fullName}</strong>
                      <span className="hint">
                        {[
                          t(`sex.${p.sex}`),
                          String(p.birthYear),
                          t(`ethnicity.${p.ethnicity}`),
                          t(`householdCategory.${p.householdCategory}`),
                          p.isOfficial ? t('attendance.isOfficial') : '',
                          p.phone ?? '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </div>
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="detail-cost">
        <h2 id="detail-cost">{t('activityForm.sectionCost')}</h2>
        <dl className="dl">
          {/* The amount carries its currency ("1.500.000 đ"): the label does not repeat it. */}
          <Row label={t('activityDetail.amount')}>{formatVnd(a.costVnd, locale)}</Row>
          <Row label={t('field.fundingSource')}>
            {a.fundingSource ? t(`fundingSource.${a.fundingSource}`) : none}
          </Row>
        </dl>
      </section>

      <PhotoGallery activityId={a.id} photos={a.photos ?? []} />

      <section className="card" aria-labelledby="detail-notes">
        <h2 id="detail-notes">{t('field.notes')}</h2>
        <p>{a.notes || none}</p>
      </section>

      {/* Who entered the record and when: about the record, not about its cost. */}
      <section className="card" aria-labelledby="detail-record">
        <h2 id="detail-record">{t('activityDetail.recordInfo')}</h2>
        <dl className="dl">
          <Row label={t('field.author')}>{a.authorName || none}</Row>
          <Row label={t('field.createdAt')}>{formatIsoDateTime(a.createdAt)}</Row>
          <Row label={t('field.updatedAt')}>{formatIsoDateTime(a.updatedAt)}</Row>
        </dl>
      </section>
    </article>
  );
}
