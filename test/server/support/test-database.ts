import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig, DatabaseKind } from '../../../src/server/db/database';

// Every server test file runs against SQLite and, when TEST_DATABASE_URL is set (CI sets it with
// REQUIRE_POSTGRES=1), against PostgreSQL too, each file in its own schema.

const POSTGRES_URL = process.env.TEST_DATABASE_URL;
const REQUIRE_POSTGRES = process.env.REQUIRE_POSTGRES === '1';

export const DATABASE_KINDS: DatabaseKind[] =
  POSTGRES_URL || REQUIRE_POSTGRES ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  kind: DatabaseKind;
  config: DatabaseConfig;
  /** The same database for a child process (server or CLI), as environment variables. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'outreach-test-'));
    return {
      kind,
      config: { kind, file: join(dir, 'outreach-log.sqlite') },
      env: { DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!POSTGRES_URL) {
    throw new Error(
      'REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the PostgreSQL suite must run',
    );
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  return {
    kind,
    config: { kind, connectionString: POSTGRES_URL, schema },
    env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema },
    drop: () => adminQuery(`drop schema if exists ${schema} cascade`),
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
