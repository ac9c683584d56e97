import type { AppLocale } from '../format/vi-format';
import { problemMessagesEn } from './problem-messages-en';
import { problemMessagesVi, type ProblemMessages } from './problem-messages-vi';

/** A refusal's stable message key, as it travels in problems and push results. */
export type ProblemCode = `problem.${keyof ProblemMessages}`;
export type ProblemParams = Record<string, string | number>;

/** A refusal before it is put in words: the key and what fills its {{placeholders}}. */
export interface ProblemMessage {
  code: ProblemCode;
  params?: ProblemParams;
}

const CATALOGUES: Record<AppLocale, ProblemMessages> = {
  vi: problemMessagesVi,
  en: problemMessagesEn,
};

export const problemCode = (key: keyof ProblemMessages): ProblemCode => `problem.${key}`;

/** The sentence of a key in a language; an unknown key reads as "invalid request". */
export function problemText(code: string, params: ProblemParams = {}, locale: AppLocale = 'vi') {
  const catalogue = CATALOGUES[locale];
  const key = code.startsWith('problem.') ? code.slice('problem.'.length) : code;
  const template =
    (Object.hasOwn(catalogue, key) ? catalogue[key as keyof ProblemMessages] : undefined) ??
    catalogue.invalidRequest;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A push result's reason: the key, its params and the Vietnamese sentence (re-worded per request). */
export function problemReason(key: keyof ProblemMessages, params?: ProblemParams) {
  const code = problemCode(key);
  return { reason: problemText(code, params), code, ...(params ? { params } : {}) };
}
