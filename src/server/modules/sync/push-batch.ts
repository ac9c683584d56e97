import { activitySchema } from '../../../shared/activity/activity-record.schema';
import { type Activity } from '../../../shared/activity/activity.schema';
import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import type { MutationResult } from '../../../shared/sync/sync-protocol';
import { photoHashesOf } from '../../../shared/photos/photo.schema';
import { V } from '../../../shared/validation/messages';
import { reportColumns } from '../reports/report-columns';
import { totalsDelta } from '../reports/report-totals';
import { periodLockReason, type ReportSubmission } from '../../../shared/reports/report-submission';
import { checkActivityWrite, type WriteRefusal } from './activity-access';
import {
  acceptActivity,
  refusal,
  type BatchMutation,
  type Caller,
  type PreparedMutation,
} from './prepare-mutation';
import { differingFields, mergeRecord, sameValue, type RecordData } from './merge-record';
import type { PushReads, PushTransaction } from './push-transaction.repository';
import type { NamedInPush } from './push-request';
import type { ActivityRow, ChangeRow, MutationRow, NewChange } from './push-rows';
import {
  conflictAnswer,
  lockedBy,
  rejectedAnswer,
  renumber,
  waitingAnswer,
  withMapping,
} from './push-answers';

/** A push's locks and reads asked for before its mutations were checked (SyncService.push). */
export interface EarlyReads {
  named: NamedInPush;
  reads: Promise<PushReads>;
}

/**
 * Applies one push batch inside its transaction: dedupes on mutationId, authorizes against the
 * stored record, merges concurrent edits and stamps each new version from the counter. Writes
 * are collected and flushed together at the end (a few multi-row statements per batch), after
 * the counter is taken (see run).
 */
export class PushBatch {
  private version = 0;
  private readonly changes: NewChange[] = [];
  private readonly applied = new Map<string, Pick<MutationRow, 'record_id' | 'rev'>>();
  private readonly newMutations: MutationRow[] = [];
  private current = new Map<string, ActivityRow>();
  /** The rows as stored before this batch: the report totals take them away. */
  private stored = new Map<string, ActivityRow>();
  private readonly touched = new Set<string>();
  private storedPhotos = new Set<string>();
  /** Records with a change waiting for photos: their later changes in the batch wait too. */
  private readonly waiting = new Set<string>();
  private readonly photoRefs: { sha256: string; activity_id: string }[] = [];

  constructor(
    private readonly tx: PushTransaction,
    private readonly caller: Caller,
    private readonly catalog: GeographyCatalog,
    private readonly now: string,
    /** Today's date in Vietnam: which geography is in force for the caller's account. */
    private readonly today: string,
    /** Submitted period reports in force: their records refuse changes (issue 10, point 8). */
    private readonly locks: readonly ReportSubmission[] = [],
  ) {}

  /**
   * `early`: the locks and reads already asked for, for ids named by the push before its
   * mutations were checked (SyncService.push); used if they cover every checked mutation.
   */
  async run(prepared: PreparedMutation[], early?: EarlyReads): Promise<MutationResult[]> {
    const ids = prepared.map((p) => p.mutation.mutationId);
    const recordIds = [...new Set(prepared.map((p) => p.mutation.recordId))];
    // New versions are numbered provisionally after the counter as read now (under the locks):
    // every stored version of these records is at or below it.
    const hashes = new Set(prepared.flatMap((p) => (p.record ? photoHashesOf(p.record) : [])));
    const reads = await this.lockAndRead(recordIds, ids, hashes, early);
    for (const [id, row] of reads.applied) this.applied.set(id, row);
    this.current = reads.activities;
    this.stored = new Map(this.current);
    const start = reads.counter;
    this.version = start;
    this.storedPhotos = reads.storedPhotos;

    const results: MutationResult[] = [];
    for (const item of prepared) results.push(withMapping(await this.apply(item), item));

    // The counter — one row every push needs — is taken only now, in the batch's last write
    // (on PostgreSQL with the commit, in one round trip), and what was numbered above `start`
    // is stored at the versions actually handed out; the answers follow.
    const saved = [...this.touched].map((id) => this.current.get(id)!);
    const first = await this.tx.writeBatch(
      {
        changes: this.changes,
        activities: saved,
        totals: totalsDelta(saved.map((after) => ({ before: this.stored.get(after.id), after }))),
        mutations: this.newMutations,
        photoRefs: this.photoRefs,
      },
      { start, count: this.version - start },
    );
    renumber(results, start, first - (start + 1));
    return results;
  }

