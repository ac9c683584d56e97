import { useTranslation } from 'react-i18next';
import { useOnlineStatus } from '../hooks/use-online-status';

export function OnlineIndicator() {
  const { t } = useTranslation();
  const online = useOnlineStatus();
  return (
    <span className={online ? 'net net--online' : 'net net--offline'} role="status">
      <span className="net__dot" aria-hidden="true" />
      {online ? t('app.online') : t('app.offline')}
    </span>
  );
}
