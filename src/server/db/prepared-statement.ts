// PostgreSQL named prepared statements for texts a repository marks (database.ts runs them).

/**
 * Marks a PostgreSQL query text (its first characters) to run as a named prepared statement,
 * parsed once per connection: a push's batch write, whose ~5 kB of SQL PostgreSQL otherwise
 * parsed and planned for every batch (see pg-batch-write.repository.ts).
 */
export const PREPARED_STATEMENT = '/* prepared */ ';
/** Names given to prepared texts, at most this many (each costs every connection memory). */
const PREPARED_MAX = 64;
const preparedNames = new Map<string, string>();

export function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < PREPARED_MAX) {
    preparedNames.set(text, (name = `outreach_${preparedNames.size}`));
  }
  return name;
}
