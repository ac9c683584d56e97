import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';
import type { DatabaseKind } from '../database';

// A text index for the records browser's filter (issue 10 point 10: the first page with words at
// 1,000,000 activities; a LIKE scan over `search_text` took 2 s on PostgreSQL, a minute on
// SQLite). Both index the same folded `search_text` by trigrams, so any word of 3+ characters is
// a substring lookup; the repository still checks LIKE on the rows it finds, so the answer is
// exactly the LIKE answer. Kept current by the database itself (index, triggers), whatever
// writes `activities`: the push, the seed, a later migration.
//
// PostgreSQL: pg_trgm (trusted since PG 13: the database's owner may create it) and a GIN index
// that LIKE '%…%' uses. The extension lives in ONE schema per database (public unless it is
// already elsewhere); each schema's index names its operator class there, so a schema of its own
// (tests, a second instance) works and dropping it never drops the extension.
//
// SQLite: `activities` is WITHOUT ROWID (text key), so an FTS5 table cannot point at it by rowid:
// `activity_search_keys` gives each activity a number once, and a contentless FTS5 table with
// the trigram tokenizer holds the live records' text under that number (contentless_delete:
// an edit deletes and re-adds; the rows stay in `activities`, so no second copy of the text).
export const activityTextIndex = (kind: DatabaseKind): Migration => ({
  async up(db: Kysely<any>) {
    if (kind === 'postgres') {
      // Two schemas migrating at once on a fresh database must not both create the extension.
      await sql`select pg_advisory_xact_lock(hashtext('outreach-log:pg_trgm'))`.execute(db);
      let schema = await trigramSchema(db);
      if (schema === undefined) {
        await sql`create extension if not exists pg_trgm schema public`.execute(db);
        schema = (await trigramSchema(db)) ?? 'public';
      }
      await sql`create index activities_search_trgm_idx on activities using gin (search_text ${sql.raw(
        `${quoteIdent(schema)}.gin_trgm_ops`,
      )})`.execute(db);
      return;
    }
    await sql`create table activity_search_keys (
      rid integer primary key,
      id text not null unique
    )`.execute(db);
    await sql`create virtual table activity_search using fts5(
      search_text, content='', contentless_delete=1, tokenize='trigram'
    )`.execute(db);
    await sql`insert into activity_search_keys (id) select id from activities`.execute(db);
    await sql`insert into activity_search (rowid, search_text)
      select k.rid, a.search_text from activity_search_keys k
      join activities a on a.id = k.id where a.deleted = 0`.execute(db);
    // Every activity has a key from its first insert; only live ones are in the index. (The update
    // trigger never inserts a key: the push's upsert would impose its own conflict policy on it.)
    await sql`create trigger activities_search_insert after insert on activities begin
      insert into activity_search_keys (id) values (new.id);
      insert into activity_search (rowid, search_text)
        select rid, new.search_text from activity_search_keys where id = new.id and new.deleted = 0;
    end`.execute(db);
    // The push's upsert sets every column: only a changed text or a delete touches the index.
    await sql`create trigger activities_search_update after update of search_text, deleted on activities
      when old.search_text is not new.search_text or old.deleted is not new.deleted begin
      delete from activity_search
        where rowid = (select rid from activity_search_keys where id = old.id) and old.deleted = 0;
      insert into activity_search (rowid, search_text)
        select rid, new.search_text from activity_search_keys where id = new.id and new.deleted = 0;
    end`.execute(db);
    await sql`create trigger activities_search_delete after delete on activities begin
      delete from activity_search
        where rowid = (select rid from activity_search_keys where id = old.id) and old.deleted = 0;
      delete from activity_search_keys where id = old.id;
    end`.execute(db);
  },

  async down(db: Kysely<any>) {
    if (kind === 'postgres') {
      await sql`drop index if exists activities_search_trgm_idx`.execute(db);
      return;
    }
    for (const trigger of ['insert', 'update', 'delete']) {
      await sql`drop trigger if exists ${sql.raw(`activities_search_${trigger}`)}`.execute(db);
    }
    await sql`drop table if exists activity_search`.execute(db);
    await sql`drop table if exists activity_search_keys`.execute(db);
  },
});

async function trigramSchema(db: Kysely<any>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]?.schema;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
