import type { z } from 'zod';
import { V } from './messages';
import type { FieldError } from '../sync/sync-protocol';
import { translateKey } from '../i18n/translate-key';

/** Zod issues → field errors with a message key and its Vietnamese text, for API answers. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const code = messageKeyOf(issue);
    return { path: issue.path.map(String).join('.'), code, message: translateKey(code) };
  });
}

export function messageKeyOf(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('validation.')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? V.required : V.invalidValue;
    case 'too_big':
      return issue.origin === 'string' ? V.tooLong : V.invalidValue;
    case 'too_small':
      return issue.origin === 'string' ? V.required : V.invalidValue;
    default:
      return V.invalidValue;
  }
}

/** The first message key per top-level field, for a form that shows one message under each box. */
export function firstMessageByField(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of issues) found[String(issue.path[0] ?? '')] ??= messageKeyOf(issue);
  return found;
}
