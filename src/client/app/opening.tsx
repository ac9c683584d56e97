import { useTranslation } from 'react-i18next';

/** "Đang mở…" while the signed-in part or a first screen loads. */
export function Opening() {
  const { t } = useTranslation();
  return (
    <p role="status" className="boot__msg">
      {t('auth.opening')}
    </p>
  );
}