  private async lockAndRead(
    recordIds: string[],
    ids: string[],
    hashes: Set<string>,
    early: EarlyReads | undefined,
  ): Promise<PushReads> {
    const userId = this.caller.user.id;
    if (!early) return this.tx.lockAndRead(userId, recordIds, ids, [...hashes]);
    const reads = await early.reads;
    const { named } = early;
    // Checking keeps the ids as sent, so this holds; if it did not, lock and read what is missing.
    if (
      !recordIds.every((id) => named.recordIds.has(id)) ||
      !ids.every((id) => named.mutationIds.has(id))
    ) {
      return this.tx.lockAndRead(userId, recordIds, ids, [...hashes]);
    }
    const unread = [...hashes].filter((h) => !named.photoHashes.has(h));
    for (const sha256 of await this.tx.storedPhotos(unread)) reads.storedPhotos.add(sha256);
    return reads;
  }

  private async apply({
    mutation: m,
    record,
    submitted,
    refusal: denied,
  }: PreparedMutation): Promise<MutationResult> {
    const ids = { mutationId: m.mutationId, recordId: m.recordId };
    const prior = this.applied.get(m.mutationId);
    if (prior) {
      if (prior.record_id === m.recordId) return { ...ids, status: 'duplicate', rev: prior.rev };
      return this.reject(m, refusal('mutationIdReused', 'mutationId', V.invalidValue));
    }
    if (denied) return this.reject(m, denied);
    const missing = record ? photoHashesOf(record).filter((h) => !this.storedPhotos.has(h)) : [];
    if (missing.length > 0 || this.waiting.has(m.recordId)) return this.wait(m, missing);
    const current = this.current.get(m.recordId);
    if (current) {
      const stored = checkActivityWrite(
        this.caller.user,
        this.catalog,
        {
          geographyId: current.geography_id,
          communeCode: current.commune_code,
          authorId: current.author_id,
        },
        false,
        this.today,
      );
      if (stored) return this.reject(m, stored);
    }
    const locked = lockedBy(this.locks, current, record);
    if (locked) return this.reject(m, { ...periodLockReason(locked), errors: [] });
    if (m.op === 'delete') return this.applyDelete(m, current);
    return this.applyUpsert(m, record!, current, submitted);
  }

  /**
   * Not applied and not remembered, so the same mutation pushed again after its photos are
   * uploaded applies exactly once: a record is acknowledged only when its photos are stored.
   */
  private wait(m: BatchMutation, missingPhotos: string[]): MutationResult {
    this.waiting.add(m.recordId);
    return waitingAnswer(m, missingPhotos);
  }

  private reject(m: BatchMutation, why: WriteRefusal): MutationResult {
    return rejectedAnswer(m, why);
  }

  private applyDelete(m: BatchMutation, current: ActivityRow | undefined): MutationResult {
    // Nothing (left) to delete: acknowledge without a new version.
    const rev = current?.rev ?? 0;
    if (!current || current.deleted) return this.acknowledge(m, rev);
    this.write(m, current, null, null);
    return this.acknowledge(m, this.version);
  }

  private async applyUpsert(
    m: BatchMutation,
    sent: Activity,
    current: ActivityRow | undefined,
    submitted: Activity | undefined,
  ): Promise<MutationResult> {
    const authorChanged = current
      ? sent.authorId !== current.author_id
      : sent.authorId !== this.caller.user.id;
    if (authorChanged) {
      return this.reject(m, refusal('authorFixed', 'authorId', V.authorMismatch));
    }
    const record = await this.stamped(sent, current);
    if (!current || current.rev === m.baseRev) {
      this.write(m, current, record, submitted ?? null);
      return this.acknowledge(m, this.version);
    }
    const overwritten = await this.versionRow(m.recordId, current.rev);
    if (current.deleted || !overwritten?.data) {
      // The later write wins: the record comes back; its deletion stays in history.
      this.write(m, current, record, null);
      return this.conflict(m, record, [{ path: 'deleted', value: true }], current.rev, overwritten);
    }
    const stored = JSON.parse(overwritten.data) as RecordData;
    const base = await this.baseFor(m);
    let { merged, conflicts } = mergeRecord(base, stored, record);
    let result: Activity = record;
    const check = acceptActivity(merged) ?? activitySchema.safeParse(merged).data;
    if (check) result = check;
    else conflicts = differingFields(stored, record);
    const mergedWithOthers = !sameValue(result, record);
    this.write(m, current, result, submitted ?? (mergedWithOthers ? record : null));
    if (conflicts.length === 0)
      return this.acknowledge(m, this.version, mergedWithOthers ? result : undefined);
    const lost = conflicts.map((path) => ({ path, value: stored[path] ?? null }));
    return this.conflict(m, result, lost, current.rev, overwritten);
  }

