import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadProblemMessages, localeOf } from '../i18n';

type Params = Record<string, string | number>;

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
