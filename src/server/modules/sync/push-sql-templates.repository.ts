import type { Compilable, CompiledQuery as Compiled } from 'kysely';
import { CompiledQuery } from '../../db/kysely-runtime';

// A push's SQL by shape, built once: Kysely's compile of a 200-row statement costs more than
// running it (push-transaction.repository.ts and the batch writes of each database).

// Distinct batch sizes whose SQL is kept; a client sends full batches and one remainder.
const TEMPLATE_CACHE_SIZE = 48;

/**
 * SQL text of the push statements by shape (statement and row count), compiled by Kysely once:
 * building and compiling a 200-row INSERT costs more than running it. Parameters are always
 * passed in the template's order (row by row, columns as listed), checked when it is made.
 */
export class SqlTemplates {
  private readonly cache = new Map<string, string>();
  /** Hand-written SQL by key (PostgreSQL's batch write: one text whatever the row counts). */
  private readonly texts = new Map<string, string>();
  /** PostgreSQL column types by table, read from the catalog once (the unnest casts). */
  readonly columnTypes = new Map<string, Map<string, string>>();

  text(key: string, build: () => string): string {
    let text = this.texts.get(key);
    if (text === undefined) this.texts.set(key, (text = build()));
    return text;
  }

  query(key: string, parameters: readonly unknown[], build: () => Compilable): Compiled {
    let text = this.cache.get(key);
    if (text === undefined) {
      const compiled = build().compile();
      if (compiled.parameters.length !== parameters.length) {
        throw new Error(`SQL template ${key}: ${compiled.parameters.length} parameters`);
      }
      text = compiled.sql;
      if (this.cache.size >= TEMPLATE_CACHE_SIZE)
        this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, text);
    }
    return CompiledQuery.raw(text, [...parameters]);
  }
}
