import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database';
import { sql } from '../../src/server/db/kysely-runtime';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// SQLite's own checkpoint runs in the COMMIT that crosses 1,000 WAL pages, on the server's one
// thread. A worker thread copies committed pages into the database file instead
// (db/sqlite-checkpointer.ts), so commits only append to the WAL.
describe('SQLite checkpoints off the main thread', () => {
  let scratch: TestDatabase;
  let database: Database;
  let file: string;

  beforeAll(async () => {
    scratch = await createTestDatabase('sqlite');
    database = openDatabase(scratch.config);
    file = (scratch.config as { file: string }).file;
    await sql`create table filler (id integer primary key, data text)`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it('moves a small commit into the database file within seconds, and the WAL is checkpointed', async () => {
    const before = statSync(file).size;
    // ~2 MB: well under the 1,000 pages at which SQLite itself would checkpoint in the COMMIT.
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 40; i++) {
        await sql`insert into filler (data) values (${'x'.repeat(50_000)})`.execute(trx);
      }
    });
    expect(statSync(file).size).toBe(before);
    const deadline = Date.now() + 10_000;
    while (statSync(file).size === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statSync(file).size).toBeGreaterThan(before + 1_900_000);
    // Readers see the rows whatever the checkpoint did.
    const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(
      database.reader,
    );
    expect(Number(rows[0]!.n)).toBe(40);
  });
});
