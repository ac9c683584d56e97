import { useId, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Session } from '../session-context';
import type { ApiConfig } from '../../../lib/http/api-client';
import { logIn, type LoginFailure } from '../auth-service';
import { currentDeviceEnvironment, guessDevice } from '../device-name';
import { InputField } from '../../../components/form/input-field';
import { PasswordField } from '../../../components/form/password-field';
import { useRevealFirstError } from '../../../lib/use-reveal-first-error';

const FAILURE_KEYS: Record<LoginFailure, string> = {
  'invalid-input': 'auth.required',
  'wrong-credentials': 'auth.wrongCredentials',
  'rate-limited': 'auth.rateLimited',
  offline: 'auth.offline',
  server: 'auth.serverError',
  other: 'auth.failed',
};

export interface LoginScreenProps {
  onLoggedIn: (session: Session) => void;
  api?: ApiConfig;
  initialUsername?: string;
  /** Shown above the form, e.g. why a new login is needed. */
  notice?: string;
  onCancel?: () => void;
  /** The form was sent: the caller may load what follows a login while the server answers. */
  onSubmitting?: () => void;
  /** Shown in a dialog over the app ("Đăng nhập lại"): no second app bar or main landmark. */
  inDialog?: boolean;
}

/** Online login, once per device; the password is never stored. */
export function LoginScreen({
  onLoggedIn,
  api,
  initialUsername = '',
  notice,
  onCancel,
  onSubmitting,
  inDialog = false,
}: LoginScreenProps) {
  const { t } = useTranslation();
  const id = useId();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState(() => suggestedDeviceName(t));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { formRef, revealFirstError } = useRevealFirstError();
  const passwordRef = useRef<HTMLInputElement>(null);

  const missing = {
    username: username.trim() === '',
    password: password === '',
    deviceName: deviceName.trim() === '',
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (missing.username || missing.password || missing.deviceName) {
      revealFirstError();
      return;
    }
    setBusy(true);
    onSubmitting?.();
    try {
      const outcome = await logIn(
        { username: username.trim(), password, deviceName: deviceName.trim() },
        api,
      );
      if (outcome.ok) {
        onLoggedIn(outcome.session);
        return;
      }
      setError(
        outcome.retryAfterMinutes
          ? t('auth.rateLimitedMinutes', { count: outcome.retryAfterMinutes })
          : t(FAILURE_KEYS[outcome.failure], { detail: outcome.detail }),
      );
      // The commonest slip is the password: its box is ready for another try (the alert above
      // the button is read out).
      if (outcome.failure === 'wrong-credentials') {
        passwordRef.current?.focus();
        passwordRef.current?.select();
      }
    } finally {
      setBusy(false);
    }
  }

  const invalid = (name: keyof typeof missing) =>
    submitted && missing[name] ? 'validation.required' : undefined;

  // An app bar like the signed-in app's (the "ready offline" toast sits at the bottom here, never
  // over the heading), side margins, and errors in the app's error style.
  const Bar = inDialog ? 'div' : 'header';
  const Main = inDialog ? 'div' : 'main';
  return (
    <div className="login">
      <Bar className="shell__header">
        <span className="shell__title">{t('app.name')}</span>
      </Bar>
      <Main className="login__main stack" aria-labelledby={inDialog ? undefined : `${id}-title`}>
        <h1 id={`${id}-title`}>{t('auth.title')}</h1>
        {notice ? (
          <p role="alert" className="notice">
            {notice}
          </p>
        ) : (
          <p className="hint">{t('auth.intro')}</p>
        )}
        <form ref={formRef} className="card" noValidate onSubmit={(e) => void submit(e)}>
          <InputField
            id={`${id}-username`}
            name="username"
            label={t('auth.username')}
            value={username}
            autoComplete="username"
            required
            error={invalid('username')}
            onChange={setUsername}
          />
          <PasswordField
            id={`${id}-password`}
            name="password"
            label={t('auth.password')}
            value={password}
            autoComplete="current-password"
            required
            inputRef={passwordRef}
            error={invalid('password')}
            onChange={setPassword}
          />
          <InputField
            id={`${id}-deviceName`}
            name="deviceName"
            label={t('auth.deviceName')}
            value={deviceName}
            required
            // The hint gives way to the message, so a screen reader hears one of them.
            hint={invalid('deviceName') ? undefined : t('auth.deviceNameHint')}
            error={invalid('deviceName')}
            onChange={setDeviceName}
          />
          {error && (
            <p role="alert" className="notice notice--error login__error" data-testid="login-error">
              {error}
            </p>
          )}
          <div className="stack">
            <button type="submit" className="btn btn--primary login__submit" disabled={busy}>
              {busy ? t('auth.submitting') : t('auth.submit')}
            </button>
            {onCancel && (
              <button type="button" className="btn login__submit" onClick={onCancel}>
                {t('app.cancel')}
              </button>
            )}
          </div>
        </form>
      </Main>
    </div>
  );
}

/** "Điện thoại Android SM-A145F", "iPhone", "Máy tính Windows"… in the screen's language. */
function suggestedDeviceName(t: TFunction): string {
  const { kind, os } = guessDevice(currentDeviceEnvironment());
  if (!kind) return t('auth.deviceOther');
  if (os === 'iPhone' || os === 'iPad' || os === 'Chromebook') return os;
  // English puts the system first: "{{os}} phone" with no system known reads "Phone".
  const name = t(`auth.device.${kind}`, { os }).replace(/\s+/g, ' ').trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}
