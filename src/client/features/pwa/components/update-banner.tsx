import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppUpdate, type RegisterServiceWorker } from '../hooks/use-app-update';

export function UpdateBanner({ register }: { register?: RegisterServiceWorker }) {
  const { t } = useTranslation();
  const { phase, offlineReady, update, postpone, dismissOfflineReady } = useAppUpdate(register);

  // Good news needs no action: it leaves by itself so it never sits over the app bar for long.
  useEffect(() => {
    if (!offlineReady) return;
    const timer = setTimeout(dismissOfflineReady, OFFLINE_READY_MS);
    return () => clearTimeout(timer);
  }, [offlineReady, dismissOfflineReady]);

  if (phase === 'idle') {
    if (!offlineReady) return null;
    return (
      <div className="banner banner--info" role="status">
        <span>{t('pwa.offlineReady')}</span>
        <button type="button" className="btn btn--ghost" onClick={dismissOfflineReady}>
          {t('app.close')}
        </button>
      </div>
    );
  }
  if (phase === 'confirm') {
    return (
      <div className="banner banner--warn" role="alertdialog" aria-labelledby="update-warning">
        <p id="update-warning">{t('pwa.unsavedWarning')}</p>
        <div className="banner__actions">
          <button type="button" className="btn btn--primary" onClick={() => void update(true)}>
            {t('pwa.update')}
          </button>
          <button type="button" className="btn" onClick={postpone}>
            {t('pwa.later')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="banner banner--update" role="status">
      <button
        type="button"
        className="btn btn--primary banner__main"
        disabled={phase === 'updating'}
        onClick={() => void update()}
      >
        {phase === 'updating' ? t('pwa.updating') : t('pwa.updateAvailable')}
      </button>
      <button
        type="button"
        className="btn btn--ghost"
        onClick={postpone}
        disabled={phase === 'updating'}
      >
        {t('pwa.later')}
      </button>
    </div>
  );
}

const OFFLINE_READY_MS = 8000;
