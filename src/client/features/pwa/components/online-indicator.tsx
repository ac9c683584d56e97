import { useTranslation } from 'react-i18next';
import { useOnline } from '../../../lib/use-online';

export function OnlineIndicator() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <span className={online ? 'net net--online' : 'net net--offline'} role="status">
      <span className="net__dot" aria-hidden="true" />
      {online ? t('app.online') : t('app.offline')}
    </span>
  );
}
