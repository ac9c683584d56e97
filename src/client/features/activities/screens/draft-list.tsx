import { useTranslation } from 'react-i18next';
import { formatIsoDateTime } from '../../../../shared/format/vi-format';
import { hrefFor } from '../../../lib/router';
import type { FormDraft } from '../../../db/app-db';
import { useFormDrafts } from '../hooks/use-form-drafts';

function draftTitle(values: unknown): string {
  if (typeof values !== 'object' || values === null) return '';
  const v = values as { title?: unknown; topic?: unknown };
  const title = typeof v.topic === 'string' ? v.topic : typeof v.title === 'string' ? v.title : '';
  return title.trim();
}

function resumeHref(draft: FormDraft): string {
  return draft.isNew
    ? hrefFor({ name: 'new', type: draft.type, id: draft.activityId })
    : hrefFor({ name: 'edit', id: draft.activityId });
}

/** Forms left half-filled (autosaved): resume or throw away. */
export function DraftList() {
  const { t } = useTranslation();
  const { drafts, discard } = useFormDrafts();
  if (!drafts) return null;
  return (
    <section aria-labelledby="drafts-heading" className="card">
      <h2 id="drafts-heading">{t('home.drafts')}</h2>
      {drafts.length === 0 ? (
        <p className="hint">{t('home.noDrafts')}</p>
      ) : (
        <ul className="draft-list">
          {drafts.map((draft) => (
            <li key={draft.activityId} className="draft-list__item">
              <div>
                <strong>{draftTitle(draft.values) || t('home.untitled')}</strong>
                <div className="hint">
                  {t(`activityType.${draft.type}`)} ·{' '}
                  {t('home.draftSavedAt', { time: formatIsoDateTime(draft.savedAt) })}
                </div>
              </div>
              <div className="row">
                <a className="btn btn--primary" href={resumeHref(draft)}>
                  {t('home.resume')}
                </a>
                <button
                  type="button"
                  className="btn btn--ghost"
                  onClick={() => {
                    if (window.confirm(t('home.discardConfirm'))) void discard(draft.activityId);
                  }}
                >
                  {t('home.discard')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
