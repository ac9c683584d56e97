// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { fireEvent, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import type { UnitTargets } from '../../src/shared/reports/report-targets';
import { startRealServer, type RealServer } from './support/real-server';
import { errorOf, renderApp, screen } from './ui-support/render-app';

// Đặt chỉ tiêu against the real server over HTTP: set, re-open, a wrong number, a failed save
// (offline, refused) that keeps what was typed, and a commune officer who only reads.
const VINH_THANH = '30733';
const GEOGRAPHY = 'kien-giang-2024';
const TARGETS_URL = `#/targets?unit=${VINH_THANH}&geography=${GEOGRAPHY}&year=2025`;
const LABEL = {
  dialogues: 'Số cuộc đối thoại chính sách',
  people: 'Lượt người được tiếp cận',
  trainees: 'Số học viên được tập huấn',
};
let server: RealServer;
let province: PublicUser;
let commune: PublicUser;

/** A fetch that can be cut, as a phone losing its network. */
function switchableFetch() {
  const state = { offline: false };
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (state.offline) throw new TypeError('fetch failed (offline)');
    return fetch(input, init);
  }) as typeof fetch;
  return { state, fetch: fetchFn };
}

async function storedTargets(token: string): Promise<Record<string, number>> {
  const response = await fetch(
    `${server.baseUrl}/api/reports/targets?unit=${VINH_THANH}&geography=${GEOGRAPHY}&year=2025`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  const body = (await response.json()) as UnitTargets;
  return Object.fromEntries(
    body.targets.filter((t) => t.unitCode === VINH_THANH).map((t) => [t.indicator, t.value]),
  );
}

const box = (label: string) => screen.getByRole('textbox', { name: label }) as HTMLInputElement;

beforeAll(async () => {
  server = await startRealServer();
  province = await server.createUser({ username: 'nga.tinh', role: 'province', unitCode: '91' });
  commune = await server.createUser({ username: 'lan.vt', role: 'commune', unitCode: VINH_THANH });
}, 60_000);
afterAll(() => server.dispose());

describe('Đặt chỉ tiêu', { timeout: 90_000 }, () => {
  it('a province officer sets a commune’s targets; they re-open and reach the report card', async () => {
    const token = await server.login(province.username);
    const app = await renderApp(TARGETS_URL, {
      user: province,
      token,
      api: { baseUrl: server.baseUrl },
    });
    await screen.findByRole('heading', { name: 'Đặt chỉ tiêu' });
    await screen.findByRole('textbox', { name: LABEL.dialogues }, { timeout: 15_000 });
    await app.user.type(box(LABEL.dialogues), '4');
    await app.user.type(box(LABEL.people), '1500000');
    await app.user.tab();
    // Shown as Vietnamese write numbers once typed.
    expect(box(LABEL.people).value).toBe('1.500.000');
    await app.user.click(screen.getByRole('button', { name: 'Lưu chỉ tiêu' }));
    await screen.findByText(/Đã lưu chỉ tiêu năm 2025 của/);
    expect(await storedTargets(token)).toEqual({ dialogues: 4, people_reached: 1_500_000 });
    app.unmount();

    // Re-opened: the stored targets fill the boxes, with who set them.
    const again = await renderApp(TARGETS_URL, {
      user: province,
      token,
      api: { baseUrl: server.baseUrl },
    });
    await waitFor(() => expect(box(LABEL.people).value).toBe('1.500.000'), { timeout: 15_000 });
    expect(box(LABEL.dialogues).value).toBe('4');
    expect(box(LABEL.trainees).value).toBe('');
    expect(screen.getAllByText(/Đặt bởi/).length).toBe(2);

    // The year's report of the commune shows progress against them.
    await again.user.click(screen.getByRole('link', { name: 'Xem báo cáo năm 2025' }));
    const card = await screen.findByRole(
      'heading',
      { name: 'Kết quả thực hiện chỉ tiêu năm 2025' },
      { timeout: 15_000 },
    );
    const section = card.closest('section')!;
    expect(section.textContent).toContain('0 / 4');
    expect(section.textContent).toContain('0 / 1.500.000');
    // …and the report offers the way back to the form.
    expect(screen.getByRole('link', { name: 'Đặt chỉ tiêu năm 2025' })).toBeTruthy();
  });

  it('a wrong number is shown beside its box; a failed save keeps what was typed and says why', async () => {
    const token = await server.login(province.username);
    const net = switchableFetch();
    const app = await renderApp(TARGETS_URL, {
      user: province,
      token,
      api: { baseUrl: server.baseUrl, fetch: net.fetch },
    });
    await waitFor(() => expect(box(LABEL.dialogues).value).toBe('4'), { timeout: 15_000 });
    const before = await storedTargets(token);

    fireEvent.change(box(LABEL.dialogues), { target: { value: '-3' } });
    fireEvent.change(box(LABEL.trainees), { target: { value: '2,5' } });
    await app.user.click(screen.getByRole('button', { name: 'Lưu chỉ tiêu' }));
    await waitFor(() => expect(errorOf(box(LABEL.dialogues))).toBe('Không được là số âm.'));
    expect(errorOf(box(LABEL.trainees))).toMatch(/số nguyên/);
    expect(await storedTargets(token)).toEqual(before);

    // Offline: nothing saved, the numbers stay, the officer is told why.
    fireEvent.change(box(LABEL.dialogues), { target: { value: '6' } });
    fireEvent.change(box(LABEL.trainees), { target: { value: '30' } });
    net.state.offline = true;
    await app.user.click(screen.getByRole('button', { name: 'Lưu chỉ tiêu' }));
    const alert = await screen.findByText(/Cần kết nối mạng để xem và đặt chỉ tiêu/);
    expect(alert.textContent).toContain('Các số đã nhập vẫn còn trên màn hình');
    expect(box(LABEL.dialogues).value).toBe('6');
    expect(box(LABEL.trainees).value).toBe('30');
    expect(await storedTargets(token)).toEqual(before);

    // Refused (the account became a commune officer's meanwhile): the server's reason, typed
    // numbers kept.
    net.state.offline = false;
    await server.moveUser(province.id, {
      unitCode: VINH_THANH,
      geographyId: GEOGRAPHY,
      role: 'commune',
    });
    try {
      await app.user.click(screen.getByRole('button', { name: 'Lưu chỉ tiêu' }));
      await screen.findByText(/Chỉ cán bộ cấp tỉnh hoặc cấp huyện đặt chỉ tiêu/);
      expect(box(LABEL.dialogues).value).toBe('6');
      expect(await storedTargets(token)).toEqual(before);
    } finally {
      await server.moveUser(province.id, {
        unitCode: '91',
        geographyId: GEOGRAPHY,
        role: 'province',
      });
    }

    // Back online with the right: saved.
    await app.user.click(screen.getByRole('button', { name: 'Lưu chỉ tiêu' }));
    await screen.findByText(/Đã lưu chỉ tiêu năm 2025 của/);
    expect(await storedTargets(token)).toEqual({ ...before, dialogues: 6, trainees: 30 });
  });

  it('a commune officer reads the targets only, and is not offered the form', async () => {
    const token = await server.login(commune.username);
    const app = await renderApp(`#/reports?from=2025-01-01&to=2025-12-31`, {
      user: commune,
      token,
      api: { baseUrl: server.baseUrl },
    });
    await screen.findByRole('table', { name: 'Tổng hợp' }, { timeout: 15_000 });
    expect(screen.queryByRole('link', { name: /Đặt chỉ tiêu/ })).toBeNull();
    app.unmount();

    await renderApp(TARGETS_URL, { user: commune, token, api: { baseUrl: server.baseUrl } });
    await screen.findByText(/bạn chỉ xem được/, undefined, { timeout: 15_000 });
    expect(box(LABEL.dialogues).value).toBe('6');
    expect(box(LABEL.dialogues).readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: 'Lưu chỉ tiêu' })).toBeNull();
  });
});
