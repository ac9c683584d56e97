// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { fireEvent, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { provinceSettings } from '../../src/client/db/period-locks';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';
import { renderApp, screen, within } from './ui-support/render-app';

// Issue 10, point 8: a phone learns by pull that its commune submitted the six-month report and
// tells the officer BEFORE they edit: the detail screen says why instead of "Sửa"/"Xóa", the form
// refuses to open for editing; once the unit reopens the report, editing works again.
let server: RealServer;
let lan: PublicUser;
let phone: TestClient;
const june = { id: '' };

async function post(path: string, body: unknown) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${phone.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

beforeAll(async () => {
  server = await startRealServer();
  lan = await server.createUser({
    username: 'lan',
    role: 'commune',
    unitCode: '30730',
    displayName: 'Nguyễn Thị Lan',
  });
  phone = await newClient(server, lan, { user: lan });
  const by = { authorId: lan.id, authorName: lan.displayName };
  const record = makeActivity('other', { ...by, title: 'Họp dân tháng 6', date: '2025-06-20' });
  june.id = record.id;
  await saveActivity(phone.db, record);
  expect(await phone.engine.syncNow()).toEqual({ ok: true });
});
afterAll(() => server?.dispose());

const appOf = (hash: string) =>
  renderApp(hash, {
    db: phone.db,
    user: lan,
    token: phone.token,
    api: { baseUrl: server.baseUrl, fetch: phone.network.fetch },
  });

describe('a submitted period, as the phone learns it by pull', () => {
  it('the officer submits the six months from the report screen, with a confirmation', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const app = await appOf('#/reports?from=2025-01-01&to=2025-06-30');
    const panel = await screen.findByTestId('submission', {}, { timeout: 10_000 });
    expect(await within(panel).findByTestId('submission-state')).toHaveTextContent(
      'Chưa nộp. Hạn nộp: 20/05/2025.',
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Nộp báo cáo' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Số liệu sẽ được chốt'));
    await waitFor(() =>
      expect(within(panel).getByTestId('submission-state')).toHaveTextContent(
        /Đã nộp lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} — Nguyễn Thị Lan/,
      ),
    );
    expect(within(panel).getByRole('button', { name: 'Mở lại' })).toBeDisabled();
    confirm.mockRestore();
    app.unmount();
  });

  it('the detail and the form say why the record cannot change, offline too', async () => {
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect(await phone.db.periodLocks.count()).toBe(1);
    expect((await provinceSettings(phone.db)).defaultPeriodBasis).toBe('calendar');
    phone.network.offline = true;

    const detail = await appOf(`#/activities/${june.id}`);
    const notice = await screen.findByTestId('period-lock');
    expect(notice).toHaveTextContent('Kỳ báo cáo đã nộp — không sửa được');
    expect(notice).toHaveTextContent(
      /Báo cáo kỳ 01\/01\/2025–30\/06\/2025 của Phường Vĩnh Thanh Vân/,
    );
    expect(notice).toHaveTextContent('Nguyễn Thị Lan');
    expect(screen.queryByRole('link', { name: 'Sửa' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Xóa' })).toBeNull();
    detail.unmount();

    const form = await appOf(`#/activities/${june.id}/edit`);
    expect(await screen.findByTestId('period-lock')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Lưu' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Về chi tiết hoạt động' })).toBeVisible();
    form.unmount();
    phone.network.offline = false;
  });

  it('a new record dated in the submitted period is stopped in the form, before saving', async () => {
    phone.network.offline = true;
    const before = await phone.db.activities.count();
    const app = await appOf('#/new/other');
    try {
      const date = await screen.findByLabelText('Ngày thực hiện', {}, { timeout: 10_000 });
      fireEvent.change(date, { target: { value: '2025-07-02' } });
      expect(screen.queryByTestId('period-lock')).toBeNull();
      // The day moves into the submitted six months: the form says so at once.
      fireEvent.change(date, { target: { value: '2025-06-10' } });
      expect(await screen.findByTestId('period-lock')).toHaveTextContent(
        'Kỳ báo cáo đã nộp — không sửa được',
      );
      fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(/Kỳ báo cáo .*đã nộp/);
      expect(await phone.db.activities.count()).toBe(before);
      expect(await phone.db.outbox.count()).toBe(0);
    } finally {
      app.unmount();
      phone.network.offline = false;
    }
  });

  it('once the unit reopens the report, the record opens for editing again', async () => {
    const reason = 'Bổ sung số người tham dự';
    expect(
      await post('/api/reports/submissions/reopen', { period: 'first_half', year: 2025, reason }),
    ).toBe(200);
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect((await phone.db.periodLocks.toArray())[0]?.state).toBe('reopened');
    const form = await appOf(`#/activities/${june.id}/edit`);
    expect(await screen.findByRole('button', { name: 'Lưu' }, { timeout: 10_000 })).toBeVisible();
    expect(screen.queryByTestId('period-lock')).toBeNull();
    form.unmount();
  });
});
