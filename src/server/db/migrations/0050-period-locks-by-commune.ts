import type { Kysely, Migration } from 'kysely';

// Submissions (`period_locks`) were reference data: every phone pulled every unit's submission,
// with the names of who submitted and reopened it and the reason given — while the status of
// another unit answers 403. Since this version a submission is filed in the feed under each
// commune it covers (appendReferenceChange with `units`), so a phone receives only the locks of
// its own communes. The stored ones are filed that way here, once, at new versions; their old
// versions leave the feed (phones that had them keep their copies: only what comes next changes).
// Inlined, not the repository's function: a migration must not change when the code does.
export const periodLocksByCommune: Migration = {
  async up(db: Kysely<any>) {
    const submissions = await takeOutOfFeed(db);
    for (const { id, data } of submissions) {
      const parsed = JSON.parse(data) as {
        communes?: { geographyId: string; code: string }[];
        state: string;
        submittedBy: string;
        submittedAt: string;
        reopenedBy: string | null;
        reopenedAt: string | null;
      };
      const units = parsed.communes?.length ? parsed.communes : [null];
      const counter = await db
        .updateTable('version_counter')
        .set((eb) => ({ value: eb('value', '+', units.length) }))
        .where('id', '=', 1)
        .returning('value')
        .executeTakeFirstOrThrow();
      const last = Number(counter.value);
      const reopened = parsed.state === 'reopened';
      for (let i = 0; i < units.length; i += 500) {
        await db
          .insertInto('changes')
          .values(
            units.slice(i, i + 500).map((unit, j) => ({
              version: last - units.length + 1 + i + j,
              collection: 'period_locks',
              record_id: id,
              op: 'upsert',
              data,
              ...(unit ? { geography_id: unit.geographyId, commune_code: unit.code } : {}),
              updated_by: (reopened ? parsed.reopenedBy : null) ?? parsed.submittedBy,
              updated_at: (reopened ? parsed.reopenedAt : null) ?? parsed.submittedAt,
            })),
          )
          .execute();
      }
      await db.updateTable('report_submissions').set({ rev: last }).where('id', '=', id).execute();
    }
  },

  // Back to one reference row per submission, as migration 0016 wrote them.
  async down(db: Kysely<any>) {
    const submissions = await takeOutOfFeed(db);
    for (const { id, data } of submissions) {
      const parsed = JSON.parse(data) as { submittedBy: string; submittedAt: string };
      const counter = await db
        .updateTable('version_counter')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('id', '=', 1)
        .returning('value')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('changes')
        .values({
          version: Number(counter.value),
          collection: 'period_locks',
          record_id: id,
          op: 'upsert',
          data,
          updated_by: parsed.submittedBy,
          updated_at: parsed.submittedAt,
        })
        .execute();
      await db
        .updateTable('report_submissions')
        .set({ rev: Number(counter.value) })
        .where('id', '=', id)
        .execute();
    }
  },
};

/** The stored submissions, their versions taken out of the feed (both ways write them anew). */
async function takeOutOfFeed(db: Kysely<any>): Promise<{ id: string; data: string }[]> {
  const submissions = (await db
    .selectFrom('report_submissions')
    .select(['id', 'data'])
    .orderBy('id')
    .execute()) as { id: string; data: string }[];
  await db.deleteFrom('changes').where('collection', '=', 'period_locks').execute();
  return submissions;
}
