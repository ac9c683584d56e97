import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

// Online backup and restore of the SQLite database with SQLite's backup API (better-sqlite3),
// safe while the server keeps accepting pushes.

export interface SqliteBackupSummary {
  file: string;
  bytes: number;
  /** Records (activities, deleted ones included) and accounts in the copy. */
  activities: number;
  users: number;
  /** The newest migration the copy has run: a restore needs a server at least this new. */
  migration: string | null;
}

// All remaining pages in one step: the copy is read inside one read transaction, so it is the
// database as of one instant. (The API's default of 100 pages per step restarts from scratch
// whenever another connection writes between steps, which a busy server does all the time.)
const ALL_PAGES = 0x7fffffff;

/** Copies the live database `source` to `destination` (a new file) as of one instant. */
export async function backupSqlite(
  source: string,
  destination: string,
): Promise<SqliteBackupSummary> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  if (existsSync(destination)) throw new Error(`${destination} already exists: choose a new file`);
  mkdirSync(dirname(destination), { recursive: true });
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await db.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  singleFile(destination);
  return checkCopy(destination);
}

/**
 * The copy carries the live database's WAL mode, so every later opening (the check below, a
 * restore) would leave `-wal` and `-shm` files beside it. In rollback mode the backup is one
 * self-contained file to copy off the machine; the server switches a restored one back to WAL.
 */
function singleFile(file: string): void {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Puts the backup `backupFile` in place as the database `target` (server stopped). An existing
 * database is kept beside it as `<target>.before-restore-<time>` when `replace` is set, and
 * refused otherwise.
 */
export async function restoreSqlite(
  backupFile: string,
  target: string,
  options: { replace?: boolean; now?: Date } = {},
): Promise<SqliteBackupSummary & { previous: string | null }> {
  const backup = checkCopy(backupFile);
  let previous: string | null = null;
  if (existsSync(target)) {
    if (!options.replace) {
      throw new Error(
        `${target} already exists. Restore into a new DATA_DIR, or stop the server and add --replace ` +
          '(the current database is kept beside it).',
      );
    }
    previous = `${target}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    // Checkpoint the WAL into the main file first, so the kept copy is complete on its own.
    const current = new SqliteDatabase(target, { fileMustExist: true });
    try {
      current.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      current.close();
    }
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  mkdirSync(dirname(target), { recursive: true });
  const db = new SqliteDatabase(backupFile, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  return { ...checkCopy(target), previous, file: target, bytes: backup.bytes };
}

/** Opens a copy read-only and checks it is a whole, sound outreach-log database. */
function checkCopy(file: string): SqliteBackupSummary {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
    const tables = new Set(
      (
        db.prepare("select name from sqlite_master where type = 'table'").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    for (const table of ['users', 'activities', 'changes', 'kysely_migration']) {
      if (!tables.has(table))
        throw new Error(`${file} is not an outreach-log database (no ${table} table)`);
    }
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const last = db
      .prepare('select name from kysely_migration order by name desc limit 1')
      .get() as { name: string } | undefined;
    return {
      file,
      bytes: statSync(file).size,
      activities: count('activities'),
      users: count('users'),
      migration: last?.name ?? null,
    };
  } finally {
    db.close();
  }
}
