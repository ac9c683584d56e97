import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import type { SummaryWithTargets } from '../../src/shared/reports/report-api';
import {
  pulledTargetSetSchema,
  targetSetId,
  type PulledTargetSet,
  type UnitTargets,
} from '../../src/shared/reports/report-targets';
import type { Change, PullResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { openDatabase } from '../../src/server/db/database';
import { reportTargetsFeed } from '../../src/server/db/migrations/0020-report-targets-feed';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Yearly targets (issue 10, point 7) on both databases: who may set them (province, district
// while districts exist, admin; not a commune officer, not outside one's area), validation as
// problem+json, who and when kept, and the reports' progress in JSON, XLSX and CSV.

// 10:00 in Vietnam on 01/04/2025: the 2024 geography is in force, districts still exist.
const NOW = new Date('2025-04-01T03:00:00Z');
const YEAR = 2025;
const targetsOf = (unit: string) =>
  `/api/reports/targets?unit=${unit}&geography=${KIEN_GIANG_2024}&year=${YEAR}`;
const put = (session: Session, unit: string, targets: Record<string, unknown>, year = YEAR) =>
  session.call('PUT', '/api/reports/targets', {
    body: { geography: KIEN_GIANG_2024, unit, year, targets },
  });
const summaryOf = (unit: string, from: string, to: string, extra = '') =>
  `/api/reports/summary?unit=${unit}&geography=${KIEN_GIANG_2024}&from=${from}&to=${to}${extra}`;
const valueOf = (answer: UnitTargets, unit: string, indicator: string) =>
  answer.targets.find((t) => t.unitCode === unit && t.indicator === indicator);

/** Every `report_targets` change the session's phone pulls after `since`, and the cursor. */
const pullTargets = async (session: Session, since = '0') => {
  const changes: Change[] = [];
  let cursor = since;
  for (;;) {
    const page = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${cursor}&limit=1000`,
    );
    expect(page.status).toBe(200);
    changes.push(...page.body.changes.filter((c) => c.collection === 'report_targets'));
    cursor = page.body.cursor;
    if (!page.body.hasMore) return { changes, cursor };
  }
};

function csvFields(line: string): string[] {
  return line.split(',').map((f) => f.replace(/^"|"$/g, ''));
}

describe.each(DATABASE_KINDS)('report targets (%s)', (kind) => {
  let server: TestServer;
  let vinhThanh: Session;
  let vinhQuang: Session;
  let rachGia: Session;
  let province: Session;

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => NOW });
    [vinhThanh, vinhQuang, rachGia, province] = await Promise.all([
      server.officer('commune', UNITS.vinhThanh),
      server.officer('commune', UNITS.vinhQuang),
      server.officer('district', UNITS.rachGia, 'Trần Văn Huyện'),
      server.officer('province', UNITS.province, 'Lê Thị Tỉnh'),
    ]);
    // One complete talk in Vĩnh Thanh on 10/03/2025: 40 people, 10 from poor households.
    const [result] = await vinhThanh.push([
      upsert(
        talk(vinhThanh.user, UNITS.vinhThanh, {
          date: '2025-03-10',
          status: 'complete',
          organiser: 'UBND phường',
          themes: ['programme_goals'],
          targetGroups: ['poor_households'],
        } as never),
      ),
    ]);
    expect(result!.status).toBe('applied');
  });
  afterAll(() => server?.close());

  it('a province officer sets a commune’s targets; who and when are kept', async () => {
    const answer = await put(province, UNITS.vinhThanh, {
      community_talks: 3,
      people_reached: 120,
    });
    expect(answer.status).toBe(200);
    expect(valueOf(answer.body, UNITS.vinhThanh, 'community_talks')).toEqual({
      unitCode: UNITS.vinhThanh,
      indicator: 'community_talks',
      value: 3,
      setBy: 'Lê Thị Tỉnh',
      setAt: NOW.toISOString(),
    });
    expect(answer.body.unit.code).toBe(UNITS.vinhThanh);
    expect(answer.body.mayEdit).toBe(true);
  });

  it('a district officer sets its district and its communes, not another district’s', async () => {
    expect((await put(rachGia, UNITS.rachGia, { community_talks: 20 })).status).toBe(200);
    expect((await put(rachGia, UNITS.vinhQuang, { dialogues: 2 })).status).toBe(200);
    for (const unit of [UNITS.dongHo, UNITS.haTien, UNITS.province]) {
      const refused = await put(rachGia, unit, { dialogues: 2 });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('problem.targetsNotAllowed');
    }
  });

  it('a commune officer reads its targets but cannot set them', async () => {
    const read = await vinhThanh.call<UnitTargets>('GET', targetsOf(UNITS.vinhThanh));
    expect(read.status).toBe(200);
    expect(read.body.mayEdit).toBe(false);
    expect(valueOf(read.body, UNITS.vinhThanh, 'community_talks')?.value).toBe(3);
    const refused = await put(vinhThanh, UNITS.vinhThanh, { community_talks: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('problem.targetsNotAllowed');
    // Outside its commune it reads nothing.
    const other = await vinhQuang.call('GET', targetsOf(UNITS.vinhThanh));
    expect(other.status).toBe(403);
  });

  it('the district sees its own and its communes’ targets', async () => {
    const read = await rachGia.call<UnitTargets>('GET', targetsOf(UNITS.rachGia));
    expect(read.status).toBe(200);
    expect(read.body.mayEdit).toBe(true);
    expect(read.body.children.map((c) => c.code)).toContain(UNITS.vinhThanh);
    expect(read.body.targets.map((t) => `${t.unitCode}:${t.indicator}:${t.value}`).sort()).toEqual(
      [
        `${UNITS.vinhThanh}:community_talks:3`,
        `${UNITS.vinhThanh}:people_reached:120`,
        `${UNITS.vinhQuang}:dialogues:2`,
        `${UNITS.rachGia}:community_talks:20`,
      ].sort(),
    );
  });

  it('refuses invalid targets with field errors and stores nothing', async () => {
    const negative = await put(province, UNITS.vinhThanh, { community_talks: -1 });
    expect(negative.status).toBe(400);
    expect(negative.headers.get('content-type')).toContain('application/problem+json');
    expect(negative.body.errors).toEqual([
      expect.objectContaining({ path: 'targets.community_talks', code: 'validation.nonNegative' }),
    ]);
    const fraction = await put(province, UNITS.vinhThanh, { community_talks: 2.5 });
    expect(fraction.body.errors[0]).toMatchObject({ code: 'validation.integer' });
    expect((await put(province, UNITS.vinhThanh, { households: 3 })).status).toBe(400);
    expect((await put(province, UNITS.vinhThanh, { community_talks: 3 }, 1999)).status).toBe(400);
    const unknownUnit = await put(province, '99999', { community_talks: 3 });
    expect(unknownUnit.status).toBe(400);
    const read = await province.call<UnitTargets>('GET', targetsOf(UNITS.vinhThanh));
    expect(valueOf(read.body, UNITS.vinhThanh, 'community_talks')?.value).toBe(3);
    expect(valueOf(read.body, UNITS.vinhThanh, 'people_reached')?.value).toBe(120);
  });

  it('the JSON report carries progress towards the YEAR’s targets for a six-month period', async () => {
    const answer = await rachGia.call<SummaryWithTargets>(
      'GET',
      summaryOf(UNITS.rachGia, '2025-01-01', '2025-06-30'),
    );
    expect(answer.status).toBe(200);
    const targets = answer.body.targets!;
    expect(targets).toMatchObject({ year: 2025, period: 'first_half' });
    const talks = targets.unit.indicators.find((i) => i.indicator === 'community_talks');
    expect(talks).toEqual({ indicator: 'community_talks', achieved: 1, target: 20, percent: 5 });
    const commune = targets.children.find((c) => c.code === UNITS.vinhThanh)!;
    expect(commune.indicators.find((i) => i.indicator === 'community_talks')).toMatchObject({
      achieved: 1,
      target: 3,
      percent: 33.3,
    });
    expect(commune.indicators.find((i) => i.indicator === 'people_reached')).toMatchObject({
      achieved: 40,
      target: 120,
      percent: 33.3,
    });
    expect(commune.indicators.find((i) => i.indicator === 'trainees')).toMatchObject({
      target: null,
      percent: null,
    });
    // The Decree 09 whole year counts too; an ad hoc period has no targets.
    const cutoff = await rachGia.call<SummaryWithTargets>(
      'GET',
      summaryOf(UNITS.rachGia, '2024-12-15', '2025-12-14'),
    );
    expect(cutoff.body.targets?.period).toBe('full_year');
    const adHoc = await rachGia.call<SummaryWithTargets>(
      'GET',
      summaryOf(UNITS.rachGia, '2025-03-01', '2025-03-31'),
    );
    expect(adHoc.body.targets).toBeNull();
  });

  it('a PUT replaces the set: left out is removed, unchanged keeps who set it', async () => {
    const answer = await put(server.admin, UNITS.vinhThanh, { community_talks: 3, dialogues: 1 });
    expect(answer.status).toBe(200);
    expect(valueOf(answer.body, UNITS.vinhThanh, 'people_reached')).toBeUndefined();
    expect(valueOf(answer.body, UNITS.vinhThanh, 'community_talks')?.setBy).toBe('Lê Thị Tỉnh');
    expect(valueOf(answer.body, UNITS.vinhThanh, 'dialogues')?.setBy).not.toBe('Lê Thị Tỉnh');
    // Put back for the exports below.
    const back = await put(province, UNITS.vinhThanh, { community_talks: 3, people_reached: 120 });
    expect(back.status).toBe(200);
  });

  it('XLSX has a "Chỉ tiêu" sheet: Vietnamese headers, numbers, % as a percentage', async () => {
    const response = await fetch(
      `${server.baseUrl}${summaryOf(UNITS.rachGia, '2025-01-01', '2025-06-30', '&format=xlsx')}`,
      { headers: { authorization: `Bearer ${rachGia.token}` } },
    );
    expect(response.status).toBe(200);
    const sheets = await readXlsxFile(Buffer.from(await response.arrayBuffer()));
    const sheet = sheets.find((s) => s.sheet === 'Chỉ tiêu')!;
    expect(sheets.at(-1)).toBe(sheet);
    expect(sheet.data[0]![0]).toBe('Kết quả thực hiện chỉ tiêu năm 2025');
    expect(String(sheet.data[1]![0])).toContain(
      'Kết quả 6 tháng đầu năm so với chỉ tiêu cả năm 2025',
    );
    expect(sheet.data[3]).toEqual([
      'Mã',
      'Đơn vị',
      'Chỉ tiêu',
      'Thực hiện',
      'Chỉ tiêu năm',
      'Tỷ lệ đạt (%)',
    ]);
    const people = sheet.data.find(
      (r) => r[0] === UNITS.vinhThanh && r[2] === 'Lượt người được tiếp cận',
    )!;
    expect(people.slice(3)).toEqual([40, 120, 0.333]);
    const total = sheet.data.at(-1)!;
    expect(total.slice(0, 2)).toEqual([UNITS.rachGia, 'Tổng cộng (Thành phố Rạch Giá)']);
    expect(total.slice(3)).toEqual([1, 20, 0.05]);
  });

  it('CSV part=targets: UTF-8 with BOM, one row per unit and indicator', async () => {
    const response = await fetch(
      `${server.baseUrl}${summaryOf(UNITS.rachGia, '2025-01-01', '2025-12-31', '&format=csv&part=targets')}`,
      { headers: { authorization: `Bearer ${rachGia.token}` } },
    );
    expect(response.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(csvFields(lines[0]!)).toEqual([
      'Mã',
      'Đơn vị',
      'Chỉ tiêu',
      'Thực hiện',
      'Chỉ tiêu năm',
      'Tỷ lệ đạt (%)',
    ]);
    expect(lines.map(csvFields)).toContainEqual([
      UNITS.vinhThanh,
      'Phường Vĩnh Thanh',
      'Số buổi nói chuyện chuyên đề',
      '1',
      '3',
      '33.3',
    ]);
    expect(lines.map(csvFields)).toContainEqual([
      UNITS.vinhQuang,
      'Phường Vĩnh Quang',
      'Số cuộc đối thoại chính sách',
      '0',
      '2',
      '0',
    ]);
    const adHoc = await rachGia.call(
      'GET',
      summaryOf(UNITS.rachGia, '2025-03-01', '2025-03-31', '&format=csv&part=targets'),
    );
    expect(adHoc.status).toBe(400);
    expect(adHoc.body.code).toBe('problem.targetsNeedYearPeriod');
  });

  it('phones pull their own commune’s targets as versioned reference data, no one else’s', async () => {
    const mine = await pullTargets(vinhThanh);
    expect(new Set(mine.changes.map((c) => c.recordId))).toEqual(
      new Set([targetSetId(KIEN_GIANG_2024, UNITS.vinhThanh, YEAR)]),
    );
    // The newest version is the whole current set, in the shared wire shape.
    const last = mine.changes.at(-1)!;
    expect(pulledTargetSetSchema.parse(last.data)).toEqual({
      geographyId: KIEN_GIANG_2024,
      unitCode: UNITS.vinhThanh,
      year: YEAR,
      targets: { community_talks: 3, people_reached: 120 },
    });
    expect(last.updatedBy).toBe('Lê Thị Tỉnh');
    const other = await pullTargets(vinhQuang);
    expect(other.changes.map((c) => c.recordId)).toEqual([
      targetSetId(KIEN_GIANG_2024, UNITS.vinhQuang, YEAR),
    ]);
    // Author-only phones (district, province) report through the server: no targets pulled.
    expect((await pullTargets(rachGia)).changes).toEqual([]);
    expect((await pullTargets(province)).changes).toEqual([]);

    // A change is a new version for the commune's phone; an unchanged PUT is none.
    expect(
      (await put(province, UNITS.vinhThanh, { community_talks: 4, people_reached: 120 })).status,
    ).toBe(200);
    expect(
      (await put(province, UNITS.vinhThanh, { community_talks: 4, people_reached: 120 })).status,
    ).toBe(200);
    const next = await pullTargets(vinhThanh, mine.cursor);
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]!.rev).toBeGreaterThan(last.rev);
    expect((next.changes[0]!.data as PulledTargetSet).targets).toEqual({
      community_talks: 4,
      people_reached: 120,
    });
    expect((await pullTargets(vinhQuang, other.cursor)).changes).toEqual([]);
    const back = await put(province, UNITS.vinhThanh, { community_talks: 3, people_reached: 120 });
    expect(back.status).toBe(200);
  });

  it('migration 0020 puts the sets stored before it into the feed, one version per set', async () => {
    const synced = await pullTargets(vinhThanh);
    const database = openDatabase(server.database.config);
    try {
      // As the database was before 0020: sets in report_targets, none of them in the feed. A
      // 2024 set of Vĩnh Quang's whose two indicators two people set at different times.
      await database.db.deleteFrom('changes').where('collection', '=', 'report_targets').execute();
      await database.db
        .insertInto('report_targets')
        .values([
          {
            geography_id: KIEN_GIANG_2024,
            unit_code: UNITS.vinhQuang,
            year: 2024,
            indicator: 'community_talks',
            value: 2,
            set_by: 'Người đặt trước',
            set_at: '2024-02-01T02:00:00.000Z',
          },
          {
            geography_id: KIEN_GIANG_2024,
            unit_code: UNITS.vinhQuang,
            year: 2024,
            indicator: 'people_reached',
            value: 50,
            set_by: 'Người sửa sau',
            set_at: '2024-03-01T02:00:00.000Z',
          },
        ])
        .execute();
      await reportTargetsFeed.up(database.db);
    } finally {
      await database.close();
    }
    // A new phone of each commune receives its own sets once each, whole, with the last setter.
    const thanh = await pullTargets(vinhThanh);
    expect(thanh.changes).toHaveLength(1);
    expect(thanh.changes[0]!.data).toEqual({
      geographyId: KIEN_GIANG_2024,
      unitCode: UNITS.vinhThanh,
      year: YEAR,
      targets: { community_talks: 3, people_reached: 120 },
    });
    const quang = await pullTargets(vinhQuang);
    const byYear = new Map(quang.changes.map((c) => [(c.data as PulledTargetSet).year, c]));
    expect(quang.changes).toHaveLength(2);
    expect(byYear.get(2024)!.data).toEqual({
      geographyId: KIEN_GIANG_2024,
      unitCode: UNITS.vinhQuang,
      year: 2024,
      targets: { community_talks: 2, people_reached: 50 },
    });
    expect(byYear.get(2024)!.updatedBy).toBe('Người sửa sau');
    expect(byYear.get(2024)!.updatedAt).toBe('2024-03-01T02:00:00.000Z');
    expect(byYear.has(YEAR)).toBe(true);
    // New versions, past the cursor of a phone that had synced before the update.
    expect((await pullTargets(vinhThanh, synced.cursor)).changes).toEqual(thanh.changes);
  });
});
