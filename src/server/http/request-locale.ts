import type { FastifyRequest } from 'fastify';
import type { AppLocale } from '../../shared/format/vi-format';

/**
 * The language to answer in, from Accept-Language: English when the caller prefers it over
 * Vietnamese, Vietnamese otherwise (the default: officers' phones and tools that send nothing).
 */
export function requestLocale(request: Pick<FastifyRequest, 'headers'>): AppLocale {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string' || header === '') return 'vi';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, index };
    })
    .filter((l) => (l.lang === 'vi' || l.lang === 'en') && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang === 'en' ? 'en' : 'vi';
}
