import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig, DatabaseKind } from '../../src/server/db/database';

/** A throw-away database for one bench run: a temp SQLite file or a fresh PostgreSQL schema. */
export interface Scratch {
  config: DatabaseConfig;
  /** The environment that points the server process at it. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** PostgreSQL URL for benches (BENCH_DATABASE_URL, else TEST_DATABASE_URL), or undefined. */
export const benchPostgresUrl = (): string | undefined =>
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

export async function scratchDatabase(kind: DatabaseKind, label = 'bench'): Promise<Scratch> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${label}-`));
    return {
      config: { kind, file: join(dir, 'outreach-log.sqlite') },
      env: { DATA_DIR: dir, DATABASE_URL: '' },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = benchPostgresUrl();
  if (!url) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL for PostgreSQL');
  const schema = `${label.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`create schema ${schema}`);
  return {
    config: { kind, connectionString: url, schema },
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
    drop: () => admin(`drop schema ${schema} cascade`),
  };
}
