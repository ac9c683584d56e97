import { useTranslation } from 'react-i18next';
import { ApiError } from './api-error';
import { useProblemText } from './use-problem-text';

/** A failed call as one sentence for the officer: why, and what to do. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const problemText = useProblemText();
  return (error) => {
    if (!(error instanceof ApiError)) return t('accounts.error.other');
    switch (error.kind) {
      case 'network':
        return t('accounts.error.offline');
      case 'unauthorized':
        return t('accounts.error.sessionEnded');
      case 'forbidden':
        return t('accounts.error.forbidden');
      case 'rate-limited':
        return t('accounts.error.rateLimited');
      case 'server':
      case 'invalid-response':
        return t('accounts.error.server');
      default:
        // 400/404/409: the server's reason (its key, in the officer's language) says what is wrong.
        return problemText(
          error.problem?.code,
          error.problem?.params,
          error.problem?.detail ?? t('accounts.error.other'),
        );
    }
  };
}

/** Field errors the server sent (message keys), by field name. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem?.errors) return {};
  return Object.fromEntries(error.problem.errors.map((e) => [e.path.split('.')[0] ?? '', e.code]));
}
