import { useTranslation } from 'react-i18next';
import { isIos, isStandalone } from '../install-prompt';
import { useInstallPrompt } from '../hooks/use-install-prompt';

/** Installing keeps the data safe on iPhones (Safari clears unused sites after 7 days). */
export function InstallHint() {
  const { t } = useTranslation();
  const prompt = useInstallPrompt();
  return (
    <section className="card" aria-labelledby="install-heading">
      <h2 id="install-heading">{t('settings.install')}</h2>
      {isStandalone() ? (
        <p>{t('settings.installed')}</p>
      ) : (
        <>
          {prompt && (
            <button type="button" className="btn btn--primary" onClick={() => void prompt()}>
              {t('settings.installButton')}
            </button>
          )}
          <p className={isIos() ? 'notice notice--warn' : 'hint'}>
            {isIos() ? t('settings.installIos') : t('settings.installAndroid')}
          </p>
          {!isIos() && <p className="hint">{t('settings.installIos')}</p>}
        </>
      )}
    </section>
  );
}
