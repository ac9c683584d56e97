import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { AppLocale } from '../../../shared/format/vi-format';
import { localeOf } from '../i18n';

type Params = Record<string, string | number>;

/**
 * The API's refusal sentences ('problem.*' keys), loaded on first need rather than in the entry:
 * they are shown only when the server refuses something.
 */
export async function loadProblemMessages(i18n: I18n, lng: AppLocale): Promise<void> {
  if (i18n.getResource(lng, 'translation', 'problem.invalidRequest') !== undefined) return;
  const problem =
    lng === 'en'
      ? (await import('../../../shared/i18n/problem-messages-en')).problemMessagesEn
      : (await import('../../../shared/i18n/problem-messages-vi')).problemMessagesVi;
  i18n.addResourceBundle(lng, 'translation', { problem }, true, false);
}

/**
 * The officer's own wording of a server refusal: the message key ('problem.noWriteRight') in the
 * UI language, so a notice stored in Vietnamese reads in English after switching. Falls back to
 * the server's sentence for a key this version does not know.
 */
export function useProblemText(): (
  code: string | undefined,
  params: Params | undefined,
  fallback: string,
) => string {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [, setLoaded] = useState(0);
  useEffect(() => {
    let live = true;
    void loadProblemMessages(i18n, locale).then(() => live && setLoaded((n) => n + 1));
    return () => {
      live = false;
    };
  }, [i18n, locale]);
  return (code, params, fallback) =>
    code?.startsWith('problem.') && i18n.getResource(locale, 'translation', code) !== undefined
      ? t(code, params ?? {})
      : fallback;
}
