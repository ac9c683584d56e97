import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { Kysely as KyselyDb, PostgresDialect, SqliteDialect } from './kysely-runtime';
import type { DB } from './schema';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      connectionString: string;
      /** Schema to work in (tests isolate each file in its own); default: the role's search_path. */
      schema?: string;
      poolSize?: number;
    };

export type DatabaseKind = DatabaseConfig['kind'];

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Schema of the migration tables (PostgreSQL with an explicit schema only). */
  schema?: string;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): Database {
  return config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config);
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets the users CLI and readers work while the server writes; NORMAL is durable in WAL
  // mode across process crashes (only an OS crash can lose the last commits).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // 32 MB of page cache (default 2 MB): the history and its indexes stay hot during pushes.
  sqlite.pragma('cache_size = -32000');
  const db: Kysely<DB> = new KyselyDb<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, kind: 'sqlite', close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 64;

/**
 * Kysely prepares every query anew; a push batch's multi-row INSERTs have thousands of
 * placeholders, so parsing them again on each batch is a large part of its cost. The same SQL
 * text reuses its prepared statement (SQLite re-prepares it itself after a schema change).
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      // A statement still being iterated (a streamed query) cannot run again until it finishes.
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
      return statement;
    },
  };
}

function openPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Database {
  if (config.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(config.schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${config.schema}`);
  }
  // Loaded only for PostgreSQL: a SQLite installation never pays for it.
  const { Pool, types } = createRequire(import.meta.url)('pg') as typeof pg;
  const pool = new Pool({
    connectionString: config.connectionString,
    // Versions are `bigint` (64-bit); they stay far below 2^53, so they come back as numbers
    // (pg's default is a string), the same as from SQLite.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === types.builtins.INT8
          ? (value: string) => Number(value)
          : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
    },
    max: config.poolSize ?? 10,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db: Kysely<DB> = new KyselyDb<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ...(config.schema ? { schema: config.schema } : {}),
    close: () => db.destroy(),
  };
}
