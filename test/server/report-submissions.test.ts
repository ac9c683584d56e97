import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import {
  INITIAL_PROVINCE_SETTINGS,
  type ProvinceSettings,
} from '../../src/shared/reports/province-settings';
import type {
  ReportSubmission,
  SubmissionStatus,
} from '../../src/shared/reports/report-submission';
import type {
  Change,
  FieldError,
  MutationResult,
  PullResponse,
} from '../../src/shared/sync/sync-protocol';
import { remove, talk, UNITS, upsert } from './support/fixtures';
import { openDatabase } from '../../src/server/db/database';
import { periodLocksByCommune } from '../../src/server/db/migrations/0050-period-locks-by-commune';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Submission and period lock (issue 10, point 8) and the province's settings (point 2): a unit
// submits its six-month report, its records in the period refuse changes in push (one mutation
// refused, never the batch) until the unit reopens it; who has submitted and who is late.

// 10:00 in Vietnam on 30/11/2026: the first half of 2025 is long due (communes 20/05/2025).
const NOW = new Date('2026-11-30T03:00:00Z');
const COMPLETE = {
  status: 'complete',
  organiser: 'UBND phường',
  themes: ['programme_goals'],
  targetGroups: ['poor_households'],
} as Partial<Activity>;
const revOf = (r: MutationResult | undefined) => (r && 'rev' in r ? r.rev : -1);
const half2025 = { period: 'first_half', year: 2025 } as const;
const statusOf = (unit: string, geography = KIEN_GIANG_2024) =>
  `/api/reports/submissions?unit=${unit}&geography=${geography}&period=first_half&year=2025`;

async function pulled(session: Session, collection: Change['collection'], since = '0') {
  const changes: Change[] = [];
  let cursor = since;
  for (;;) {
    const answer = await session.call<PullResponse>('GET', `/api/sync/pull?since=${cursor}`);
    expect(answer.status).toBe(200);
    changes.push(...answer.body.changes.filter((c) => c.collection === collection));
    cursor = answer.body.cursor;
    if (!answer.body.hasMore) return { changes, cursor };
  }
}

