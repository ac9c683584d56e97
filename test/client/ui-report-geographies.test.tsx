// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppDb } from '../../src/client/db/app-db';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { localSummary } from '../../src/client/features/reports/store/local-report';
import { loadReportCatalog } from '../../src/client/features/reports/store/report-geographies';
import { newActivity } from '../../src/shared/activity/activity-factory';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { EMPTY_PARTICIPANTS } from '../../src/shared/activity/attendance-tally';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import type { Geography } from '../../src/shared/geography/geography';
import { AN_GIANG_2025 } from '../../src/shared/geography/geography-ids';
import type { SummaryReport } from '../../src/shared/reports/summary-report';
import { openDatabase } from '../../src/server/db/database';
import { accountServices } from '../../src/server/services';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';
import { renderApp, screen, within } from './ui-support/render-app';

// The report screens read the geographies the phone PULLED, not the ones shipped in the bundle:
// the province adds a commune to the 2025 geography on the server (`npm run geography -- import`
// does exactly this save), phones pull it, and it shows in the unit picker and in the commune's
// offline report.
const NEW_COMMUNE = { code: '99901', name: 'Xã Sông Trẹm Mới' };
const H2 = { from: '2025-07-01', to: '2025-12-31' };
let server: RealServer;
let officer: PublicUser;
let province: PublicUser;
let phone: TestClient;

function corrected(): Geography {
  const g = defaultGeographies().find((x) => x.id === AN_GIANG_2025)!;
  g.units.push({
    code: NEW_COMMUNE.code,
    name: NEW_COMMUNE.name,
    type: 'Xã',
    level: 'commune',
    parentCode: '91',
  } as Geography['units'][number]);
  return g;
}

function talk(author: PublicUser): Activity {
  const base = newActivity('community_talk', {
    communeCode: NEW_COMMUNE.code,
    geographyId: AN_GIANG_2025,
    authorId: author.id,
    authorName: author.displayName,
  });
  return {
    ...base,
    status: 'complete',
    date: '2025-09-10',
    organiser: 'UBND xã',
    topic: 'Chính sách hỗ trợ nhà ở',
    speaker: 'Lê Văn Tám',
    themes: ['programme_goals'],
    targetGroups: ['poor_households'],
    participants: { ...EMPTY_PARTICIPANTS, total: 37, female: 19 },
  } as Activity;
}

beforeAll(async () => {
  server = await startRealServer();
  const database = openDatabase({ kind: 'sqlite', file: server.file });
  try {
    await accountServices(database, () => new Date()).geographies.save(corrected(), 'test');
  } finally {
    await database.close();
  }
  officer = await server.createUser({
    username: 'tho.stm',
    role: 'commune',
    unitCode: NEW_COMMUNE.code,
    geographyId: AN_GIANG_2025,
    displayName: 'Trần Văn Thọ',
  });
  province = await server.createUser({
    username: 'so.nnmt',
    role: 'province',
    unitCode: '91',
    geographyId: AN_GIANG_2025,
  });
  phone = await newClient(server, officer);
}, 60_000);
afterAll(() => server.dispose());

describe('report geographies are the pulled ones', { timeout: 60_000 }, () => {
  it('before any pull the shipped geographies stand in; after it, the stored ones', async () => {
    const fresh = new AppDb(`report-geographies-${Math.random()}`);
    try {
      const shipped = await loadReportCatalog(fresh);
      expect(shipped.has(AN_GIANG_2025)).toBe(true);
      expect(shipped.unit({ geographyId: AN_GIANG_2025, code: NEW_COMMUNE.code })).toBeFalsy();
    } finally {
      await fresh.delete();
    }
    expect((await phone.engine.syncNow()).ok).toBe(true);
    const pulled = await loadReportCatalog(phone.db);
    expect(pulled.unit({ geographyId: AN_GIANG_2025, code: NEW_COMMUNE.code })?.name).toBe(
      NEW_COMMUNE.name,
    );
  });

  it('the new commune’s officer sees its report offline, equal to the server’s after sync', async () => {
    expect((await phone.engine.syncNow()).ok).toBe(true);
    phone.network.offline = true;
    await saveActivity(phone.db, talk(officer));
    const app = await renderApp(`#/reports?from=${H2.from}&to=${H2.to}`, {
      db: phone.db,
      user: officer,
      token: phone.token,
      api: { baseUrl: server.baseUrl, fetch: phone.network.fetch },
    });
    await screen.findByRole('heading', { name: new RegExp(NEW_COMMUNE.name) });
    await screen.findByText(/Tính trên máy/);
    await screen.findByText(/1 hoạt động trong kỳ chưa đồng bộ/);
    expect(screen.queryByText(/không có đơn vị nào/i)).toBeNull();
    const table = await screen.findByRole('table', { name: 'Tổng hợp' });
    // A commune has no children: its own row is the report.
    const row = within(table).getByRole('row', { name: new RegExp(NEW_COMMUNE.name) });
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toContain('37'); // participants of the one talk
    app.unmount();

    phone.network.offline = false;
    expect((await phone.engine.syncNow()).ok).toBe(true);
    const catalog = await loadReportCatalog(phone.db);
    const local = await localSummary(phone.db, catalog, AN_GIANG_2025, NEW_COMMUNE.code, H2);
    const response = await fetch(
      `${server.baseUrl}/api/reports/summary?from=${H2.from}&to=${H2.to}`,
      { headers: { authorization: `Bearer ${phone.token}` } },
    );
    expect(response.status).toBe(200);
    const remote = (await response.json()) as SummaryReport;
    // The whole summary, progress towards the year's targets included (pulled to the phone).
    expect(local.report).toEqual(remote);
    expect(remote.total.total.activities).toBe(1);
  });

  it('the province officer finds the new commune in the unit picker and its row', async () => {
    const desk = await newClient(server, province);
    expect((await desk.engine.syncNow()).ok).toBe(true);
    const app = await renderApp(
      `#/reports?geography=${AN_GIANG_2025}&from=${H2.from}&to=${H2.to}`,
      {
        db: desk.db,
        user: province,
        token: desk.token,
        api: { baseUrl: server.baseUrl, fetch: desk.network.fetch },
      },
    );
    const unit = await screen.findByRole('combobox', { name: 'Đơn vị' });
    await waitFor(() =>
      expect(
        within(unit)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(expect.arrayContaining([expect.stringContaining(NEW_COMMUNE.name)])),
    );
    const table = await screen.findByRole('table', { name: 'Tổng hợp' });
    const row = within(table).getByRole('row', { name: new RegExp(NEW_COMMUNE.name) });
    expect(within(row).getAllByRole('cell')[7]!.textContent).toBe('1');
    // Drill-down: its own report opens from the row.
    await app.user.selectOptions(unit, NEW_COMMUNE.code);
    await waitFor(() => expect(window.location.hash).toContain(`unit=${NEW_COMMUNE.code}`));
    await screen.findByRole('heading', { name: new RegExp(NEW_COMMUNE.name) });
  });
});
