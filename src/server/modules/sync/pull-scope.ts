import { createHash } from 'node:crypto';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT } from '../../../shared/sync/sync-protocol';
import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import type { UnitRef } from '../../../shared/geography/geography';
import { badRequest, forbidden } from '../../http/problem';
import { readScope, syncsOwnRecordsOnly } from './activity-access';
import type { Caller } from './prepare-mutation';
import { PullPageCache } from './pull-page-cache';

// A pull's query checked and its reader's scope computed, before anything is read: pure
// functions of the caller, the query and the catalog (SyncService plans and reads the page).

export interface PullQuery {
  since?: string;
  limit?: string;
  unit?: string;
  /** The geography of `unit`; the caller's own unit's geography when absent. */
  geography?: string;
  /**
   * `records`: also say how many activity records the pull brings (PullResponse.records);
   * `activities` (older clients): how many activity changes remain after this page.
   */
  count?: 'activities' | 'records';
}

/** A pull checked and its reader's scope computed, nothing read yet (see scopeOf). */
export interface PullScope {
  caller: Caller;
  key: string;
  since: number;
  limit: number;
  restarted: boolean;
  communes: UnitRef[] | null;
  authorId: string | null;
  /** What the first page of a pull counts for the phone's "n / m hoạt động" (`count=`). */
  count: 'activities' | 'records' | undefined;
  /** The page cache's key, but for the encoding (null: a page with a count is never kept). */
  cacheKey: string | null;
}

/** A pull's checks and its reader's scope by `catalog` (throws the 400 or 403 to answer). */
export function scopeOf(caller: Caller, query: PullQuery, catalog: GeographyCatalog): PullScope {
  const cursor = parseCursor(query.since);
  const limit = parseLimit(query.limit);
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
  // Everything the page's bytes depend on besides the stored versions (pullPage's tail: the
  // account, `restarted`); the scope as computed now, so a page never crosses scopes.
  // A page with a count is never kept: the count moves with every push.
  const cacheKey =
    query.count !== undefined
      ? null
      : PullPageCache.keyOf([
          key,
          String(since),
          String(limit),
          authorId ?? '',
          communes === null ? '*' : communes.map(refKey).join(','),
          restarted ? 'restarted' : '',
          JSON.stringify(caller.user),
        ]);
  return {
    caller,
    key,
    since,
    limit,
    restarted,
    communes,
    authorId,
    count: query.count,
    cacheKey,
  };
}

export const refKey = (ref: { geographyId: string; code: string }) =>
  `${ref.geographyId}/${ref.code}`;

/** What a feed read returns depends on these alone: the reader's communes, or its author. */
export function feedKey(communes: UnitRef[] | null, authorId: string | null): string {
  const units = communes === null ? '*' : communes.map(refKey).sort().join(',');
  return `${authorId ?? ''}|${units}`;
}

/** Who reads and what they asked for: a cursor is only good for the same. */
export function scopeKey(caller: Caller, query: PullQuery, authorOnly: boolean): string {
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
export function parseCursor(since: string | undefined): { version: number; key?: string } {
  if (since === undefined || since === '') return { version: 0 };
  const match = /^(\d{1,15})(?:\.([0-9a-f]{10}))?$/.exec(since);
  if (!match) throw badRequest('invalidSince');
  return match[2] === undefined
    ? { version: Number(match[1]) }
    : { version: Number(match[1]), key: match[2] };
}

/** The page limit asked, or the default when it is invalid (for an estimate only). */
export function parseLimitOr(limit: string | undefined): number {
  try {
    return parseLimit(limit);
  } catch {
    return DEFAULT_PULL_LIMIT;
  }
}

export function parseLimit(limit: string | undefined): number {
  if (limit === undefined || limit === '') return DEFAULT_PULL_LIMIT;
  if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1) {
    throw badRequest('pullLimitRange', { max: MAX_PULL_LIMIT });
  }
  return Math.min(Number(limit), MAX_PULL_LIMIT);
}
