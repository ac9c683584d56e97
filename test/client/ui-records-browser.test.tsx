// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { makeActivity } from './support/activity-fixtures';
import type { RealServer } from './support/real-server';
import type { TestClient } from './support/sync-client';
import {
  catalog,
  openAsDistrict,
  recordCards,
  startReportsWorld,
  year,
} from './support/reports-world';
import { errorOf, renderApp, screen, within } from './ui-support/render-app';

// The records browser a district officer reads the province's records through (server-side
// paging, filters, a record's detail and history), against the real server, once the commune
// phone has synced (ui-reports.test.tsx has the report screen).
let server: RealServer;

async function fetchJson(path: string, token: string) {
  const answer = await fetch(`${server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await answer.json()) as PublicUser;
}

/** Pushes one upsert as the province would; returns the new rev. */
async function push(token: string, data: Activity, baseRev: number | null): Promise<number> {
  const answer = await fetch(`${server.baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      mutations: [
        {
          mutationId: uuidv7(),
          recordId: data.id,
          op: 'upsert',
          baseRev,
          data,
          clientTime: new Date().toISOString(),
        },
      ],
    }),
  });
  const [result] = (await answer.json()).results;
  expect(result.status).toBe('applied');
  return result.rev as number;
}
let district: PublicUser;
let phone: TestClient;

beforeAll(async () => {
  ({ server, district, phone } = await startReportsWorld());
  // What the report screen's first test leaves: the phone's records on the server.
  phone.network.offline = false;
  expect((await phone.engine.syncNow()).ok).toBe(true);
}, 60_000);
afterAll(() => server.dispose());

describe('records browser', { timeout: 60_000 }, () => {
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
    await waitFor(() => expect(to).toHaveFocus()); // the date to fix, not "Lọc"
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

  it('a record the province moved into the district shows its history from then: "moved into your area", nothing of before', async () => {
    const token = await server.login('nga.tinh');
    const province = await fetchJson('/api/auth/me', token);
    const record = {
      ...makeActivity('other', {
        authorId: province.id,
        authorName: province.displayName,
        title: 'Họp dân chuyển về',
        date: '2025-03-20',
      }),
      communeCode: '30769', // Phường Đông Hồ, Hà Tiên: outside the district of Rạch Giá
      place: 'Nhà riêng ở Đông Hồ',
    };
    const first = await push(token, record, null);
    await push(token, { ...record, communeCode: '30733', place: 'Nhà văn hóa Vĩnh Thanh' }, first);

    await openAsDistrict(`#/records/${record.id}`);
    const history = await screen.findByRole('region', { name: 'Lịch sử thay đổi' });
    const versions = await within(history).findAllByRole('listitem');
    const texts = versions.map((v) => v.textContent!.replace(/\s+/g, ' '));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Chuyển vào địa bàn của bạn');
    expect(document.body.textContent).not.toContain('Đông Hồ');
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
});
