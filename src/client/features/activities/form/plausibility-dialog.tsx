import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Implausible } from '../../../../shared/activity/plausibility';
import { formatNumber } from '../../../../shared/format/vi-format';
import { useLocale } from '../../../lib/use-locale';
import { fieldLabel } from './form-errors';

interface Props {
  items: Implausible[];
  onFix: () => void;
  onConfirm: () => void;
}

/** "1.500.000 người tham dự?": asks before saving numbers far beyond a real activity. */
export function PlausibilityDialog({ items, onFix, onConfirm }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fixRef = useRef<HTMLButtonElement>(null);
  useEffect(() => fixRef.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="plausible-title"
        aria-describedby="plausible-intro"
        onKeyDown={(e) => e.key === 'Escape' && onFix()}
      >
        <h2 id="plausible-title">{t('activityForm.plausibleTitle')}</h2>
        <p id="plausible-intro">{t('activityForm.plausibleIntro')}</p>
        <ul>
          {items.map((item) => (
            <li key={item.path}>
              {t('activityForm.plausibleItem', {
                label: fieldLabel(item.path),
                value: formatNumber(item.value, locale),
                limit: formatNumber(item.limit, locale),
              })}
            </li>
          ))}
        </ul>
        <div className="row">
          <button type="button" className="btn" ref={fixRef} onClick={onFix}>
            {t('activityForm.plausibleFix')}
          </button>
          <button type="button" className="btn btn--primary" onClick={onConfirm}>
            {t('activityForm.plausibleConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
