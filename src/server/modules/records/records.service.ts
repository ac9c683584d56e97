import type { Activity } from '../../../shared/activity/activity.schema';
import { activityTitle } from '../../../shared/activity/activity-factory';
import type { UnitRef } from '../../../shared/geography/geography';
import type {
  RecordAuthors,
  RecordAuthorsQuery,
  RecordDetail,
  RecordSummary,
  RecordsPage,
  RecordsQuery,
} from '../../../shared/records/records-api';
import { RECORDS_COUNT_CAP } from '../../../shared/records/records-api';
import { searchTokens } from '../../../shared/text/fold-diacritics';
import { badRequest, forbidden, notFound } from '../../http/problem';
import type { GeographyCatalog } from '../../../shared/geography/geography-catalog';
import type { GeographyService } from '../geography/geography.service';
import { readsEverything, unitOf } from '../sync/activity-access';
import type { Caller } from '../sync/prepare-mutation';
import type { RecordRow, RecordsRepository } from './records.repository';

const encodeCursor = (row: RecordRow) =>
  Buffer.from(`${row.activity_date}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { date: string; id: string } {
  const [date, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw badRequest('invalidCursor');
  }
  return { date, id };
}

/**
 * The server-side records browser: what higher-level accounts see instead of pulling a whole
 * province onto a phone. Same scope rule as the reports (a unit wholly within the caller's).
 */
export class RecordsService {
  constructor(
    private readonly repository: RecordsRepository,
    private readonly geographies: GeographyService,
  ) {}

  private ownScope(caller: Caller): UnitRef | null {
    return readsEverything(caller.user) ? null : unitOf(caller.user);
  }

  /** Communes per geography of `unit` (or of the caller's scope); null: no restriction. */
  private places(
    catalog: GeographyCatalog,
    caller: Caller,
    query: Pick<RecordsQuery, 'unit' | 'geography'>,
  ): Map<string, string[]> | null {
    const own = this.ownScope(caller);
    let scope: UnitRef | null = own;
    if (query.unit !== undefined) {
      const geographyId = query.geography ?? caller.user.geographyId;
      if (!catalog.has(geographyId) || !catalog.unit({ geographyId, code: query.unit })) {
        throw badRequest('unitNotInGeography', { unit: query.unit, geography: geographyId });
      }
      scope = { geographyId, code: query.unit };
      if (own && !catalog.isWithin(scope, own)) {
        throw forbidden('noReadRightActivities');
      }
    }
    if (scope === null) return null;
    const places = new Map<string, string[]>();
    for (const ref of catalog.communesWithin(scope)) {
      places.set(ref.geographyId, [...(places.get(ref.geographyId) ?? []), ref.code]);
    }
    return places;
  }

  async page(caller: Caller, query: RecordsQuery): Promise<RecordsPage> {
    if (query.from && query.to && query.to < query.from) {
      throw badRequest('invalidDateRange');
    }
    const catalog = await this.geographies.catalog();
    const places = this.places(catalog, caller, query);
    const { rows, count } = await this.repository.search(
      {
        places,
        scopeShare: scopeShare(catalog, places),
        form: query.form,
        status: query.status,
        from: query.from,
        to: query.to,
        authorId: query.author,
        tokens: searchTokens(query.q ?? ''),
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      },
      // Later pages keep the first page's count.
      query.cursor ? undefined : RECORDS_COUNT_CAP,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => summaryOf(catalog, row)),
      nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
      total:
        count === null
          ? null
          : { count: Math.min(count, RECORDS_COUNT_CAP), more: count > RECORDS_COUNT_CAP },
    };
  }

  /** Who recorded in the caller's scope (or `unit` within it), for the browser's author picker. */
  async authors(caller: Caller, query: RecordAuthorsQuery): Promise<RecordAuthors> {
    if (query.from && query.to && query.to < query.from) {
      throw badRequest('invalidDateRange');
    }
    const catalog = await this.geographies.catalog();
    const authors = await this.repository.authors({
      places: this.places(catalog, caller, query),
      form: query.form,
      status: query.status,
      from: query.from,
      to: query.to,
    });
    return { authors };
  }

  async detail(caller: Caller, id: string): Promise<RecordDetail> {
    const row = await this.repository.find(id);
    if (!row || !row.data) throw notFound('activityNotOnServer');
    const catalog = await this.geographies.catalog();
    const own = this.ownScope(caller);
    const ref = { geographyId: row.geography_id, code: row.commune_code };
    if (own && !catalog.isWithin(ref, own)) {
      throw forbidden('noReadRightActivities');
    }
    return { summary: summaryOf(catalog, row), data: JSON.parse(row.data) as Activity };
  }
}

/** About what share of all records `places` holds, for the repository's plan: its communes' share. */
function scopeShare(catalog: GeographyCatalog, places: Map<string, string[]> | null): number {
  if (places === null) return 1;
  let all = 0;
  for (const g of catalog.list()) all += catalog.tree(g.id).leavesUnder().length;
  let within = 0;
  for (const codes of places.values()) within += codes.length;
  return all > 0 ? Math.min(1, within / all) : 1;
}

function summaryOf(catalog: GeographyCatalog, row: RecordRow): RecordSummary {
  const data = JSON.parse(row.data ?? '{}') as Activity;
  const unit = catalog.unit({ geographyId: row.geography_id, code: row.commune_code });
  return {
    id: row.id,
    rev: row.rev,
    date: row.activity_date,
    form: row.form as RecordSummary['form'],
    status: row.status as RecordSummary['status'],
    geographyId: row.geography_id,
    communeCode: row.commune_code,
    communeName: unit?.name ?? row.commune_code,
    title: activityTitle(data),
    place: data.place ?? '',
    organiser: data.organiser ?? '',
    authorId: row.author_id,
    authorName: data.authorName ?? '',
    participants: row.participants_total,
    updatedAt: row.updated_at,
  };
}
