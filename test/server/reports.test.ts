import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { AN_GIANG_2025, KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import type { SummaryWithTargets } from '../../src/shared/reports/report-api';
import {
  regularPeriod,
  regularPeriodOf,
  type DateRange,
} from '../../src/shared/reports/report-periods';
import { targetProgress } from '../../src/shared/reports/report-targets';
import {
  buildSummaryReport,
  groupActivities,
  type SummaryReport,
} from '../../src/shared/reports/summary-report';
import type { MutationResult } from '../../src/shared/sync/sync-protocol';
import {
  countByMonth,
  monthlyActivities,
  type MonthlyActivities,
} from '../../src/shared/reports/monthly-activities';
import { reportFixture } from '../shared/support/report-fixtures';
import { remove, upsert } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { zipEntry } from './support/zip-entry';
import { startTestServer, type Session, type TestServer } from './support/test-server';

const catalog = new GeographyCatalog(defaultGeographies());
const half = regularPeriod('first_half', 2025, 'calendar');
const query = (range: DateRange, extra = '') =>
  `/api/reports/summary?from=${range.from}&to=${range.to}${extra}`;
const revOf = (r: MutationResult | undefined) => (r && 'rev' in r ? r.rev : -1);

/** RFC 4180 fields of one line (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') ((value += '"'), (i += 2));
        else if (line[i] === '"') break;
        else value += line[i++];
      }
      fields.push(value);
      i += 2;
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return fields;
}

describe.each(DATABASE_KINDS)('GET /api/reports/summary (%s)', (kind) => {
  let server: TestServer;
  let province: Session;
  let rachGia: Session;
  let vinhThanh: Session;
  let records: Activity[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    [province, rachGia, vinhThanh] = await Promise.all([
      server.officer('province', '91', 'Sở Nông nghiệp và Môi trường'),
      server.officer('district', '899'),
      server.officer('commune', '30733'),
    ]);
    records = reportFixture({ id: province.user.id, name: province.user.displayName });
    // A2 first goes up with other numbers and is then corrected: the report must follow edits.
    const a2 = records[1]!;
    const first = await province.push([
      upsert({ ...a2, participants: { ...a2.participants, total: 99 } } as Activity),
    ]);
    const edited = await province.push([upsert(a2, revOf(first[0]))]);
    expect(edited[0]!.status).toBe('applied');
    // A record pushed then deleted must not count.
    const gone = { ...records[0]!, id: '019a0000-0000-7000-8000-000000000001' } as Activity;
    const created = await province.push([upsert(gone)]);
    await province.push([remove(gone.id, revOf(created[0]))]);
    const rest = await province.push(records.filter((r) => r !== a2).map((r) => upsert(r)));
    expect(rest.every((r) => r.status === 'applied')).toBe(true);
  });
  afterAll(() => server?.close());

  const offline = (
    unitCode: string,
    range: DateRange = half,
    geographyId = KIEN_GIANG_2024,
  ): SummaryWithTargets => {
    const report = buildSummaryReport({
      catalog,
      geographyId,
      unitCode,
      period: range,
      groups: groupActivities(records, range, catalog),
    });
    // No targets are set here: a regular period still shows every indicator's achieved value.
    const regular = regularPeriodOf(range);
    const targets =
      regular && regular.kind !== 'ad_hoc'
        ? targetProgress(report, [], regular.year!, regular.kind)
        : null;
    return { ...report, targets };
  };

  it('sums the province’s six months in the database, equal to the phone’s computation', async () => {
    const answer = await province.call<SummaryReport>(
      'GET',
      query(half, `&unit=91&geography=${KIEN_GIANG_2024}`),
    );
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report.total.total.activities).toBe(6);
    expect(report.total.total.participants_total).toBe(145);
    expect(report.total.total.participants_poor).toBe(35);
    expect(report.total.forms.printed_materials.leaflet_distributed).toBe(450);
    expect(report.total.forms.mass_media.media_radio_minutes).toBe(45);
    expect(report.total.forms.training.training_half_days).toBe(3);
    expect(report.total.forms.emulation.resources_vnd).toBe(10_000_000);
    expect(report.total.total.cost_local_budget).toBe(2_500_000);
    expect(report.total.draftTotal).toBe(1);
    expect(report.rows.find((r) => r.code === '899')!.total.participants_total).toBe(65);
    expect(report.completeness.silentCommunes).toHaveLength(140);
    expect(report).toEqual(offline('91'));
  });

  it('applies the Decree 09 cut-off period and a one-day ad hoc period', async () => {
    const cutoff = regularPeriod('first_half', 2025, 'data_cutoff');
    const answer = await province.call<SummaryReport>(
      'GET',
      query(cutoff, `&geography=${KIEN_GIANG_2024}`),
    );
    expect(answer.body).toEqual(offline('91', cutoff));
    expect(answer.body.total.forms.other.activities).toBe(1);
    const day = { from: '2025-03-10', to: '2025-03-10' };
    expect(
      (await province.call<SummaryReport>('GET', query(day, `&geography=${KIEN_GIANG_2024}`))).body
        .total.total.activities,
    ).toBe(1);
  });

  it('shows the year in the 2025 geography too, equal to the phone and with the same total', async () => {
    const year = regularPeriod('full_year', 2025, 'calendar');
    const current = await province.call<SummaryReport>(
      'GET',
      query(year, `&geography=${AN_GIANG_2025}`),
    );
    expect(current.status).toBe(200);
    expect(current.body.unit.name).toBe('Tỉnh An Giang');
    expect(current.body).toEqual(offline('91', year, AN_GIANG_2025));
    expect(current.body.rows.find((r) => r.code === '30742')!.total.activities).toBe(4);
    const old = await province.call<SummaryReport>(
      'GET',
      query(year, `&geography=${KIEN_GIANG_2024}`),
    );
    // A province account is coded in the geography in force: its default is the current one.
    const byDefault = await province.call<SummaryReport>('GET', query(year));
    expect(byDefault.body).toEqual(current.body);
    expect(current.body.total.total).toEqual(old.body.total.total);
    // The district officer of old Rạch Giá may see the new Phường Rạch Giá (wholly inside).
    const ward = await rachGia.call<SummaryReport>(
      'GET',
      query(year, `&geography=${AN_GIANG_2025}&unit=30742`),
    );
    expect(ward.status).toBe(200);
    expect(ward.body.total.total.activities).toBe(4);
    expect(
      (await vinhThanh.call('GET', query(year, `&geography=${AN_GIANG_2025}&unit=30742`))).status,
    ).toBe(403);
  });

  it('a district officer gets their district by default, and nothing outside it', async () => {
    const own = await rachGia.call<SummaryReport>('GET', query(half));
    expect(own.status).toBe(200);
    expect(own.body.unit.code).toBe('899');
    expect(own.body).toEqual(offline('899'));
    expect(own.body.rows.map((r) => r.code)).toContain('30733');
    const commune = await rachGia.call<SummaryReport>('GET', query(half, '&unit=30736'));
    expect(commune.body.total.total.participants_total).toBe(25);
    for (const unit of ['900', '91', '30766']) {
      const answer = await rachGia.call('GET', query(half, `&unit=${unit}`));
      expect(answer.status, unit).toBe(403);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(answer.body)).not.toContain('participants');
    }
    for (const format of ['xlsx', 'csv']) {
      const file = await rachGia.call('GET', query(half, `&unit=900&format=${format}`));
      expect(file.status, format).toBe(403);
      expect(file.headers.get('content-type'), format).toContain('application/problem+json');
    }
  });

  it('a commune officer sees their commune’s report only', async () => {
    const own = await vinhThanh.call<SummaryReport>('GET', query(half));
    expect(own.body.unit.code).toBe('30733');
    expect(own.body.rows).toEqual([]);
    expect(own.body.total.total.activities).toBe(2);
    expect(own.body.total.drafts.dialogue).toBe(1);
    expect(own.body).toEqual(offline('30733'));
    for (const unit of ['899', '30736', '91']) {
      expect((await vinhThanh.call('GET', query(half, `&unit=${unit}`))).status, unit).toBe(403);
    }
  });

  it('a 2025 commune officer gets their commune’s report, in both geographies', async () => {
    const rachGiaWard = await server.officer('commune', {
      geographyId: AN_GIANG_2025,
      code: '30742',
    });
    const year = regularPeriod('full_year', 2025, 'calendar');
    const own = await rachGiaWard.call<SummaryReport>('GET', query(year));
    expect(own.status).toBe(200);
    expect(own.body.geography).toBe(AN_GIANG_2025);
    expect(own.body.unit.code).toBe('30742');
    expect(own.body.total.total.activities).toBe(4);
    expect(own.body).toEqual(offline('30742', year, AN_GIANG_2025));
    // Its ten old wards, in the 2024 geography, are wholly inside it.
    const oldWard = await rachGiaWard.call<SummaryReport>(
      'GET',
      query(year, `&geography=${KIEN_GIANG_2024}&unit=30733`),
    );
    expect(oldWard.status).toBe(200);
    expect(oldWard.body).toEqual(offline('30733', year));
    for (const [geography, unit] of [
      [KIEN_GIANG_2024, '899'],
      [AN_GIANG_2025, '91'],
    ]) {
      const answer = await rachGiaWard.call(
        'GET',
        query(year, `&geography=${geography}&unit=${unit}`),
      );
      expect(answer.status, unit).toBe(403);
    }
    const listed = await rachGiaWard.call<{ items: { communeCode: string }[] }>(
      'GET',
      '/api/records?from=2025-01-01&to=2025-12-31',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThan(0);
  });

  it('counts complete activities per month and form in SQL, equal to the phone’s count', async () => {
    const year = regularPeriod('full_year', 2025, 'calendar');
    for (const [session, unit, geography] of [
      [province, '91', KIEN_GIANG_2024],
      [province, '91', AN_GIANG_2025],
      [rachGia, '899', KIEN_GIANG_2024],
    ] as const) {
      const answer = await session.call<MonthlyActivities>(
        'GET',
        `/api/reports/monthly?from=${year.from}&to=${year.to}&unit=${unit}&geography=${geography}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.months.map((m) => m.month)).toHaveLength(12);
      const scope = { geographyId: geography, code: unit };
      expect(answer.body).toEqual(
        monthlyActivities(catalog, scope, year, countByMonth(records, year)),
      );
      const summary = await session.call<SummaryReport>(
        'GET',
        query(year, `&unit=${unit}&geography=${geography}`),
      );
      const sum = answer.body.months.reduce((n, m) => n + m.total, 0);
      expect(sum).toBe(summary.body.total.total.activities);
    }
    const out = await vinhThanh.call(
      'GET',
      `/api/reports/monthly?from=${year.from}&to=${year.to}&unit=899`,
    );
    expect(out.status).toBe(403);
  });

  it('refuses bad input with problem details and an anonymous caller with 401', async () => {
    const cases = [
      '/api/reports/summary?from=2026-06-30&to=2026-01-01',
      '/api/reports/summary?to=2026-01-01',
      '/api/reports/summary?from=2026-02-30&to=2026-03-01',
      query(half, '&unit=99999'),
      query(half, '&geography=atlantis'),
      query(half, '&format=pdf'),
    ];
    for (const path of cases) {
      const answer = await province.call('GET', path);
      expect(answer.status, path).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.detail, path).toBeTruthy();
    }
    expect((await server.call('GET', query(half))).status).toBe(401);
  });

  it('exports CSV in UTF-8 with a BOM and Vietnamese headers', async () => {
    const response = await fetch(
      `${server.baseUrl}${query(half, `&unit=91&format=csv&geography=${KIEN_GIANG_2024}`)}`,
      {
        headers: { authorization: `Bearer ${province.token}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    // 91 is Kiên Giang in the 2024 map and An Giang in today's: the file says which.
    expect(response.headers.get('content-disposition')).toContain(
      `filename="bao-cao-${KIEN_GIANG_2024}-91-2025-01-01-2025-06-30.csv"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    const header = csvFields(lines[0]!);
    expect(header).toContain('Kinh phí – Huy động xã hội hóa (đồng)');
    expect(header.slice(0, 4)).toEqual(['Mã', 'Đơn vị', 'Hình thức', 'Số hoạt động']);
    // 15 districts and the total, each with 7 forms and an all-forms line.
    expect(lines).toHaveLength(1 + 16 * 8);
    const total = csvFields(lines.at(-1)!);
    expect(total).toHaveLength(header.length);
    expect(total.slice(0, 3)).toEqual(['91', 'Tổng cộng (Tỉnh Kiên Giang)', 'Tất cả hình thức']);
    expect(Number(total[header.indexOf('Số hoạt động')])).toBe(6);
    expect(Number(total[header.indexOf('Số người tham dự')])).toBe(145);
    expect(Number(total[header.indexOf('Tổng kinh phí (đồng)')])).toBe(6_700_000);
    // Every line says which map its code belongs to (a CSV is often loaded without its name).
    expect(header.at(-1)).toBe('Danh mục đơn vị hành chính');
    expect(new Set(lines.slice(1).map((l) => csvFields(l).at(-1)))).toEqual(
      new Set([KIEN_GIANG_2024]),
    );
  });

  it('exports XLSX: a summary sheet and one per form, numbers as numbers', async () => {
    const response = await fetch(`${server.baseUrl}${query(half, '&unit=899&format=xlsx')}`, {
      headers: { authorization: `Bearer ${rachGia.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain(
      `filename="bao-cao-${KIEN_GIANG_2024}-899-2025-01-01-2025-06-30.xlsx"`,
    );
    const file = Buffer.from(await response.arrayBuffer());
    // Whole numbers show as 1.500.000, not "1.500.000," (Excel prints the decimal separator of
    // "#,##0.##" after a whole number); only a non-integer (training days) has a decimal.
    const formats = [...zipEntry(file, 'xl/styles.xml').matchAll(/formatCode="([^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(formats).toContain('#,##0');
    expect(formats.filter((f) => f!.includes('.##'))).toEqual([]);
    const sheets = await readXlsxFile(file);
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Tổng hợp',
      'Đối thoại',
      'Nói chuyện chuyên đề',
      'Tờ rơi, tài liệu, băng rôn',
      'Thông tin đại chúng',
      'Tập huấn',
      'Thi đua, khen thưởng',
      'Hoạt động khác',
    ]);
    const summary = sheets[0]!.data;
    expect(summary[0]![0]).toBe('Báo cáo kết quả công tác truyền thông giảm nghèo');
    expect(String(summary[1]![0])).toContain('6 tháng đầu năm 2025 (từ 01/01/2025 đến 30/06/2025)');
    // The sheet names the map its codes belong to.
    expect(String(summary[1]![0])).toContain('danh mục Tỉnh Kiên Giang (3 cấp, trước 01/07/2025)');
    const header = summary[3]!;
    expect(header.slice(0, 3)).toEqual(['Mã', 'Đơn vị', 'Đối thoại']);
    const vinhThanhRow = summary.find((r) => r[0] === '30733')!;
    expect(vinhThanhRow[header.indexOf('Số hoạt động')]).toBe(2);
    expect(vinhThanhRow[header.indexOf('Số người tham dự')]).toBe(40);
    const totalRow = summary.find((r) => r[0] === '899')!;
    expect(totalRow[1]).toBe('Tổng cộng (Thành phố Rạch Giá)');
    expect(totalRow[header.indexOf('Số hoạt động')]).toBe(3);
    expect(typeof totalRow[header.indexOf('Số người tham dự')]).toBe('number');

    const media = sheets[4]!.data;
    const mediaHeader = media[3]!;
    const mediaTotal = media.find((r) => r[0] === '899')!;
    expect(mediaTotal[mediaHeader.indexOf('Phát thanh: số phút')]).toBe(45);
    expect(mediaTotal[mediaHeader.indexOf('Phát thanh: số tin, bài')]).toBe(3);
    const dialogue = sheets[1]!.data;
    const dialogueTotal = dialogue.find((r) => r[0] === '899')!;
    expect(dialogueTotal[dialogue[3]!.indexOf('Ý kiến cần tiếp tục giải quyết')]).toBe(1);
    expect(dialogueTotal[dialogue[3]!.indexOf('Bản nháp (chưa tính)')]).toBe(1);
  });
});
