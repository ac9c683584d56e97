import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../session-context';
import type { ApiConfig } from '../../../lib/http/api-client';
import { logIn, type LoginFailure } from '../auth-service';
import { defaultDeviceName } from '../device-name';
import { InputField } from '../../../components/form/input-field';

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
}

/** Online login, once per device; the password is never stored. */
export function LoginScreen({
  onLoggedIn,
  api,
  initialUsername = '',
  notice,
  onCancel,
}: LoginScreenProps) {
  const { t } = useTranslation();
  const id = useId();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState(() => defaultDeviceName());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const missing = {
    username: username.trim() === '',
    password: password === '',
    deviceName: deviceName.trim() === '',
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (missing.username || missing.password || missing.deviceName) return;
    setBusy(true);
    try {
      const outcome = await logIn(
        { username: username.trim(), password, deviceName: deviceName.trim() },
        api,
      );
      if (outcome.ok) {
        onLoggedIn(outcome.session);
        return;
      }
      setError(t(FAILURE_KEYS[outcome.failure], { detail: outcome.detail }));
    } finally {
      setBusy(false);
    }
  }

  const field = (
    name: 'username' | 'password' | 'deviceName',
    value: string,
    set: (v: string) => void,
    extra: { type?: 'password'; autoComplete: string; hint?: string },
  ) => {
    const invalid = submitted && missing[name];
    return (
      <InputField
        id={`${id}-${name}`}
        name={name}
        label={t(`auth.${name}`)}
        type={extra.type}
        value={value}
        autoComplete={extra.autoComplete}
        // The hint gives way to the message, so a screen reader hears one of them.
        hint={invalid ? undefined : extra.hint}
        error={invalid ? 'validation.required' : undefined}
        onChange={set}
      />
    );
  };

  return (
    <main className="login-screen stack" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('auth.title')}</h1>
      {notice ? <p role="alert">{notice}</p> : <p className="hint">{t('auth.intro')}</p>}
      <form className="card stack" noValidate onSubmit={(e) => void submit(e)}>
        {field('username', username, setUsername, { autoComplete: 'username' })}
        {field('password', password, setPassword, {
          type: 'password',
          autoComplete: 'current-password',
        })}
        {field('deviceName', deviceName, setDeviceName, {
          autoComplete: 'off',
          hint: t('auth.deviceNameHint'),
        })}
        {error && (
          <p role="alert" className="field-error" data-testid="login-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="btn btn--primary"
          style={{ minHeight: 48 }}
          disabled={busy}
        >
          {busy ? t('auth.submitting') : t('auth.submit')}
        </button>
        {onCancel && (
          <button type="button" className="btn" style={{ minHeight: 48 }} onClick={onCancel}>
            {t('app.cancel')}
          </button>
        )}
      </form>
    </main>
  );
}