describe.each(DATABASE_KINDS)('submission and period lock (%s)', (kind) => {
  let server: TestServer;
  let vinhThanh: Session;
  let vinhQuang: Session;
  let rachGia: Session;
  let province: Session;
  let dongHo: Session; // a ward of Hà Tiên, another city
  let haTien: Session; // Hà Tiên's district account (author-only phone)
  const locked = { id: '', rev: 0 };

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => NOW });
    [vinhThanh, vinhQuang, rachGia, province, dongHo, haTien] = await Promise.all([
      server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan'),
      server.officer('commune', UNITS.vinhQuang),
      server.officer('district', UNITS.rachGia),
      server.officer('province', UNITS.province),
      server.officer('commune', UNITS.dongHo),
      server.officer('district', UNITS.haTien),
    ]);
    // 20/06/2025, in the first half.
    const record = talk(vinhThanh.user, UNITS.vinhThanh, COMPLETE);
    const [result] = await vinhThanh.push([upsert(record)]);
    locked.id = record.id;
    locked.rev = revOf(result);
    expect(result!.status).toBe('applied');
  });
  afterAll(() => server?.close());

  it('refuses to submit outside one’s own unit (403), and for nobody’s unit', async () => {
    const body = { ...half2025, unit: UNITS.vinhThanh, geography: KIEN_GIANG_2024 };
    for (const session of [vinhQuang, rachGia, province, server.admin]) {
      const answer = await session.call('POST', '/api/reports/submissions', { body });
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('problem.noSubmitRight');
    }
    // A 2024 district account (abolished on 01/07/2025) reads but no longer submits.
    const own = await rachGia.call('POST', '/api/reports/submissions', { body: half2025 });
    expect(own.status).toBe(403);
    const bad = await vinhThanh.call('POST', '/api/reports/submissions', {
      body: { period: 'second_half', year: 2025 },
    });
    expect(bad.status).toBe(400);
  });

  it('submits the commune’s report: figures and records frozen, locks pulled by phones', async () => {
    const { cursor } = await pulled(vinhThanh, 'period_locks');
    const answer = await vinhThanh.call<ReportSubmission>('POST', '/api/reports/submissions', {
      body: half2025,
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      unitCode: UNITS.vinhThanh,
      geographyId: KIEN_GIANG_2024,
      state: 'submitted',
      basis: 'calendar',
      from: '2025-01-01',
      to: '2025-06-30',
      submittedBy: 'Nguyễn Thị Lan',
      submittedAt: NOW.toISOString(),
    });
    expect(answer.body.communes).toContainEqual({
      geographyId: KIEN_GIANG_2024,
      code: UNITS.vinhThanh,
    });
    const again = await vinhThanh.call('POST', '/api/reports/submissions', { body: half2025 });
    expect(again.status).toBe(409);

    const history = await rachGia.call(
      'GET',
      `/api/reports/submissions/history?unit=${UNITS.vinhThanh}&geography=${KIEN_GIANG_2024}&period=first_half&year=2025`,
    );
    expect(history.status).toBe(200);
    const [submit] = history.body.events;
    expect(submit).toMatchObject({ action: 'submit', by: 'Nguyễn Thị Lan', at: NOW.toISOString() });
    expect(submit.snapshot.records).toEqual([{ id: locked.id, rev: locked.rev }]);
    expect(submit.snapshot.summary.total.total.activities).toBe(1);
    expect(submit.snapshot.summary.total.total.participants_total).toBe(40);

    // The phones that may edit a record of its communes learn the lock: the commune's, and
    // the author-only phones of its district and province (one copy per commune it covers).
    const own = await pulled(vinhThanh, 'period_locks', cursor);
    expect(own.changes.map((c) => (c.data as ReportSubmission).state)).toEqual(['submitted']);
    for (const session of [rachGia, province]) {
      const { changes } = await pulled(session, 'period_locks');
      expect(changes.length).toBeGreaterThan(0);
      expect(new Set(changes.map((c) => c.recordId))).toEqual(new Set([answer.body.id]));
    }
    // Nobody else: who submitted (and later why it was reopened) is not for another city's
    // phones, whose GET of this status is a 403.
    for (const session of [dongHo, haTien]) {
      expect((await pulled(session, 'period_locks')).changes).toEqual([]);
      expect((await session.call('GET', statusOf(UNITS.vinhThanh))).status).toBe(403);
    }
  });

  it('refuses a change to a record of the submitted period, one mutation at a time', async () => {
    const outside = talk(vinhThanh.user, UNITS.vinhThanh, { date: '2024-12-20' });
    const inside = talk(vinhThanh.user, UNITS.vinhThanh, { date: '2025-03-01' });
    const edit = { ...talk(vinhThanh.user, UNITS.vinhThanh), id: locked.id, topic: 'Đã sửa' };
    const results = await vinhThanh.push([
      upsert(edit, locked.rev),
      upsert(outside),
      upsert(inside),
      remove(locked.id, locked.rev),
      // Moving it out of the period changes the period's figures too.
      upsert({ ...edit, date: '2024-12-01' }, locked.rev),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'applied',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const refusal = results[0]!;
    expect(refusal.status === 'rejected' && refusal.code).toBe('problem.periodLocked');
    expect(refusal.status === 'rejected' && refusal.reason).toContain('01/01/2025–30/06/2025');
    const stored = await vinhThanh.call('GET', `/api/records/${locked.id}`);
    expect(stored.body.data.topic).toBe('Chính sách hỗ trợ hộ nghèo');
    const kept = await vinhThanh.call('GET', `/api/records/${outside.id}`);
    expect(kept.status).toBe(200);
  });

  it('shows the district who submitted and who is late, by how many days', async () => {
    const answer = await rachGia.call<SubmissionStatus>('GET', statusOf(UNITS.rachGia));
    expect(answer.status).toBe(200);
    const status = answer.body;
    // Rạch Giá itself (due 25/05/2025) has not submitted: 25/05/2025 → 30/11/2026.
    expect(status.unit).toMatchObject({ dueDate: '2025-05-25', state: 'missing', daysLate: 554 });
    expect(status.maySubmit).toBe(false);
    const byCode = new Map(status.children.map((c) => [c.code, c]));
    expect(byCode.get(UNITS.vinhThanh)).toMatchObject({
      dueDate: '2025-05-20',
      state: 'submitted',
      submittedAt: NOW.toISOString(),
      submittedBy: 'Nguyễn Thị Lan',
      daysLate: 559,
    });
    expect(byCode.get(UNITS.vinhQuang)).toMatchObject({ state: 'missing', daysLate: 559 });
    const own = await vinhThanh.call<SubmissionStatus>('GET', statusOf(UNITS.vinhThanh));
    expect(own.body.maySubmit).toBe(true);
    expect(own.body.submission?.state).toBe('submitted');
    // Outside one's area: 403, before anything is read.
    const other = await vinhQuang.call('GET', statusOf(UNITS.vinhThanh));
    expect(other.status).toBe(403);
    const province2024 = await province.call<SubmissionStatus>('GET', statusOf(UNITS.province));
    expect(province2024.status).toBe(200);
    expect(province2024.body.children.find((c) => c.code === UNITS.rachGia)?.state).toBe('missing');
  });

  it('a unit of a geography no longer in force when the report falls due is never late', async () => {
    // The 2024 districts were abolished on 01/07/2025: nobody owes their 2025 yearly report
    // (due 25/11/2025) nor their 2026 six months — no due date, no late days.
    for (const [period, year] of [
      ['full_year', 2025],
      ['first_half', 2026],
    ] as const) {
      const answer = await rachGia.call<SubmissionStatus>(
        'GET',
        `/api/reports/submissions?unit=${UNITS.rachGia}&geography=${KIEN_GIANG_2024}&period=${period}&year=${year}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.unit).toMatchObject({ dueDate: null, daysLate: 0 });
      expect(answer.body.children.every((c) => c.dueDate === null && c.daysLate === 0)).toBe(true);
    }
  });

  it('reopens with a reason (recorded), after which the record can change again', async () => {
    const body = { ...half2025, reason: 'Bổ sung buổi truyền thông còn thiếu' };
    const notOwn = await vinhQuang.call('POST', '/api/reports/submissions/reopen', {
      body: { ...body, unit: UNITS.vinhThanh, geography: KIEN_GIANG_2024 },
    });
    expect(notOwn.status).toBe(403);
    for (const reason of ['', '  x  ']) {
      const tooShort = await vinhThanh.call<{ errors: FieldError[] }>(
        'POST',
        '/api/reports/submissions/reopen',
        { body: { ...half2025, reason } },
      );
      expect(tooShort.status).toBe(400);
      expect(tooShort.body.errors).toEqual([
        {
          path: 'reason',
          code: 'validation.reasonTooShort',
          message: 'Lý do cần ít nhất 5 ký tự.',
        },
      ]);
    }
    const answer = await vinhThanh.call<ReportSubmission>(
      'POST',
      '/api/reports/submissions/reopen',
      { body },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      state: 'reopened',
      reopenedBy: 'Nguyễn Thị Lan',
      reopenedAt: NOW.toISOString(),
      reopenReason: 'Bổ sung buổi truyền thông còn thiếu',
    });
    const twice = await vinhThanh.call('POST', '/api/reports/submissions/reopen', { body });
    expect(twice.status).toBe(409);

    const edit = { ...talk(vinhThanh.user, UNITS.vinhThanh), id: locked.id, topic: 'Đã sửa' };
    const [result] = await vinhThanh.push([upsert(edit, locked.rev)]);
    expect(result!.status).toBe('applied');

    const status = await vinhThanh.call<SubmissionStatus>('GET', statusOf(UNITS.vinhThanh));
    expect(status.body.unit.state).toBe('reopened');
    expect(status.body.events.map((e) => [e.action, e.reason])).toEqual([
      ['submit', null],
      ['reopen', 'Bổ sung buổi truyền thông còn thiếu'],
    ]);
    // Submitted again: a second frozen snapshot, the first one kept.
    const again = await vinhThanh.call('POST', '/api/reports/submissions', { body: half2025 });
    expect(again.status).toBe(201);
    const history = await vinhThanh.call(
      'GET',
      `/api/reports/submissions/history?period=first_half&year=2025`,
    );
    expect(history.body.events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'reopen',
      'submit',
    ]);
  });

  it('the province chooses the default period basis; phones get it by pull', async () => {
    const read = await vinhQuang.call<ProvinceSettings>('GET', '/api/settings');
    expect(read.body).toEqual(INITIAL_PROVINCE_SETTINGS);
    const { cursor } = await pulled(vinhQuang, 'settings');
    const next: ProvinceSettings = {
      ...INITIAL_PROVINCE_SETTINGS,
      defaultPeriodBasis: 'data_cutoff',
      // Each year's plan is the province's data too (106/KH-UBND is 2024's).
      plans: [
        ...INITIAL_PROVINCE_SETTINGS.plans,
        {
          year: 2025,
          reference: 'Kế hoạch số 38/KH-UBND ngày 14/02/2025 của UBND tỉnh Kiên Giang',
        },
      ],
    };
    const refused = await province.call('PUT', '/api/admin/settings', { body: next });
    expect(refused.status).toBe(403);
    const invalid = await server.admin.call('PUT', '/api/admin/settings', {
      body: { ...next, defaultPeriodBasis: 'lunar' },
    });
    expect(invalid.status).toBe(400);
    const yearTwice = await server.admin.call('PUT', '/api/admin/settings', {
      body: { ...next, plans: [...next.plans, { year: 2025, reference: 'Khác' }] },
    });
    expect(yearTwice.status).toBe(400);
    const saved = await server.admin.call('PUT', '/api/admin/settings', { body: next });
    expect(saved.status).toBe(200);
    const { changes } = await pulled(vinhQuang, 'settings', cursor);
    expect(changes.map((c) => c.data)).toEqual([next]);
    // A submission without a basis now takes the Decree 09 cut-off: 15/12/2024–14/06/2025.
    const submitted = await vinhQuang.call<ReportSubmission>('POST', '/api/reports/submissions', {
      body: half2025,
    });
    expect(submitted.body).toMatchObject({
      basis: 'data_cutoff',
      from: '2024-12-15',
      to: '2025-06-14',
    });
  });
  it('migration 0050 files the submissions stored before it under the communes they cover', async () => {
    const database = openDatabase(server.database.config);
    let stored: { id: string; data: string }[];
    try {
      stored = await database.db.selectFrom('report_submissions').select(['id', 'data']).execute();
      expect(stored.length).toBeGreaterThan(0);
      // As 0016 kept them: one reference row per submission, no commune — every phone got it.
      await database.db.deleteFrom('changes').where('collection', '=', 'period_locks').execute();
      await database.db
        .insertInto('changes')
        .values(
          stored.map(({ id, data }, i) => ({
            version: 900_000 + i,
            collection: 'period_locks' as const,
            record_id: id,
            op: 'upsert' as const,
            data,
            updated_by: 'trước 0050',
            updated_at: NOW.toISOString(),
          })),
        )
        .execute();
      // Rows no commune owns now reach no phone: without the migration a new phone would never
      // learn its commune's lock.
      expect((await pulled(vinhThanh, 'period_locks')).changes).toEqual([]);
      await periodLocksByCommune.up(database.db);
      // The counter moved past every row written: the next version anyone takes is new.
      const top = await database.db
        .selectFrom('changes')
        .select((eb) => eb.fn.max('version').as('v'))
        .executeTakeFirstOrThrow();
      const counter = await database.db
        .selectFrom('version_counter')
        .select('value')
        .executeTakeFirstOrThrow();
      expect(Number(counter.value)).toBe(Number(top.v));
    } finally {
      await database.close();
    }
    // A new phone of a covered commune gets its own unit's submission, as stored; another
    // city's phone none.
    const thanh = await pulled(vinhThanh, 'period_locks');
    const own = stored.find((s) => s.id.includes(`~${UNITS.vinhThanh}~`))!;
    expect(thanh.changes.filter((c) => c.recordId === own.id).map((c) => c.data)).toEqual([
      JSON.parse(own.data),
    ]);
    expect((await pulled(dongHo, 'period_locks')).changes).toEqual([]);
  });
});
