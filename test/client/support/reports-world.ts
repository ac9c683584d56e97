import { waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { saveActivity } from '../../../src/client/features/activities/store/activity-store';
import { defaultGeographies } from '../../../src/shared/geography/default-geographies';
import { GeographyCatalog } from '../../../src/shared/geography/geography-catalog';
import { KIEN_GIANG_2024 } from '../../../src/shared/geography/geography-ids';
import { regularPeriod } from '../../../src/shared/reports/report-periods';
import type { SummaryWithTargets } from '../../../src/shared/reports/report-api';
import type { PublicUser } from '../../../src/shared/auth/auth-protocol';
import { reportFixture } from '../../shared/support/report-fixtures';
import { startRealServer, type RealServer } from './real-server';
import { newClient, type TestClient } from './sync-client';
import { renderApp, screen, within } from '../ui-support/render-app';

// The report screen's and the records browser's tests (ui-reports.test.tsx,
// ui-records-browser.test.tsx) share one world: the real server, two communes of Rạch Giá whose
// officers recorded the report fixture (Vĩnh Quang's synced, Vĩnh Thanh's on the phone only),
// a district officer, and the province's 2025 targets for Vĩnh Thanh.

export const catalog = new GeographyCatalog(defaultGeographies());
export const half = regularPeriod('first_half', 2025, 'calendar');
export const year = regularPeriod('full_year', 2025, 'calendar');

export interface ReportsWorld {
  server: RealServer;
  vinhThanh: PublicUser;
  vinhQuang: PublicUser;
  district: PublicUser;
  /** Vĩnh Thanh's phone, its records not synced yet. */
  phone: TestClient;
}

let world: ReportsWorld;

export async function startReportsWorld(): Promise<ReportsWorld> {
  const server = await startRealServer();
  const vinhThanh = await server.createUser({
    username: 'lan.vt',
    role: 'commune',
    unitCode: '30733',
  });
  const vinhQuang = await server.createUser({
    username: 'tam.vq',
    role: 'commune',
    unitCode: '30736',
  });
  const district = await server.createUser({
    username: 'hoa.rg',
    role: 'district',
    unitCode: '899',
  });
  const phone = await newClient(server, vinhThanh);
  const other = await newClient(server, vinhQuang);
  for (const [client, user, code] of [
    [phone, vinhThanh, '30733'],
    [other, vinhQuang, '30736'],
  ] as const) {
    const mine = reportFixture({ id: user.id, name: user.displayName }).filter(
      (a) => a.communeCode === code && a.geographyId === KIEN_GIANG_2024,
    );
    for (const a of mine) await saveActivity(client.db, a);
  }
  expect((await other.engine.syncNow()).ok).toBe(true);
  // The province sets the commune's 2025 targets; the phone learns them by pull.
  const province = await server.createUser({
    username: 'nga.tinh',
    role: 'province',
    unitCode: '91',
  });
  const set = await fetch(`${server.baseUrl}/api/reports/targets`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${await server.login(province.username)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      geography: KIEN_GIANG_2024,
      unit: '30733',
      year: 2025,
      targets: { dialogues: 4, people_reached: 200 },
    }),
  });
  expect(set.status).toBe(200);
  world = { server, vinhThanh, vinhQuang, district, phone };
  return world;
}

export async function serverSummary(token: string, path: string): Promise<SummaryWithTargets> {
  const response = await fetch(`${world.server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SummaryWithTargets;
}

/** The district officer's app, online, opened on `path` (a new device login each time). */
export async function openAsDistrict(path: string) {
  const { server, district } = world;
  const token = await server.login(district.username);
  const app = await renderApp(path, { user: district, token, api: { baseUrl: server.baseUrl } });
  return { app, token };
}

/** The records browser's phone list, once the server's first page is shown in it. */
export async function recordCards(): Promise<HTMLElement> {
  const list = await screen.findByRole('list', { name: 'Tra cứu hoạt động' });
  await waitFor(() => expect(within(list).getAllByRole('link').length).toBeGreaterThan(0));
  return list;
}

/** The commune officer's phone app on `path`, through the phone's own (maybe cut) network. */
export function openOnPhone(path: string) {
  const { server, phone, vinhThanh } = world;
  return renderApp(path, {
    db: phone.db,
    user: vinhThanh,
    token: phone.token,
    api: { baseUrl: server.baseUrl, fetch: phone.network.fetch },
  });
}
