import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A password the server just made, shown this once: the admin hands it to the officer, who
 * can change it on their phone. It is nowhere else afterwards.
 */
export function OneTimePassword(props: { username: string; password: string; onDone: () => void }) {
  const { t } = useTranslation();
  // The form or button that asked for it is gone or far above: the keyboard (and the screen
  // reader's cursor) is brought here, where the next step is.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="card notice--warn"
      role="alert"
      aria-labelledby="one-time-password"
    >
      <h2 id="one-time-password">{t('accounts.oneTime.title')}</h2>
      <p>{t('accounts.oneTime.intro', { username: props.username })}</p>
      <p>
        <code data-testid="one-time-password" style={{ fontSize: '1.4em', userSelect: 'all' }}>
          {props.password}
        </code>
      </p>
      <p className="hint">{t('accounts.oneTime.once')}</p>
      <button type="button" className="btn btn--primary" onClick={props.onDone}>
        {t('accounts.oneTime.done')}
      </button>
    </section>
  );
}
