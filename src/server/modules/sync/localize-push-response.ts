import type { AppLocale } from '../../../shared/format/vi-format';
import { problemText } from '../../../shared/i18n/problem-message';
import type { PushResponse } from '../../../shared/sync/sync-protocol';
import { localizeFieldErrors } from '../../http/problem';

/** Reasons and field messages of a push answer in the request's language (keys unchanged). */
export function localizePushResponse(response: PushResponse, locale: AppLocale): PushResponse {
  if (locale === 'vi') return response;
  return {
    results: response.results.map((r) => {
      if (r.status === 'rejected')
        return {
          ...r,
          reason: problemText(r.code, r.params, locale),
          errors: localizeFieldErrors(r.errors, locale),
        };
      if (r.status === 'waiting') return { ...r, reason: problemText(r.code, r.params, locale) };
      return r;
    }),
  };
}
