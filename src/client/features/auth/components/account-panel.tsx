import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionControls } from '../hooks/session-controls-context';
import type { LogoutRefusal } from '../auth-service';

/** Logout from this device — refused, with the reason, while data is unsynced. */
export function AccountPanel() {
  const { t } = useTranslation();
  const controls = useSessionControls();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refusalText = (r: LogoutRefusal) =>
    [
      t('auth.logoutRefused', { count: r.unsynced }),
      r.photos > 0 ? t('auth.logoutPhotos', { count: r.photos }) : '',
    ]
      .join(' ')
      .trim();

  async function logout() {
    if (!controls) return;
    setRefusal(null);
    setBusy(true);
    try {
      // Refused at once, without first asking "Đăng xuất?" for nothing.
      const blocked = await controls.logoutRefusal();
      if (blocked) {
        setRefusal(refusalText(blocked));
        return;
      }
      if (!window.confirm(t('auth.logoutConfirm'))) return;
      const outcome = await controls.logout();
      if (!outcome.ok) setRefusal(refusalText(outcome));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack" data-testid="account-panel">
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
        // Right under the button that was refused, in the app's error style.
        <p role="alert" className="notice notice--error" data-testid="logout-refused">
          {refusal}
        </p>
      )}
    </div>
  );
}
