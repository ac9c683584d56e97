import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database';
import { sql } from '../../src/server/db/kysely-runtime';
import { migrateToLatest } from '../../src/server/db/migrate';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { STORED_MEASURES } from '../../src/shared/reports/report-measures';
import { regularPeriod, type DateRange } from '../../src/shared/reports/report-periods';
import {
  buildSummaryReport,
  groupActivities,
  type SummaryReport,
} from '../../src/shared/reports/summary-report';
import {
  countByMonth,
  monthlyActivities,
  type MonthlyActivities,
} from '../../src/shared/reports/monthly-activities';
import type { MutationResult } from '../../src/shared/sync/sync-protocol';
import { reportFixture } from '../shared/support/report-fixtures';
import { remove, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Reports are summed from `activity_totals` (migration 0019), which the push keeps current.
// Whatever is pushed — new records, edits of figures, dates, status and commune (across the
// July 2025 geography switch), deletions, records coming back, several changes in one batch —
// the reports must give the same numbers as summing the live records themselves: the phone's
// computation (src/shared) and a GROUP BY over `activities` (how the server summed before).

const catalog = new GeographyCatalog(defaultGeographies());
const revOf = (r: MutationResult | undefined) => (r && 'rev' in r ? r.rev : -1);

const RANGES: DateRange[] = [
  regularPeriod('first_half', 2025, 'calendar'),
  regularPeriod('first_half', 2025, 'data_cutoff'),
  regularPeriod('full_year', 2025, 'calendar'),
  regularPeriod('full_year', 2025, 'data_cutoff'),
  { from: '2025-03-10', to: '2025-03-10' },
  { from: '2025-03-11', to: '2025-05-19' },
  { from: '2024-12-01', to: '2025-12-31' },
];

describe.each(DATABASE_KINDS)('report totals kept by the push (%s)', (kind) => {
  let server: TestServer;
  let province: Session;
  /** The live records as the server should hold them now. */
  const live = new Map<string, Activity>();
  const revs = new Map<string, number>();

  const applied = (results: MutationResult[], sent: Activity[]) => {
    results.forEach((r, i) => {
      expect(r.status, JSON.stringify(r)).toMatch(/applied|conflict/);
      revs.set(r.recordId, revOf(r));
      const data = ('data' in r && r.data ? r.data : sent[i]) as Activity | undefined;
      if (data) live.set(r.recordId, data);
    });
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    province = await server.officer('province', '91', 'Sở Nông nghiệp và Môi trường');
    const author = { id: province.user.id, name: province.user.displayName };
    const records = reportFixture(author);
    applied(await province.push(records.map((r) => upsert(r))), records);
    const [a1, a2, a3, a4, a5, a6] = records as [Activity, Activity, Activity, ...Activity[]];
    const a4x = records[3]!;

    // One batch: figures and date of A1 change (March → May), A2 becomes a draft, A3 moves
    // across the switch into a 2025 commune, a new record is created and another deleted.
    const edits: Activity[] = [
      {
        ...a1,
        date: '2025-05-02',
        participants: { ...a1.participants, total: 55, poor: 12 },
      } as Activity,
      { ...a2, status: 'draft' } as Activity,
      { ...a3, date: '2025-08-05', communeCode: '30742', geographyId: AN_GIANG_2025 } as Activity,
      { ...a1, id: uuidv7(), date: '2025-03-10', participants: { ...a1.participants, total: 70 } },
    ];
    const batch = await province.push([
      ...edits.map((e) => upsert(e, revs.get(e.id) ?? null)),
      remove(a4x.id, revs.get(a4x.id)!),
    ]);
    applied(batch.slice(0, edits.length), edits);
    expect(batch.at(-1)!.status).toBe('applied');
    live.delete(a4x.id);

    // Created and deleted in the same batch: counts nowhere.
    const fleeting = { ...a5!, id: uuidv7() } as Activity;
    const both = await province.push([upsert(fleeting), remove(fleeting.id, null)]);
    expect(both.map((r) => r.status)).toEqual(['applied', 'applied']);

    // Deleted, then written again from a device that had not seen the deletion: it comes back.
    const gone = await province.push([remove(a6!.id, revs.get(a6!.id)!)]);
    expect(gone[0]!.status).toBe('applied');
    live.delete(a6!.id);
    const back = { ...a6!, notes: 'Bổ sung sau' } as Activity;
    applied(await province.push([upsert(back, revs.get(a6!.id)!)]), [back]);
    expect(live.size).toBe(records.length);
  });
  afterAll(() => server?.close());

  const offline = (range: DateRange, geographyId: string): SummaryReport =>
    buildSummaryReport({
      catalog,
      geographyId,
      unitCode: catalog.tree(geographyId).roots()[0]!.code,
      period: range,
      groups: groupActivities(live.values(), range, catalog),
    });

  async function expectSameReports() {
    for (const range of RANGES) {
      for (const geographyId of [KIEN_GIANG_2024, AN_GIANG_2025]) {
        const unit = catalog.tree(geographyId).roots()[0]!.code;
        const q = `from=${range.from}&to=${range.to}&geography=${geographyId}&unit=${unit}`;
        const summary = await province.call<SummaryReport>('GET', `/api/reports/summary?${q}`);
        expect(summary.status).toBe(200);
        // Targets (none set here) are another test's; the sums are this one's.
        expect(
          { ...summary.body, targets: undefined },
          `${range.from}–${range.to} ${geographyId}`,
        ).toEqual(offline(range, geographyId));
        const monthly = await province.call<MonthlyActivities>('GET', `/api/reports/monthly?${q}`);
        expect(monthly.body).toEqual(
          monthlyActivities(
            catalog,
            { geographyId, code: unit },
            range,
            countByMonth(live.values(), range),
          ),
        );
      }
    }
  }

  it('gives the same reports as the live records after edits, moves and deletions', async () => {
    const half = await province.call<SummaryReport>(
      'GET',
      `/api/reports/summary?from=2025-01-01&to=2025-06-30&geography=${KIEN_GIANG_2024}&unit=91`,
    );
    // Hand-checked: A1 now has 55 participants, the new dialogue 70 (A7 is a draft, and now A2
    // too); A3 left for August and A4 is deleted.
    expect(half.body.total.forms.dialogue.participants_total).toBe(55 + 70);
    expect(half.body.total.draftTotal).toBe(2);
    expect(half.body.total.forms.printed_materials.activities).toBe(0);
    expect(half.body.total.forms.mass_media.activities).toBe(0);
    await expectSameReports();
  });

  it('holds the same sums as a GROUP BY over the live activities', async () => {
    const database = openDatabase(server.database.config);
    try {
      const key = ['geography_id', 'commune_code', 'form', 'status'] as const;
      const direct = await database.db
        .selectFrom('activities')
        .select([...key, sql<string>`substr(activity_date, 1, 7)`.as('month')])
        .select((eb) => [
          eb.fn.countAll().as('activities'),
          ...STORED_MEASURES.map((m) => eb.fn.sum(m).as(m)),
        ])
        .where('deleted', '=', 0)
        .groupBy([...key, sql`substr(activity_date, 1, 7)`])
        .execute();
      const totals = await database.db
        .selectFrom('activity_totals')
        .selectAll()
        .where('activities', '<>', 0)
        .execute();
      const norm = (rows: Record<string, unknown>[]) =>
        rows
          .map((r) =>
            JSON.stringify([
              ...[...key, 'month'].map((c) => String(r[c])),
              ...['activities', ...STORED_MEASURES].map((c) => Number(r[c])),
            ]),
          )
          .sort();
      const months = totals.filter((t) => t.grain === 'month');
      const days = totals.filter((t) => t.grain === 'day');
      expect(months.length).toBeGreaterThan(5);
      expect(norm(months.map((t) => ({ ...t, month: t.bucket })))).toEqual(norm(direct));
      // The day rows add up to the same months.
      const byMonth = new Map<string, Record<string, number | string>>();
      for (const d of days) {
        const k = [...key.map((c) => d[c]), d.bucket.slice(0, 7)].join('|');
        const into = byMonth.get(k) ?? { ...d, month: d.bucket.slice(0, 7), activities: 0 };
        if (!byMonth.has(k)) for (const m of STORED_MEASURES) into[m] = 0;
        into.activities = Number(into.activities) + Number(d.activities);
        for (const m of STORED_MEASURES) into[m] = Number(into[m]) + Number(d[m]);
        byMonth.set(k, into);
      }
      expect(norm([...byMonth.values()])).toEqual(
        norm(months.map((t) => ({ ...t, month: t.bucket }))),
      );
    } finally {
      await database.close();
    }
  });

  it('the migration fills the totals of records stored before it, with the same reports', async () => {
    const database: Database = openDatabase(server.database.config);
    try {
      await database.db.schema.dropTable('activity_totals').execute();
      await database.db
        .withSchema(database.schema ?? (kind === 'sqlite' ? 'main' : 'public'))
        .deleteFrom('kysely_migration' as never)
        .where('name' as never, '=', '0019-activity-totals' as never)
        .execute();
      await migrateToLatest(database);
    } finally {
      await database.close();
    }
    await expectSameReports();
  });
});
