import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../../shared/activity/activity.schema';
import { PRINTED_KINDS } from '../../../../shared/activity/activity-enums';
import { formatNumber, formatVnd } from '../../../../shared/format/vi-format';
import { useLocale } from '../../../lib/use-locale';
import { Row } from './detail-row';

/** The form-specific fields of an activity, read-only. */
export function TypeDetails({ activity: a }: { activity: Activity }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const none = t('activityDetail.none');
  switch (a.type) {
    case 'dialogue':
      return (
        <>
          <dl className="dl">
            <Row label={t('field.topic')}>{a.topic || none}</Row>
            <Row label={t('field.chair')}>{a.chair || none}</Row>
            <Row label={t('field.officialsPresent')}>{a.officialsPresent || none}</Row>
          </dl>
          <h3>{t('activityDetail.questions')}</h3>
          {a.questions.length === 0 ? (
            <p className="hint">{t('activityForm.noQuestions')}</p>
          ) : (
            <ol className="question-list">
              {a.questions.map((q) => (
                <li key={q.id}>
                  <p>{q.content}</p>
                  {q.answer && <p className="hint">{q.answer}</p>}
                  {q.needsFollowUp && (
                    <span className="badge badge--warn">{t('activityDetail.followUp')}</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      );
    case 'community_talk':
      return (
        <dl className="dl">
          <Row label={t('field.talkTopic')}>{a.topic || none}</Row>
          <Row label={t('field.speaker')}>{a.speaker || none}</Row>
        </dl>
      );
    case 'printed_materials':
      return (
        <dl className="dl">
          <Row label={t('field.printedTitle')}>{a.title || none}</Row>
          {PRINTED_KINDS.map((kind) => (
            <Row key={kind} label={t(`printedKind.${kind}`)}>
              {t('activityDetail.printedDistributed', {
                printed: n(a.quantities[kind].printed),
                distributed: n(a.quantities[kind].distributed),
              })}
            </Row>
          ))}
          {a.otherKindDescription && (
            <Row label={t('field.otherKindDescription')}>{a.otherKindDescription}</Row>
          )}
        </dl>
      );
    case 'mass_media':
      return (
        <dl className="dl">
          <Row label={t('field.channel')}>{t(`mediaChannel.${a.channel}`)}</Row>
          <Row label={t('field.mediaTitle')}>{a.title || none}</Row>
          <Row label={t('field.itemCount')}>{n(a.itemCount)}</Row>
          <Row label={t('field.durationMinutes')}>{n(a.durationMinutes)}</Row>
          <Row label={t('field.link')}>
            {a.link ? (
              <a href={a.link} target="_blank" rel="noreferrer noopener">
                {a.link}
              </a>
            ) : (
              none
            )}
          </Row>
        </dl>
      );
    case 'training':
      return (
        <dl className="dl">
          <Row label={t('field.trainingTopic')}>{a.topic || none}</Row>
          <Row label={t('field.days')}>{n(a.days)}</Row>
          <Row label={t('field.trainees.povertyOfficials')}>{n(a.trainees.povertyOfficials)}</Row>
          <Row label={t('field.trainees.reportersEditors')}>{n(a.trainees.reportersEditors)}</Row>
          <Row label={t('field.trainees.others')}>{n(a.trainees.others)}</Row>
        </dl>
      );
    case 'emulation':
      return (
        <dl className="dl">
          <Row label={t('field.emulationKind')}>{t(`emulationKind.${a.kind}`)}</Row>
          <Row label={t('field.emulationTitle')}>{a.title || none}</Row>
          <Row label={t('field.commendedCollectives')}>{n(a.commendedCollectives)}</Row>
          <Row label={t('field.commendedIndividuals')}>{n(a.commendedIndividuals)}</Row>
          <Row label={t('field.commendedHouseholds')}>{n(a.commendedHouseholds)}</Row>
          <Row label={t('field.resourcesVnd')}>{formatVnd(a.resourcesVnd, locale)}</Row>
          <Row label={t('field.resourcesInKind')}>{a.resourcesInKind || none}</Row>
        </dl>
      );
    case 'other':
      return (
        <dl className="dl">
          <Row label={t('field.otherTitle')}>{a.title || none}</Row>
        </dl>
      );
  }
}
