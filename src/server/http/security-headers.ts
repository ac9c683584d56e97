import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Digests ('sha256-…') of the inline <script> and <style> elements of the built index.html (the
 * app bar painted before the bundle loads), so the CSP allows exactly them and no other inline
 * code: the 180-day token lives in localStorage, where any injected script could read it.
 */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const digest = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/i.test(match[1]!) && match[2]!.length > 0) scripts.push(digest(match[2]!));
  }
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    styles.push(digest(match[1]!));
  }
  return { scripts, styles };
}

export function contentSecurityPolicy(
  hashes = { scripts: [] as string[], styles: [] as string[] },
) {
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.scripts.join(' ')}`.trim(),
    `style-src 'self' ${hashes.styles.join(' ')}`.trim(),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every response carries (API and app alike). */
export function securityHeaders(clientDir: string | null): Record<string, string> {
  let hashes: { scripts: string[]; styles: string[] } | undefined;
  if (clientDir) {
    try {
      hashes = inlineHashes(readFileSync(join(clientDir, 'index.html'), 'utf8'));
    } catch {
      hashes = undefined;
    }
  }
  return {
    'content-security-policy': contentSecurityPolicy(hashes),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(self), geolocation=(self), microphone=(), payment=(), usb=()',
  };
}

/**
 * Adds the security headers to every answer, and HSTS when the request came over HTTPS (directly
 * or, with TRUST_PROXY, through the proxy): a browser ignores HSTS over plain HTTP anyway.
 */
export function registerSecurityHeaders(app: FastifyInstance, clientDir: string | null): void {
  const headers = securityHeaders(clientDir);
  app.addHook('onSend', async (request, reply) => {
    reply.headers(headers);
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000');
    }
  });
}
