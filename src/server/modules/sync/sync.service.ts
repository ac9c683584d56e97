import { createHash } from 'node:crypto';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  type HistoryResponse,
  mutationIdsSchema,
  mutationSchema,
  type Mutation,
  type MutationResult,
  type PushResponse,
} from '../../../shared/sync/sync-protocol';
import type { ReportSubmission } from '../../../shared/reports/report-submission';
import { toFieldErrors } from '../../../shared/validation/field-errors';
import { problemReason } from '../../../shared/i18n/problem-message';
import { badRequest, forbidden, invalidBody, notFound } from '../../http/problem';
import type { GeographyService } from '../geography/geography.service';
import { mayRead, readScope, syncsOwnRecordsOnly } from './activity-access';
import { prepareMutation, type Caller } from './prepare-mutation';
import { ChangeFragments } from './change-fragments';
import { pullPageBytes } from './pull-page-json';
import type { PushWorkerClient } from './push-worker-client';
import { PushBatch } from './push-batch';
import type { SyncRepository } from './sync.repository';

export type PushRunner = Pick<PushWorkerClient, 'run'>;

export interface PullQuery {
  since?: string;
  limit?: string;
  unit?: string;
  /** The geography of `unit`; the caller's own unit's geography when absent. */
  geography?: string;
  /** `activities`: also say how many activity changes remain after this page. */
  count?: string;
}

export class SyncService {
  /** Change JSON already written for a reader, shared by the next (see change-fragments.ts). */
  private readonly fragments = new ChangeFragments();

  constructor(
    private readonly repository: SyncRepository,
    private readonly geographies: GeographyService,
    private readonly clock: () => Date,
    /** Submitted period reports in force (SubmissionService.locksInForce). */
    private readonly periodLocks: () => Promise<ReportSubmission[]> = async () => [],
    /** Runs a prepared batch's transaction elsewhere (SQLite: PushWorkerClient); default here. */
    private readonly pushRunner?: PushRunner,
  ) {}

  /** Applies a batch; each item is checked alone, so a malformed one is only itself refused. */
  async push(caller: Caller, items: readonly unknown[]): Promise<PushResponse> {
    const checked = items.map(checkMutation);
    const valid = checked.filter((c): c is Mutation => !('status' in c));
    const catalog = await this.geographies.catalog();
    const today = this.geographies.today();
    const prepared = valid.map((m) => prepareMutation(m, caller, catalog, today));
    const locks = prepared.length === 0 ? [] : await this.periodLocks();
    const now = this.clock().toISOString();
    const applied =
      prepared.length === 0
        ? []
        : this.pushRunner
          ? await this.pushRunner.run({ caller, prepared, now, today, locks })
          : await this.repository.inPushTransaction((tx) =>
              new PushBatch(tx, caller, catalog, now, today, locks).run(prepared),
            );
    let next = 0;
    return { results: checked.map((c) => ('status' in c ? c : applied[next++]!)) };
  }

