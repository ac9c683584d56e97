import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime';
import type { DatabaseKind } from '../database';
import { activityTextIndex } from './0022-activity-text-index';

// SQLite: a word of 1–2 letters had no trigram, so a rare one ("zq") walked the whole browse
// index (~0.6 s at 1,000,000 records). The trigram index now holds each text followed by two
// END characters (U+0001, never typed: words are folded text without control characters), so
// EVERY position of a text starts a trigram — "zq" at the very end is in "zq␁", one letter
// there in "q␁␁", and texts of 1–2 characters are indexed too. The words of a short word are
// then exactly the documents of the index terms that start with it: a range of the index's own
// vocabulary (`activity_search_vocab`, fts5vocab 'instance': one row per occurrence, read
// lazily, so counting up to a cap costs the cap). Words of 3+ letters match as before (a quoted
// phrase never contains the END character), and LIKE still decides every row.
//
// The index is rebuilt once (≈2 min at 1,000,000 records); the triggers add the two characters.
// PostgreSQL: nothing (pg_trgm pads words itself; see docs/reports.md).
export const activitySearchShortWords = (kind: DatabaseKind): Migration => ({
  async up(db: Kysely<any>) {
    if (kind !== 'sqlite') return;
    await dropIndex(db);
    await sql`create virtual table activity_search using fts5(
      search_text, content='', contentless_delete=1, tokenize='trigram'
    )`.execute(db);
    await sql`insert into activity_search (rowid, search_text)
      select k.rid, a.search_text || char(1, 1) from activity_search_keys k
      join activities a on a.id = k.id where a.deleted = 0`.execute(db);
    // As 0022's triggers, with the END characters.
    await sql`create trigger activities_search_insert after insert on activities begin
      insert into activity_search_keys (id) values (new.id);
      insert into activity_search (rowid, search_text)
        select rid, new.search_text || char(1, 1) from activity_search_keys
        where id = new.id and new.deleted = 0;
    end`.execute(db);
    await sql`create trigger activities_search_update after update of search_text, deleted on activities
      when old.search_text is not new.search_text or old.deleted is not new.deleted begin
      delete from activity_search
        where rowid = (select rid from activity_search_keys where id = old.id) and old.deleted = 0;
      insert into activity_search (rowid, search_text)
        select rid, new.search_text || char(1, 1) from activity_search_keys
        where id = new.id and new.deleted = 0;
    end`.execute(db);
    await sql`create trigger activities_search_delete after delete on activities begin
      delete from activity_search
        where rowid = (select rid from activity_search_keys where id = old.id) and old.deleted = 0;
      delete from activity_search_keys where id = old.id;
    end`.execute(db);
    await sql`create virtual table activity_search_vocab
      using fts5vocab(activity_search, 'instance')`.execute(db);
  },

  async down(db: Kysely<any>) {
    if (kind !== 'sqlite') return;
    await dropIndex(db);
    await sql`drop table if exists activity_search_keys`.execute(db);
    await activityTextIndex(kind).up(db);
  },
});

async function dropIndex(db: Kysely<any>) {
  await sql`drop table if exists activity_search_vocab`.execute(db);
  for (const trigger of ['insert', 'update', 'delete']) {
    await sql`drop trigger if exists ${sql.raw(`activities_search_${trigger}`)}`.execute(db);
  }
  await sql`drop table if exists activity_search`.execute(db);
}
