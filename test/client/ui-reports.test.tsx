// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { localSummary } from '../../src/client/features/reports/store/local-report';
import { defaultGeographies } from '../../src/shared/geography/default-geographies';
import { GeographyCatalog } from '../../src/shared/geography/geography-catalog';
import { KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { countByMonth, monthlyActivities } from '../../src/shared/reports/monthly-activities';
import { regularPeriod } from '../../src/shared/reports/report-periods';
import type { SummaryWithTargets } from '../../src/shared/reports/report-api';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { reportFixture } from '../shared/support/report-fixtures';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';
import { errorOf, renderApp, screen, within } from './ui-support/render-app';

// The report screen against the real server, and the commune phone's offline report computed
// from its own records with the same definition — equal to the server's once synced.
const catalog = new GeographyCatalog(defaultGeographies());
const half = regularPeriod('first_half', 2025, 'calendar');
const year = regularPeriod('full_year', 2025, 'calendar');
let server: RealServer;
let vinhThanh: PublicUser;
let vinhQuang: PublicUser;
let district: PublicUser;
let phone: TestClient;

async function serverSummary(token: string, path: string): Promise<SummaryWithTargets> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SummaryWithTargets;
}

const local2025Dialogues = (local: { report: SummaryWithTargets }) =>
  local.report.targets!.unit.indicators.find((i) => i.indicator === 'dialogues')!.achieved;

/** The district officer's app, online, opened on `path` (a new device login each time). */
async function openAsDistrict(path: string) {
  const token = await server.login(district.username);
  const app = await renderApp(path, { user: district, token, api: { baseUrl: server.baseUrl } });
  return { app, token };
}

/** The records browser's phone list, once the server's first page is shown in it. */
async function recordCards(): Promise<HTMLElement> {
  const list = await screen.findByRole('list', { name: 'Tra cứu hoạt động' });
  await waitFor(() => expect(within(list).getAllByRole('link').length).toBeGreaterThan(0));
  return list;
}

/** The commune officer's phone app on `path`, through the phone's own (maybe cut) network. */
function openOnPhone(path: string) {
  return renderApp(path, {
    db: phone.db,
    user: vinhThanh,
    token: phone.token,
    api: { baseUrl: server.baseUrl, fetch: phone.network.fetch },
  });
}

