import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { Kysely as KyselyDb, PostgresDialect } from './kysely-runtime';
import { preparedName, PREPARED_STATEMENT } from './prepared-statement';
import type { DB } from './schema';
import { startCheckpointer } from './sqlite-checkpointer';
import { openSqliteConnection, sqliteKysely } from './sqlite-connection';

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
  /**
   * For reads that need no transaction with a write (pulls, health, sign-in checks, reports):
   * on SQLite a second, read-only connection, so they do not queue behind a push transaction
   * on `db`'s one connection (see openSqlite); on PostgreSQL the same pool as `db`.
   */
  reader: Kysely<DB>;
  /**
   * For `/api/health` alone: on PostgreSQL a one-connection pool of its own, so a readiness
   * check never waits behind sync work holding every connection of `db`'s pool (at 500 phones
   * that wait was the health check's worst time); on SQLite `reader`.
   */
  probe: Kysely<DB>;
  kind: DatabaseKind;
  /** A SQLite database's file (not for `:memory:`): other threads open their own connections. */
  sqliteFile?: string;
  /** Schema of the migration tables (PostgreSQL with an explicit schema only). */
  schema?: string;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): Database {
  return config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config);
}

/**
 * Kysely runs a SQLite database's queries one at a time on its one connection, and a push's
 * transaction holds it across several statements: every other query waited for it. Reads go to
 * a second connection instead. With WAL, each of its statements reads the last committed state
 * without waiting for the writer; and as SQLite lets one connection write at a time (`db`, or
 * the push worker's), and a push takes its versions and commits them in one transaction, what a reader sees is always versions 1…n with no hole — a
 * pull can never pass a version that commits later (test/server/read-connection.test.ts).
 */
function openSqlite(file: string): Database {
  const memory = file === ':memory:';
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  const sqlite = openSqliteConnection(file);
  // An in-memory database exists only on its own connection.
  if (memory) {
    const db = sqliteKysely(sqlite);
    return { db, reader: db, probe: db, kind: 'sqlite', close: () => db.destroy() };
  }
  // Pushes may write on the push worker's connection (push-worker-client.ts): this one's
  // transactions take the write lock at BEGIN.
  const db = sqliteKysely(sqlite, { immediate: true });
  // Checkpoints run in a worker thread (sqlite-checkpointer.ts); the writer does one itself only
  // if the WAL reaches ~40 MB (the worker stopped or cannot keep up).
  sqlite.pragma('wal_autocheckpoint = 10000');
  const checkpointer = startCheckpointer(file);
  const reader = sqliteKysely(openSqliteConnection(file, { readOnly: true }));
  return {
    db,
    reader,
    probe: reader,
    kind: 'sqlite',
    sqliteFile: file,
    close: async () => {
      await checkpointer.stop();
      await reader.destroy();
      await db.destroy();
    },
  };
}

/**
 * A pg Client whose query of several statements (no parameters: the simple query protocol)
 * answers as its first statement with the rows of all of them. pg answers such a query with an
 * array of results, which Kysely reads as no rows; a push sends its last statement and COMMIT
 * as one query (pg-batch-write.repository.ts) and needs the first one's rows. A text marked
 * PREPARED_STATEMENT runs as a named prepared statement (pg keeps which each connection has).
 */
function joinedResultsClient(Client: typeof pg.Client): typeof pg.Client {
  type Result = { command: string; rowCount: number | null; rows?: unknown[] };
  const join = (answer: unknown) => {
    if (!Array.isArray(answer) || answer.length === 0) return answer;
    const results = answer as Result[];
    return { ...results[0], rows: results.flatMap((r) => r.rows ?? []) };
  };
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  class JoinedResultsClient extends Client {}
  // One override for pg's many overloads: the answer is only reshaped.
  JoinedResultsClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string' && text.startsWith(PREPARED_STATEMENT) && Array.isArray(values)) {
      const name = preparedName(text);
      if (name !== undefined) args = [{ name, text, values }];
    }
    const answer = query.apply(this, args);
    return answer instanceof Promise ? answer.then(join) : answer;
  } as typeof Client.prototype.query;
  return JoinedResultsClient;
}

function openPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Database {
  if (config.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(config.schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${config.schema}`);
  }
  // Loaded only for PostgreSQL: a SQLite installation never pays for it.
  const { Pool, Client, types } = createRequire(import.meta.url)('pg') as typeof pg;
  const kysely = (max: number): Kysely<DB> => {
    const pool = new Pool({
      Client: joinedResultsClient(Client),
      connectionString: config.connectionString,
      // Versions are `bigint` (64-bit); they stay far below 2^53, so they come back as numbers
      // (pg's default is a string), the same as from SQLite.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === types.builtins.INT8
            ? (value: string) => Number(value)
            : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
      },
      max,
      ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    return new KyselyDb<DB>({ dialect: new PostgresDialect({ pool }) });
  };
  const db = kysely(config.poolSize ?? 10);
  const probe = kysely(1);
  return {
    db,
    reader: db,
    probe,
    kind: 'postgres',
    ...(config.schema ? { schema: config.schema } : {}),
    close: async () => {
      await probe.destroy();
      await db.destroy();
    },
  };
}
