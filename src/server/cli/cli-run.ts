import type { Database } from '../db/database';

// What the server's command-line tools (`npm run users|agencies|settings|geography`) share: the
// usage error, the command check, the database they open, and how they end.

/** A mistake in the command line: printed with the tool's usage text. */
export class UsageError extends Error {}

export function checkCommand(command: string | undefined, commands: readonly string[]): string {
  if (!command || !commands.includes(command)) {
    throw new UsageError(command ? `Lệnh không hợp lệ: ${command}` : 'Thiếu lệnh.');
  }
  return command;
}

/**
 * The server's database (same DATA_DIR / DATABASE_URL), migrated, for one command; always closed
 * after, or its checkpoint worker would keep the process alive. Loaded only once the arguments
 * make sense: the database layer is most of a tool's start-up time.
 */
export async function withMigratedDatabase<T>(use: (database: Database) => Promise<T>): Promise<T> {
  const [{ databaseConfigFromEnv }, { openDatabase }, { migrateToLatest }] = await Promise.all([
    import('../config'),
    import('../db/database'),
    import('../db/migrate'),
  ]);
  const database = openDatabase(databaseConfigFromEnv());
  try {
    await migrateToLatest(database);
    return await use(database);
  } finally {
    await database.close();
  }
}

/**
 * Runs a tool and exits: 0 when done; 1 with the message (and the usage for a usage error).
 * `explain` lets a tool print its own errors (a refusal with field errors) and returns true then.
 */
export function runCli(
  run: (argv: string[]) => Promise<void>,
  usage: string,
  explain: (error: unknown) => boolean = () => false,
): void {
  run(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
      else if (!explain(error)) {
        console.error('Lỗi:', error instanceof Error ? error.message : error);
      }
      process.exit(1);
    },
  );
}