beforeAll(async () => {
  server = await startRealServer();
  vinhThanh = await server.createUser({ username: 'lan.vt', role: 'commune', unitCode: '30733' });
  vinhQuang = await server.createUser({ username: 'tam.vq', role: 'commune', unitCode: '30736' });
  district = await server.createUser({ username: 'hoa.rg', role: 'district', unitCode: '899' });
  phone = await newClient(server, vinhThanh);
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

  it('the records browser lists the district’s records, finds words without diacritics, opens one', async () => {
    const { app } = await openAsDistrict(`#/records?from=${year.from}&to=${year.to}&unit=30736`);
    const list = await recordCards();
    expect(
      within(list)
        .getAllByRole('link')
        .every((l) => /Phường Vĩnh Quang/.test(l.textContent!)),
    ).toBe(true);
    window.location.hash = `#/records?from=${year.from}&to=${year.to}`;
    await app.user.type(screen.getByRole('searchbox', { name: /Tìm/ }), 'thoat ngheo ben vung');
    await app.user.click(screen.getByRole('button', { name: 'Lọc' }));
    await waitFor(() => expect(window.location.hash).toContain('q=thoat'));
    const found = await screen.findByRole('link', { name: /Thoát nghèo bền vững/ });
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(1));
    await app.user.click(found);
    await screen.findByRole('heading', { name: /Thoát nghèo bền vững/ });
    expect(screen.getByRole('heading', { name: 'Lịch sử thay đổi' })).toBeTruthy();
    // The 2024 ward, and what it is today once the phone's catalog has loaded.
    expect(await screen.findByText('Phường Vĩnh Quang (nay là Phường Rạch Giá)')).toBeTruthy();
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

  it('the records browser filters by who recorded (a picker with counts), kept in the URL', async () => {
    const { app } = await openAsDistrict(`#/records?from=${year.from}&to=${year.to}`);
    const list = await recordCards();
    const picker = screen.getByRole('combobox', { name: 'Người ghi' });
    await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
    const choice = within(picker).getAllByRole('option')[1] as HTMLOptionElement;
    const [, name, count] = /^(.*) \((\d+)\)$/.exec(choice.textContent!)!;
    await app.user.selectOptions(picker, choice.value);
    await waitFor(() => expect(window.location.hash).toContain(`author=${choice.value}`));
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(Number(count)));
    expect(
      within(list)
        .getAllByRole('link')
        .every((l) => l.textContent!.includes(name!)),
    ).toBe(true);
  });

  it('on a desktop window the records browser is a table (same records as the phone’s cards)', async () => {
    const path = `#/records?from=${year.from}&to=${year.to}`;
    const { app: phoneApp, token } = await openAsDistrict(path);
    const list = await recordCards();
    const cards = within(list)
      .getAllByRole('link')
      .map((l) => l.getAttribute('href'));
    expect(screen.queryByRole('table', { name: 'Tra cứu hoạt động' })).toBeNull();
    phoneApp.unmount();

    // matchMedia is the browser's; jsdom has none, so the test says what the window is.
    const realMatchMedia = window.matchMedia;
    window.matchMedia = ((query: string) => ({
      matches: query === '(min-width: 900px)',
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    })) as typeof window.matchMedia;
    try {
      await renderApp(path, { user: district, token, api: { baseUrl: server.baseUrl } });
      const table = await screen.findByRole('table', { name: 'Tra cứu hoạt động' });
      await waitFor(() => expect(within(table).getAllByRole('link').length).toBe(cards.length));
      expect(screen.queryByRole('list', { name: 'Tra cứu hoạt động' })).toBeNull();
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual([
        'Ngày thực hiện',
        'Đơn vị',
        'Hình thức',
        'Hoạt động',
        'Người ghi',
        'Trạng thái',
        'Số người tham dự',
      ]);
      expect(
        within(table)
          .getAllByRole('link')
          .map((l) => l.getAttribute('href')),
      ).toEqual(cards);
      const row = within(table).getByRole('row', { name: /Thoát nghèo bền vững/ });
      // The geographies load beside the page: the ward's present name follows.
      await waitFor(() => expect(within(row).getByText(/nay là/)).toBeTruthy());
      const cells = within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
      expect(cells).toEqual([
        '20/05/2025',
        // A 2024 ward reads with what it is today, as on the phone's list.
        'Phường Vĩnh Quang (nay là Phường Rạch Giá)',
        'Nói chuyện chuyên đề (sinh hoạt cộng đồng)',
        'tam.vq',
        'Hoàn thành',
        expect.stringMatching(/^\d+$/),
      ]);
    } finally {
      window.matchMedia = realMatchMedia;
    }
  });

  it('the records browser’s dates are typed dd/MM/yyyy, refused like the report’s, kept ISO in the URL', async () => {
    const { app } = await openAsDistrict(`#/records?from=${year.from}&to=${year.to}`);
    const list = await recordCards();
    const from = screen.getByRole('textbox', { name: 'Từ ngày' }) as HTMLInputElement;
    const to = screen.getByRole('textbox', { name: 'Đến ngày' }) as HTMLInputElement;
    expect([from.value, to.value]).toEqual(['01/01/2025', '31/12/2025']);
    await app.user.clear(from);
    await app.user.type(from, '01052025'); // the slashes come by themselves
    expect(from.value).toBe('01/05/2025');
    await app.user.clear(to);
    await app.user.type(to, '31/02/2025');
    await app.user.click(screen.getByRole('button', { name: 'Lọc' }));
    expect(errorOf(to)).toBe('Ngày không hợp lệ.');
    expect(window.location.hash).toContain(`from=${year.from}&to=${year.to}`);
    await app.user.clear(to);
    await app.user.type(to, '30042025');
    await app.user.click(screen.getByRole('button', { name: 'Lọc' }));
    expect(errorOf(to)).toBe('Ngày kết thúc không được trước ngày bắt đầu.');
    await app.user.clear(to);
    await app.user.type(to, '31052025');
    await app.user.click(screen.getByRole('button', { name: 'Lọc' }));
    await waitFor(() => expect(window.location.hash).toContain('from=2025-05-01&to=2025-05-31'));
    expect(errorOf(to)).toBe('');
    await waitFor(() => {
      const links = within(list).getAllByRole('link');
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((l) => /\d{2}\/05\/2025/.test(l.textContent!))).toBe(true);
    });
    // An empty box is no bound at all.
    await app.user.clear(from);
    await app.user.click(screen.getByRole('button', { name: 'Lọc' }));
    await waitFor(() => expect(window.location.hash).not.toContain('from='));
    expect(window.location.hash).toContain('to=2025-05-31');
  });

  it('a record’s history lists each edit made on the commune phone in the form’s words', async () => {
    // The commune officer corrects a dialogue on the phone (date, cost) and syncs.
    phone.network.offline = false;
    const mine = await phone.db.activities.toArray();
    const dialogue = mine.find((a) => a.type === 'dialogue' && a.topic === 'Chính sách vay vốn')!;
    const { localMeta: _meta, ...record } = dialogue;
    await saveActivity(phone.db, { ...record, date: '2025-03-12', costVnd: 3_000_000 });
    expect((await phone.engine.syncNow()).ok).toBe(true);

    await openAsDistrict(`#/records/${dialogue.id}`);
    const history = await screen.findByRole('region', { name: 'Lịch sử thay đổi' });
    const versions = await within(history).findAllByRole('listitem');
    const texts = versions.map((v) => v.textContent!.replace(/\s+/g, ' '));
    expect(texts[0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} · lan\.vt/);
    expect(texts[0]).toContain('Tạo mới');
    const edit = texts.find((t) => t.includes('Ngày thực hiện'))!;
    expect(edit).toContain('Ngày thực hiện: 10/03/2025 → 12/03/2025');
    expect(edit).toContain('Kinh phí (đồng): 2.500.000 → 3.000.000');
    expect(edit).not.toMatch(/costVnd|\[object|[{}]/);
  });

  it('a record’s detail shows every figure the report counts from it, and its questions', async () => {
    // The district officer follows "Thuộc hộ nghèo" or "Ý kiến cần tiếp tục giải quyết" to the
    // records behind it: each record's page must show those figures, not only its head count.
    const dialogue = (await phone.db.activities.toArray()).find(
      (a) => a.type === 'dialogue' && a.topic === 'Chính sách vay vốn',
    )!;
    await openAsDistrict(`#/records/${dialogue.id}`);
    const content = await screen.findByRole('region', { name: 'Nội dung đã ghi' });
    const value = (label: string) => {
      const term = within(content).getByText(label, { selector: 'dt', exact: true });
      return term.parentElement!.querySelector('dd')!.textContent;
    };
    expect(value('Người chủ trì')).toBe('Đặng Thị Hoa');
    expect(value('Thuộc hộ nghèo')).toBe('10');
    expect(value('Thuộc hộ cận nghèo')).toBe('6');
    expect(value('Dân tộc Khmer')).toBe('5');
    expect(value('Số cán bộ làm công tác giảm nghèo')).toBe('4');
    expect(value('Nguồn kinh phí')).toBe('Ngân sách địa phương');
    expect(value('Kinh phí (đồng)')).toMatch(/^\d{1,3}(\.\d{3})+$/);
    expect(value('Đối tượng')).toBe('Hộ nghèo');
    const questions = within(
      await screen.findByRole('region', { name: 'Câu hỏi, kiến nghị' }),
    ).getAllByRole('listitem');
    expect(questions.map((q) => q.textContent)).toEqual([
      'Vay vốn thế nào? — Ngân hàng CSXH',
      'Bảo hiểm y tế? — Cần theo dõi',
      'Nhà ở? — Đã trả lời',
    ]);
    expect(content.textContent).not.toMatch(/\[object|[{}]|undefined/);
    // The record's unit: its 2024 ward, with what that ward is today.
    const unit = () =>
      within(screen.getByLabelText('Chi tiết hoạt động'))
        .getByText('Đơn vị', { selector: 'dt', exact: true })
        .parentElement!.querySelector('dd')!.textContent;
    await waitFor(() => expect(unit()).toBe('Phường Vĩnh Thanh (nay là Phường Rạch Giá)'));
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
