import { describe, expect, it } from 'vitest';
import { problemText } from '../../src/shared/i18n/problem-message';
import { problemMessagesEn } from '../../src/shared/i18n/problem-messages-en';
import { problemMessagesVi } from '../../src/shared/i18n/problem-messages-vi';
import { requestLocale } from '../../src/server/http/request-locale';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the API refusal catalogues', () => {
  it('say the same things in Vietnamese and English (same keys, same placeholders)', () => {
    expect(Object.keys(problemMessagesEn).sort()).toEqual(Object.keys(problemMessagesVi).sort());
    for (const [key, vi] of Object.entries(problemMessagesVi)) {
      const en = problemMessagesEn[key as keyof typeof problemMessagesEn];
      expect(placeholders(en), key).toEqual(placeholders(vi));
      expect(en, key).not.toBe(vi);
    }
  });

  it('fill the placeholders and fall back to "invalid request" for an unknown key', () => {
    expect(problemText('problem.usernameTaken', { username: 'lan' })).toBe(
      'Tên đăng nhập "lan" đã tồn tại.',
    );
    expect(problemText('problem.tooManyLogins', { minutes: 15 }, 'en')).toBe(
      'Too many failed logins. Please try again in 15 minutes.',
    );
    expect(problemText('problem.khongCo', {}, 'en')).toBe('The request is not valid.');
    expect(problemText('problem.toString')).toBe('Yêu cầu không hợp lệ.');
  });
});

describe('the language of an answer', () => {
  const of = (value?: string) =>
    requestLocale({ headers: value === undefined ? {} : { 'accept-language': value } });
  it('is Vietnamese unless the caller prefers English', () => {
    expect(of()).toBe('vi');
    expect(of('')).toBe('vi');
    expect(of('fr-FR, de')).toBe('vi');
    expect(of('en')).toBe('en');
    expect(of('en-US,en;q=0.9')).toBe('en');
    expect(of('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(of('en;q=0.4, vi;q=0.8')).toBe('vi');
    expect(of('fr, en;q=0.5')).toBe('en');
    expect(of('en;q=0')).toBe('vi');
  });
});
