import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type { DatabaseConfig } from './db/database';

/** The repository root (src/server/..), where `dist/` is built. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * DATABASE_URL selects PostgreSQL (DATABASE_SCHEMA optionally names a schema); otherwise SQLite
 * in `${DATA_DIR}/outreach-log.sqlite` (DATA_DIR defaults to ./data, relative to the cwd).
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) {
    return {
      kind: 'postgres',
      connectionString: env.DATABASE_URL,
      ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}),
    };
  }
  return { kind: 'sqlite', file: join(resolve(env.DATA_DIR || './data'), 'outreach-log.sqlite') };
}

export interface ServerConfig {
  port: number;
  host: string;
  clientDir: string;
  /** Addresses/CIDRs of the reverse proxy whose X-Forwarded-For is believed; false: none. */
  trustProxy: string[] | false;
  /** Said once at start-up (TRUST_PROXY=1 read as loopback only). */
  warnings: string[];
  logLevel: string;
  /** Photo files: `${DATA_DIR}/photos` whichever database holds the rows. */
  photoDir: string;
  /**
   * SYNC_WAIT_BUDGET_MS: the longest predicted queue wait a sync request is admitted with
   * (default 400); `off` admits every request (the queue alone bounds it: for comparisons).
   */
  syncWaitBudgetMs?: number;
}

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Fastify's `trustProxy` takes it: a comma-separated list of the proxy's
 * addresses or CIDRs (`127.0.0.1`, `10.0.0.0/8`, `::1`, or `loopback`). Only a request that
 * reaches us from one of them has its X-Forwarded-For read, right to left, up to the first
 * address that is not a trusted proxy: a forged leftmost entry is never believed. `1`/`true`
 * (which used to trust any sender) now mean `loopback`, with a warning; a hop count or `*` is
 * refused.
 */
export function parseTrustProxy(value: string | undefined): {
  trustProxy: string[] | false;
  warning?: string;
} {
  const text = (value ?? '').trim();
  if (text === '' || text === '0' || text.toLowerCase() === 'false') return { trustProxy: false };
  if (text === '1' || text.toLowerCase() === 'true') {
    return {
      trustProxy: ['loopback'],
      warning:
        'TRUST_PROXY=1 is read as TRUST_PROXY=loopback (a proxy on this machine). Set it to the ' +
        'proxy’s address or CIDR, e.g. TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.5,10.0.1.0/24.',
    };
  }
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const entry of entries) {
    if (!isProxyAddress(entry)) {
      throw new Error(
        `Invalid TRUST_PROXY entry "${entry}": give the reverse proxy's IP addresses or CIDRs, ` +
          'comma-separated (e.g. 127.0.0.1 or 10.0.0.0/8), or "loopback". Trusting every sender ' +
          '(a hop count, "*", "true") would let anyone forge X-Forwarded-For.',
      );
    }
  }
  return { trustProxy: entries };
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_PRESETS.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  // A /0 matches every address: that is "trust everyone" again.
  return bits >= 1 && bits <= (version === 4 ? 32 : 128);
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Invalid PORT: ${env.PORT}`);
  const { trustProxy, warning } = parseTrustProxy(env.TRUST_PROXY);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    clientDir: resolve(env.CLIENT_DIR || join(PROJECT_ROOT, 'dist')),
    trustProxy,
    warnings: warning ? [warning] : [],
    logLevel: env.LOG_LEVEL || 'info',
    photoDir: join(resolve(env.DATA_DIR || './data'), 'photos'),
    ...syncWaitBudget(env.SYNC_WAIT_BUDGET_MS),
  };
}

function syncWaitBudget(text: string | undefined): { syncWaitBudgetMs?: number } {
  if (!text) return {};
  if (text === 'off') return { syncWaitBudgetMs: Number.POSITIVE_INFINITY };
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new Error(`Invalid SYNC_WAIT_BUDGET_MS: ${text} (milliseconds, or "off")`);
  return { syncWaitBudgetMs: ms };
}