  /**
   * Who created the record and when are the server's word, not the device's: a new record gets
   * the caller's name and the server's time, an existing one keeps what was stored first.
   */
  private async stamped(record: Activity, current: ActivityRow | undefined): Promise<Activity> {
    let authorName = this.caller.user.displayName;
    let createdAt = this.now;
    if (current) {
      const row = current.deleted
        ? await this.tx.latestRecord(current.id)
        : await this.versionRow(current.id, current.rev);
      const stored = row?.data ? (JSON.parse(row.data) as Partial<Activity>) : undefined;
      if (stored?.authorName !== undefined && stored.createdAt !== undefined) {
        ({ authorName, createdAt } = stored);
      }
    }
    if (record.authorName === authorName && record.createdAt === createdAt) return record;
    return { ...record, authorName, createdAt };
  }

  /**
   * The version the device based its edit on: its own latest write of the record after
   * `baseRev` (what it sent, not what a merge made of it), else the version at `baseRev`.
   */
  private async baseFor(m: BatchMutation): Promise<RecordData | null> {
    const after = m.baseRev ?? 0;
    const own =
      this.changes.findLast(
        (c) =>
          c.record_id === m.recordId && c.device_id === this.caller.deviceId && c.version > after,
      ) ?? (await this.tx.latestByDevice(m.recordId, this.caller.deviceId, after));
    const ownData = own?.submitted ?? own?.data;
    if (ownData) return JSON.parse(ownData) as RecordData;
    if (m.baseRev === null) return null;
    const base = await this.versionRow(m.recordId, m.baseRev);
    return base?.data ? (JSON.parse(base.data) as RecordData) : null;
  }

  private async versionRow(
    recordId: string,
    version: number,
  ): Promise<Pick<ChangeRow, 'data' | 'updated_by' | 'updated_at'> | undefined> {
    const pending = this.changes.find((c) => c.record_id === recordId && c.version === version);
    if (pending)
      return {
        data: pending.data ?? null,
        updated_by: pending.updated_by,
        updated_at: pending.updated_at,
      };
    return this.tx.version(recordId, version);
  }

  /** Stamps the next version and records it in history and the current state. */
  private write(
    m: BatchMutation,
    current: ActivityRow | undefined,
    record: Activity | null,
    submitted: Activity | null,
  ) {
    this.version += 1;
    const communeCode = record?.communeCode ?? current!.commune_code;
    const geographyId = record?.geographyId ?? current!.geography_id;
    const moved =
      current !== undefined &&
      (current.commune_code !== communeCode || current.geography_id !== geographyId);
    const data = record ? JSON.stringify(record) : null;
    for (const sha256 of record ? photoHashesOf(record) : []) {
      this.photoRefs.push({ sha256, activity_id: m.recordId });
    }
    this.changes.push({
      version: this.version,
      collection: 'activities',
      record_id: m.recordId,
      op: record ? 'upsert' : 'delete',
      geography_id: geographyId,
      commune_code: communeCode,
      prev_geography_id: moved ? current.geography_id : null,
      prev_commune_code: moved ? current.commune_code : null,
      data,
      submitted: submitted ? JSON.stringify(submitted) : null,
      user_id: this.caller.user.id,
      device_id: this.caller.deviceId,
      updated_by: this.caller.user.displayName,
      updated_at: this.now,
    });
    // A tombstone keeps its last report columns; reports skip deleted rows. The row is filled
    // in place (reportColumns makes a new object): spreading its ~50 columns into a new literal
    // cost ~47 µs per record against ~8 µs (30/11/2026, 200-record batches, load ~9).
    const row = (record ? reportColumns(record) : { ...current! }) as ActivityRow;
    row.id = m.recordId;
    row.geography_id = geographyId;
    row.commune_code = communeCode;
    row.author_id = record?.authorId ?? current!.author_id;
    row.rev = this.version;
    row.deleted = record ? 0 : 1;
    row.updated_at = this.now;
    this.current.set(m.recordId, row);
    this.touched.add(m.recordId);
  }

  private acknowledge(m: BatchMutation, rev: number, merged?: Activity): MutationResult {
    this.remember(m, rev);
    const ids = { mutationId: m.mutationId, recordId: m.recordId };
    return merged
      ? { ...ids, status: 'applied', rev, data: merged }
      : { ...ids, status: 'applied', rev };
  }

  private conflict(
    m: BatchMutation,
    data: Activity,
    lost: { path: string; value: unknown }[],
    overwrittenRev: number,
    overwritten: Pick<ChangeRow, 'updated_by' | 'updated_at'> | undefined,
  ): MutationResult {
    this.remember(m, this.version);
    return conflictAnswer(m, this.version, data, lost, overwrittenRev, overwritten);
  }

  private remember(m: BatchMutation, rev: number) {
    this.applied.set(m.mutationId, { record_id: m.recordId, rev });
    this.newMutations.push({
      mutation_id: m.mutationId,
      record_id: m.recordId,
      user_id: this.caller.user.id,
      device_id: this.caller.deviceId,
      rev,
      applied_at: this.now,
    });
  }
}
