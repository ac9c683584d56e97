import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { CompiledQuery, Kysely as KyselyDb, SqliteDialect } from './kysely-runtime';
import type { DB } from './schema';

export type SqliteConnection = SqliteDatabase.Database;

/**
 * A connection with the server's settings. WAL lets readers (a second connection, the push
 * worker's, the users CLI) work while another connection writes; NORMAL is durable in WAL mode
 * across process crashes (only an OS crash can lose the last commits).
 */
export function openSqliteConnection(file: string, options: { readOnly?: boolean } = {}) {
  const sqlite = new SqliteDatabase(file);
  if (options.readOnly) {
    sqlite.pragma('query_only = ON');
  } else {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  }
  // Several connections write (the server's, the push worker's, the CLI's): each waits its turn.
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB of page cache (default 2 MB): the history and its indexes stay hot during pushes.
  sqlite.pragma('cache_size = -32000');
  return sqlite;
}

/**
 * Kysely over one connection. `immediate`: its transactions take the write lock at BEGIN. With
 * another connection writing (the push worker), a transaction that reads and then writes would
 * otherwise fail at once with SQLITE_BUSY when the other committed in between (a read snapshot
 * cannot be upgraded); BEGIN IMMEDIATE waits for the lock instead (busy_timeout).
 */
export function sqliteKysely(
  sqlite: SqliteConnection,
  options: { immediate?: boolean } = {},
): Kysely<DB> {
  const dialect = new SqliteDialect({ database: withStatementCache(sqlite) });
  if (options.immediate) {
    const createDriver = dialect.createDriver.bind(dialect);
    dialect.createDriver = () => {
      const driver = createDriver();
      driver.beginTransaction = async (connection) => {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      };
      return driver;
    };
  }
  return new KyselyDb<DB>({ dialect });
}

const STATEMENT_CACHE_SIZE = 64;

/**
 * Kysely prepares every query anew; a push batch's multi-row INSERTs have thousands of
 * placeholders, so parsing them again on each batch is a large part of its cost. The same SQL
 * text reuses its prepared statement (SQLite re-prepares it itself after a schema change).
 */
function withStatementCache(sqlite: SqliteConnection) {
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
