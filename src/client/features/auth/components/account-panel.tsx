import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session-context';
import { useSessionControls } from '../hooks/session-controls-context';

/** Who is logged in on this device, and logout — refused while data is unsynced. */
export function AccountPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const controls = useSessionControls();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function logout() {
    if (!controls || !window.confirm(t('auth.logoutConfirm'))) return;
    setRefusal(null);
    setBusy(true);
    try {
      const outcome = await controls.logout();
      if (!outcome.ok) setRefusal(t('auth.logoutRefused', { count: outcome.unsynced }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack" data-testid="account-panel">
      <p>
        {t('auth.signedInAs', { name: session.user.displayName, username: session.user.username })}
      </p>
      <p className="hint">{t('auth.device', { name: session.deviceName })}</p>
      {controls?.expired && (
        <button
          type="button"
          className="btn btn--primary"
          style={{ minHeight: 48 }}
          onClick={controls.requestLogin}
        >
          {t('auth.loginAgain')}
        </button>
      )}
      {controls && (
        <button
          type="button"
          className="btn"
          style={{ minHeight: 48 }}
          disabled={busy}
          onClick={() => void logout()}
        >
          {busy ? t('auth.loggingOut') : t('auth.logout')}
        </button>
      )}
      {refusal && (
        <p role="alert" className="field-error">
          {refusal}
        </p>
      )}
    </div>
  );
}
