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
  trustProxy: boolean;
  logLevel: string;
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Invalid PORT: ${env.PORT}`);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    clientDir: resolve(env.CLIENT_DIR || join(PROJECT_ROOT, 'dist')),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
  };
}