  /** A PullResponse as UTF-8 JSON bytes (see pull-page-json.ts for why bytes). */
  async pull(caller: Caller, query: PullQuery): Promise<Buffer> {
    const cursor = parseCursor(query.since);
    const limit = parseLimit(query.limit);
    const catalog = await this.geographies.catalog();
    const geographyId = query.geography ?? caller.user.geographyId;
    const unit = query.unit === undefined ? undefined : { geographyId, code: query.unit };
    if (unit !== undefined && !(catalog.has(geographyId) && catalog.unit(unit))) {
      throw badRequest('unitNotInGeography', { unit: unit.code, geography: geographyId });
    }
    const scope = readScope(caller.user, catalog, unit);
    if (!scope) throw forbidden('noReadRightData');
    // A cursor made for another scope (the account was moved, or another unit was asked for)
    // would skip the records the new scope adds: start that reader over from the beginning.
    // The phone's own feed above the commune is author-only; asking for a `unit` is a deliberate
    // read of that unit (within the read scope), as before.
    const authorId = unit === undefined && syncsOwnRecordsOnly(caller.user) ? caller.user.id : null;
    const key = scopeKey(caller, query, authorId !== null);
    const restarted = cursor.key !== undefined && cursor.key !== key;
    const since = restarted ? 0 : cursor.version;
    const communes = scope.all ? null : scope.communes;
    const rows =
      authorId === null
        ? await this.repository.feed(since, limit + 1, communes)
        : await this.repository.feedByAuthor(since, limit + 1, authorId, communes);
    const page = rows.slice(0, limit);
    const visible = communes === null ? null : new Set(communes.map(refKey));
    const last = page.at(-1)?.version ?? since;
    const hasMore = rows.length > limit;
    const remaining =
      query.count !== 'activities'
        ? undefined
        : !hasMore
          ? 0
          : authorId === null
            ? await this.repository.countActivityFeed(Number(last), communes)
            : await this.repository.countAuthorFeed(Number(last), authorId, communes);
    const changes = await this.fragments.of(page, visible, (versions) =>
      this.repository.changeData(versions),
    );
    return pullPageBytes(changes, `${last}.${key}`, hasMore, {
      user: caller.user,
      remaining,
      restarted,
    });
  }

  async history(caller: Caller, recordId: string): Promise<HistoryResponse> {
    const current = await this.repository.findActivity(recordId);
    if (!current) throw notFound('activityNotOnServer');
    const catalog = await this.geographies.catalog();
    const unit = { geographyId: current.geography_id, code: current.commune_code };
    if (!mayRead(caller.user, catalog, unit)) {
      throw forbidden('noReadRightActivities');
    }
    const rows = await this.repository.history(recordId);
    return {
      recordId,
      versions: rows.map((row) => ({
        rev: row.version,
        op: row.op,
        data: row.data === null ? null : JSON.parse(row.data),
        ...(row.submitted === null ? {} : { submitted: JSON.parse(row.submitted) }),
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      })),
    };
  }
}

/**
 * A mutation as the device sent it: valid, or its `rejected` result. One without usable ids
 * cannot be answered on its own: the request is a 400, as a client bug.
 */
function checkMutation(item: unknown, index: number): Mutation | MutationResult {
  const parsed = mutationSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  const ids = mutationIdsSchema.safeParse(item);
  if (!ids.success) {
    throw invalidBody(
      ids.error.issues.map((issue) => ({ ...issue, path: ['mutations', index, ...issue.path] })),
    );
  }
  return {
    ...ids.data,
    status: 'rejected',
    ...problemReason('invalidMutation'),
    errors: toFieldErrors(parsed.error.issues),
  };
}

const refKey = (ref: { geographyId: string; code: string }) => `${ref.geographyId}/${ref.code}`;

/** Who reads and what they asked for: a cursor is only good for the same. */
function scopeKey(caller: Caller, query: PullQuery, authorOnly: boolean): string {
  const { user } = caller;
  const what = [
    user.role,
    user.geographyId,
    user.unitCode,
    query.geography ?? '',
    query.unit ?? '',
    // Part of the key since author-only sync: the wider feed's cursors start over, and the
    // phone then removes what it no longer syncs (docs/sync-protocol.md).
    ...(authorOnly ? [`author:${user.id}`] : []),
  ];
  return createHash('sha256').update(what.join('\u0000')).digest('hex').slice(0, 10);
}

/** `version` or `version.scopeKey` (cursors from before scope keys are plain versions). */
function parseCursor(since: string | undefined): { version: number; key?: string } {
  if (since === undefined || since === '') return { version: 0 };
  const match = /^(\d{1,15})(?:\.([0-9a-f]{10}))?$/.exec(since);
  if (!match) throw badRequest('invalidSince');
  return match[2] === undefined
    ? { version: Number(match[1]) }
    : { version: Number(match[1]), key: match[2] };
}

function parseLimit(limit: string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_PULL_LIMIT;
  if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1) {
    throw badRequest('pullLimitRange', { max: MAX_PULL_LIMIT });
  }
  return Math.min(Number(limit), MAX_PULL_LIMIT);
}
