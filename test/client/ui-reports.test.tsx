// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { localSummary } from '../../src/client/features/reports/store/local-report';
import { KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { countByMonth, monthlyActivities } from '../../src/shared/reports/monthly-activities';
import type { SummaryWithTargets } from '../../src/shared/reports/report-api';
import { reportFixture } from '../shared/support/report-fixtures';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import type { RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';
import {
  catalog,
  half,
  openAsDistrict,
  openOnPhone,
  serverSummary,
  startReportsWorld,
  year,
} from './support/reports-world';
import { renderApp, screen, within } from './ui-support/render-app';

// The report screen against the real server, and the commune phone's offline report computed
// from its own records with the same definition — equal to the server's once synced
// (ui-records-browser.test.tsx has the records browser).
let server: RealServer;
let phone: TestClient;

const local2025Dialogues = (local: { report: SummaryWithTargets }) =>
  local.report.targets!.unit.indicators.find((i) => i.indicator === 'dialogues')!.achieved;

beforeAll(async () => {
  ({ server, phone } = await startReportsWorld());
}, 60_000);
afterAll(() => server.dispose());

describe('report screen', { timeout: 60_000 }, () => {
  it('a commune officer sees their commune’s report offline, equal to the server’s after sync', async () => {
    phone.network.offline = true;
    const app = await openOnPhone(`#/reports?from=${half.from}&to=${half.to}`);
    await screen.findByText(/Tính trên máy/);
    // Two complete records and a draft of the half-year are on the phone only.
    await screen.findByText(/3 hoạt động trong kỳ chưa đồng bộ/);
    const table = await screen.findByRole('table', { name: 'Tổng hợp' });
    const row = within(table).getByRole('row', { name: /Phường Vĩnh Thanh/ });
    // Two complete activities (dialogue, mass media), 40 + 20 participants… as the fixture says.
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toContain('2');
    expect(screen.queryByRole('combobox', { name: 'Danh mục đơn vị hành chính' })).toBeNull();
    app.unmount();

    // Sync, then the server's figures for the same records equal the phone's.
    phone.network.offline = false;
    expect((await phone.engine.syncNow()).ok).toBe(true);
    for (const range of [half, year]) {
      const local = await localSummary(phone.db, catalog, KIEN_GIANG_2024, '30733', range);
      expect(local.unsynced).toBe(0);
      const remote = await serverSummary(
        phone.token,
        `/api/reports/summary?from=${range.from}&to=${range.to}`,
      );
      // Progress towards the year's targets too: the phone pulled its commune's, and computes
      // it with the same arithmetic.
      expect(local.report).toEqual(remote);
      expect(local.report.targets?.unit.indicators).toContainEqual(
        expect.objectContaining({ indicator: 'dialogues', target: 4 }),
      );
      expect(local.report.total.total.activities).toBeGreaterThan(0);
      const monthly = await (
        await fetch(`${server.baseUrl}/api/reports/monthly?from=${range.from}&to=${range.to}`, {
          headers: { authorization: `Bearer ${phone.token}` },
        })
      ).json();
      expect(local.monthly).toEqual(monthly);
      const scope = { geographyId: KIEN_GIANG_2024, code: '30733' };
      const all = await phone.db.activities.toArray();
      expect(monthly).toEqual(monthlyActivities(catalog, scope, range, countByMonth(all, range)));
    }

    // Offline again, the phone's year report shows the progress towards the pulled targets.
    phone.network.offline = true;
    const yearApp = await openOnPhone(`#/reports?from=${year.from}&to=${year.to}`);
    const card = await screen.findByRole('heading', {
      name: 'Kết quả thực hiện chỉ tiêu năm 2025',
    });
    const dialogues = local2025Dialogues(
      await localSummary(phone.db, catalog, KIEN_GIANG_2024, '30733', year),
    );
    expect(card.closest('section')!.textContent).toContain(`${dialogues} / 4`);
    expect(card.closest('section')!.textContent).toContain('/ 200');
    yearApp.unmount();
    phone.network.offline = false;
  });

  it('a district officer opens the district’s six months, drills down and finds the records', async () => {
    const { app, token } = await openAsDistrict(`#/reports?from=${half.from}&to=${half.to}`);
    const table = await screen.findByRole('table', { name: 'Tổng hợp' });
    expect(screen.getByRole('heading', { name: /Thành phố Rạch Giá/ })).toBeTruthy();
    const remote = await serverSummary(
      token,
      `/api/reports/summary?from=${half.from}&to=${half.to}`,
    );
    const total = within(table).getByRole('row', { name: /Tổng cộng/ });
    expect(within(total).getAllByRole('cell')[7 + 0]!.textContent).toBe(
      String(remote.total.total.activities),
    );
    expect(remote.total.total.activities).toBe(3);
    // Communes with nothing are listed.
    expect(screen.getByText(/Xã, phường chưa có hoạt động: \d+\/\d+/)).toBeTruthy();

    // The unit picker offers the district and its communes only.
    const unit = screen.getByRole('combobox', { name: 'Đơn vị' });
    const codes = within(unit)
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(codes[0]).toBe('899');
    expect(codes).toContain('30733');
    expect(codes).not.toContain('900');

    // A figure links to the records behind it.
    const row = within(table).getByRole('row', { name: /Phường Vĩnh Quang/ });
    const link = within(row).getAllByRole('link')[0]!;
    expect(link.getAttribute('href')).toContain('unit=30736');
    expect(link.getAttribute('href')).toContain('form=community_talk');
    // And the records browser opens on the report's unit and period.
    const browse = screen.getByRole('link', { name: 'Tra cứu hoạt động' }).getAttribute('href')!;
    for (const part of ['#/records?', 'unit=899', `from=${half.from}`, `to=${half.to}`]) {
      expect(browse).toContain(part);
    }

    // The geography switch shows the same total in the current units.
    await app.user.selectOptions(
      screen.getByRole('combobox', { name: 'Danh mục đơn vị hành chính' }),
      'an-giang-2025',
    );
    await waitFor(() => expect(window.location.hash).toContain('geography=an-giang-2025'));
    await screen.findByRole('heading', { name: /Phường Rạch Giá/ });
    const current = await screen.findByRole('table', { name: 'Tổng hợp' });
    const currentTotal = within(current).getAllByRole('row').at(-1)!;
    expect(within(currentTotal).getAllByRole('cell')[7]!.textContent).toBe('3');
  });

  it('the province drills down from a district to its communes and back, and from a figure to the records behind it', async () => {
    const province = await server.createUser({
      username: 'so.kg',
      role: 'province',
      unitCode: '91',
      geographyId: KIEN_GIANG_2024,
    });
    const token = await server.login(province.username);
    const app = await renderApp(
      `#/reports?geography=${KIEN_GIANG_2024}&from=${half.from}&to=${half.to}`,
      { user: province, token, api: { baseUrl: server.baseUrl } },
    );
    await screen.findByRole('heading', { name: /Tỉnh Kiên Giang/ });
    await app.user.click(
      await screen.findByRole('button', { name: 'Xem các đơn vị của Thành phố Rạch Giá' }),
    );
    await waitFor(() => expect(window.location.hash).toContain('unit=899'));
    await screen.findByRole('heading', { name: /Thành phố Rạch Giá/ });
    await screen.findByRole('row', { name: /Phường Vĩnh Quang/ });
    await app.user.click(screen.getByRole('button', { name: 'Lên Tỉnh Kiên Giang' }));
    await waitFor(() => expect(window.location.hash).toContain('unit=91&'));
    await app.user.click(
      await screen.findByRole('button', { name: 'Xem các đơn vị của Thành phố Rạch Giá' }),
    );

    // The drafts of Vĩnh Thanh (listed apart, never in the figures) open as drafts.
    const table = await screen.findByRole('table', { name: 'Tổng hợp' });
    const vinhThanhRow = await within(table).findByRole('row', { name: /^Phường Vĩnh Thanh \d/ });
    const draftCell = within(vinhThanhRow).getAllByRole('cell').at(-1)!;
    expect(draftCell.textContent).toBe('1');
    expect(within(draftCell).getByRole('link').getAttribute('href')).toContain('status=draft');

    // Vĩnh Quang's one talk: the link opens the records browser on that unit, form and period,
    // listing exactly the record behind the figure.
    const row = within(table).getByRole('row', { name: /Phường Vĩnh Quang/ });
    const link = within(row).getAllByRole('link')[0]!;
    expect(link.textContent).toBe('1');
    await app.user.click(link);
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/records\?/));
    for (const part of [
      'unit=30736',
      'form=community_talk',
      'status=complete',
      `from=${half.from}`,
      `to=${half.to}`,
    ]) {
      expect(window.location.hash).toContain(part);
    }
    const list = await screen.findByRole('list', { name: 'Tra cứu hoạt động' });
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(1));
    expect(within(list).getByRole('link').textContent).toMatch(/Phường Vĩnh Quang/);
  });

  it('a 2025 ward’s figures in the 2024 district it straddles read "Phường Rạch Giá: 1 hoạt động"', async () => {
    const ward = await server.createUser({
      username: 'mai.rg',
      role: 'commune',
      unitCode: '30742',
      geographyId: 'an-giang-2025',
    });
    const client = await newClient(server, ward);
    const [dialogue] = reportFixture({ id: ward.id, name: ward.displayName });
    await saveActivity(client.db, {
      ...dialogue!,
      id: uuidv7(),
      geographyId: 'an-giang-2025',
      communeCode: '30742',
      date: '2025-09-10',
    });
    expect((await client.engine.syncNow()).ok).toBe(true);
    await openAsDistrict(
      '#/reports?unit=899&geography=kien-giang-2024&from=2025-07-01&to=2025-12-31',
    );
    const note = await screen.findByText(/Số liệu không thuộc riêng một đơn vị con/);
    const item = within(note.closest('section')!).getByRole('listitem');
    expect(item.textContent).toBe('Phường Rạch Giá: 1 hoạt động');
  });
});
