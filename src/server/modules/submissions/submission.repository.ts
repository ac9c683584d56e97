import type { Kysely } from 'kysely';
import type { UnitRef } from '../../../shared/geography/geography';
import type { DateRange } from '../../../shared/reports/report-periods';
import type { ReportSubmission, SubmissionEvent } from '../../../shared/reports/report-submission';
import type { DB } from '../../db/schema';
import { appendReferenceChange } from '../sync/reference-change.repository';

export interface NewSubmissionEvent {
  id: string;
  action: 'submit' | 'reopen';
  userId: string;
  userName: string;
  reason: string | null;
  snapshot: string | null;
}

/** Submissions of period reports (the locks phones pull) and their history of submits/reopens. */
export class SubmissionRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async find(id: string): Promise<ReportSubmission | undefined> {
    const row = await this.db
      .selectFrom('report_submissions')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (JSON.parse(row.data) as ReportSubmission) : undefined;
  }

  async forPeriod(period: string, year: number): Promise<ReportSubmission[]> {
    const rows = await this.db
      .selectFrom('report_submissions')
      .select('data')
      .where('period', '=', period)
      .where('year', '=', year)
      .execute();
    return rows.map((r) => JSON.parse(r.data) as ReportSubmission);
  }

  /** Submissions in force (not reopened) whose period meets `range`: what a push checks. */
  async lockedDuring(range: DateRange): Promise<ReportSubmission[]> {
    const rows = await this.db
      .selectFrom('report_submissions')
      .select('data')
      .where('state', '=', 'submitted')
      .where('date_from', '<=', range.to)
      .where('date_to', '>=', range.from)
      .execute();
    return rows.map((r) => JSON.parse(r.data) as ReportSubmission);
  }

  /** The live records (drafts too) of these communes dated in the period: what a submit froze. */
  async recordsIn(
    communes: readonly UnitRef[],
    range: DateRange,
  ): Promise<{ id: string; rev: number }[]> {
    if (communes.length === 0) return [];
    const rows = await this.db
      .selectFrom('activities')
      .select(['id', 'rev', 'geography_id', 'commune_code'])
      .where('activity_date', '>=', range.from)
      .where('activity_date', '<=', range.to)
      .where('deleted', '=', 0)
      .where('commune_code', 'in', [...new Set(communes.map((c) => c.code))])
      .orderBy('id')
      .execute();
    const wanted = new Set(communes.map((c) => `${c.geographyId}/${c.code}`));
    return rows
      .filter((r) => wanted.has(`${r.geography_id}/${r.commune_code}`))
      .map((r) => ({ id: r.id, rev: Number(r.rev) }));
  }

  async events(submissionId: string): Promise<(SubmissionEvent & { snapshot: string | null })[]> {
    const rows = await this.db
      .selectFrom('report_submission_events')
      .select(['action', 'user_name', 'at', 'reason', 'snapshot'])
      .where('submission_id', '=', submissionId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      action: r.action,
      by: r.user_name,
      at: r.at,
      reason: r.reason,
      snapshot: r.snapshot,
    }));
  }

  /**
   * Stores the submission's new state, its version in the change feed (phones learn the lock)
   * and the event, in one transaction. `expectedState` guards a concurrent submit/reopen: false
   * when the stored state was no longer the one the caller decided on.
   */
  async save(
    submission: ReportSubmission,
    expectedState: ReportSubmission['state'] | null,
    event: NewSubmissionEvent,
    now: string,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const data = JSON.stringify(submission);
      const columns = {
        geography_id: submission.geographyId,
        unit_code: submission.unitCode,
        period: submission.period,
        year: submission.year,
        state: submission.state,
        date_from: submission.from,
        date_to: submission.to,
        data,
      };
      if (expectedState === null) {
        const inserted = await trx
          .insertInto('report_submissions')
          .values({ id: submission.id, ...columns, rev: 0 })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      } else {
        const updated = await trx
          .updateTable('report_submissions')
          .set(columns)
          .where('id', '=', submission.id)
          .where('state', '=', expectedState)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
      }
      // Filed under every commune it covers: a phone learns only the locks of its own communes
      // (the submitter's name and a reopening's reason are not for the whole province).
      const rev = await appendReferenceChange(trx, {
        collection: 'period_locks',
        id: submission.id,
        data,
        updatedBy: event.userName,
        now,
        units: submission.communes,
      });
      await trx
        .updateTable('report_submissions')
        .set({ rev })
        .where('id', '=', submission.id)
        .execute();
      await trx
        .insertInto('report_submission_events')
        .values({
          id: event.id,
          submission_id: submission.id,
          action: event.action,
          user_id: event.userId,
          user_name: event.userName,
          at: now,
          reason: event.reason,
          snapshot: event.snapshot,
        })
        .execute();
      return true;
    });
  }
}
