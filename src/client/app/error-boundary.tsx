import { Component, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  error: Error | null;
}

/** A crash in one screen shows a message and a reload button instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div className="notice notice--error" role="alert">
            <h2>{t('app.errorTitle')}</h2>
            <p>{this.state.error?.message}</p>
            <button type="button" className="btn" onClick={() => location.reload()}>
              {t('app.reload')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}
