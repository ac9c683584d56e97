import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type pg from 'pg';

// PostgreSQL backups are pg_dump's custom format (-Fc) and pg_restore: the tools that match the
// server's version, compressed, restorable table by table.

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (error) =>
      reject(
        new Error(
          `${command} could not run (${error.message}): install the PostgreSQL client (apt-get install postgresql-client)`,
        ),
      ),
    );
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code ?? signal})`)),
    );
  });
}

export function dumpPostgres(
  connectionString: string,
  file: string,
  schema?: string,
): Promise<void> {
  return run('pg_dump', [
    '--format=custom',
    '--no-owner',
    ...(schema ? [`--schema=${schema}`] : []),
    `--file=${file}`,
    `--dbname=${connectionString}`,
  ]);
}

/**
 * The extensions the migrations create in `public` (pg_trgm for the records browser's text
 * index, migration 0022): a dump of the app's schema alone does not carry them, so a restore
 * into a new database creates them first.
 */
async function ensureExtensions(connectionString: string): Promise<void> {
  const { Client } = createRequire(import.meta.url)('pg') as typeof pg;
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query('create extension if not exists pg_trgm schema public');
  } finally {
    await client.end();
  }
}

/** Restores a dump into `connectionString`, replacing the objects it contains, in one transaction. */
export async function restorePostgres(connectionString: string, file: string): Promise<void> {
  await ensureExtensions(connectionString);
  return run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    '--exit-on-error',
    `--dbname=${connectionString}`,
    file,
  ]);
}
