// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../src/shared/format/vi-format';
import { errorOf, findForm, renderApp, screen, POLL } from './ui-support/render-app';
import { fillCommon, typeInto } from './ui-support/fill-form';

const setDate = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('validation in the form', () => {
  it('shows "more women than participants" next to the field, saves nothing and keeps the input', async () => {
    const app = await renderApp('#/new/community_talk');
    await findForm();
    await fillCommon(app.user);
    await typeInto(app.user, 'Chuyên đề', 'Phòng chống tái nghèo');
    await typeInto(app.user, 'Báo cáo viên', 'Lê Thị Mai');
    await typeInto(app.user, 'Tổng số người tham dự', '10');
    const female = await typeInto(app.user, 'Trong đó: nữ', '12');

    await app.user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(
      await screen.findByText('Không được lớn hơn tổng số người tham dự.'),
    ).toBeInTheDocument();
    expect(female).toHaveAttribute('aria-invalid', 'true');
    expect(errorOf(female)).toBe('Không được lớn hơn tổng số người tham dự.');
    expect(screen.getByRole('alert')).toHaveTextContent('Còn 1 mục cần sửa');
    // Nothing stored, nothing queued, and everything typed is still on screen.
    expect(await app.db.activities.count()).toBe(0);
    expect(await app.db.outbox.count()).toBe(0);
    expect(female).toHaveValue('12');
    expect(screen.getByLabelText('Chuyên đề')).toHaveValue('Phòng chống tái nghèo');
    expect(screen.getByLabelText('Tổng số người tham dự')).toHaveValue('10');

    // Fixing the number clears the message, and the record saves.
    await typeInto(app.user, 'Trong đó: nữ', '6');
    expect(errorOf(female)).toBe('');
    await app.user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByRole('heading', { level: 1, name: 'Phòng chống tái nghèo' });
    expect((await app.db.activities.toArray())[0]?.participants).toMatchObject({
      total: 10,
      female: 6,
    });
  });

  it('refuses a date after today and an end date before the start date', async () => {
    const app = await renderApp('#/new/other');
    await findForm();
    await typeInto(app.user, 'Tên hoạt động', 'Ngày hội đại đoàn kết');
    const tomorrow = todayInVietnam(Date.now() + 86_400_000);
    setDate('Ngày thực hiện', tomorrow);
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(errorOf(await screen.findByLabelText('Ngày thực hiện'))).toBe(
      'Ngày không được sau hôm nay.',
    );

    setDate('Ngày thực hiện', '2025-03-10');
    setDate('Ngày kết thúc (nếu kéo dài nhiều ngày)', '2025-03-05');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    const end = screen.getByLabelText('Ngày kết thúc (nếu kéo dài nhiều ngày)');
    await expect
      .poll(() => errorOf(end), POLL)
      .toBe('Ngày kết thúc không được trước ngày bắt đầu.');
    expect(errorOf(screen.getByLabelText('Ngày thực hiện'))).toBe('');
    expect(await app.db.activities.count()).toBe(0);
    expect(screen.getByLabelText('Tên hoạt động')).toHaveValue('Ngày hội đại đoàn kết');
  });

  it('says "enter a number" for an emptied count instead of storing NaN or 0', async () => {
    const app = await renderApp('#/new/other');
    await findForm();
    await typeInto(app.user, 'Tên hoạt động', 'Họp dân');
    const total = await typeInto(app.user, 'Tổng số người tham dự', '');
    const women = await typeInto(app.user, 'Trong đó: nữ', '2,5');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await expect.poll(() => errorOf(total), POLL).toBe('Nhập số nguyên, ví dụ 25.');
    expect(errorOf(women)).toBe('Phải là số nguyên.');
    expect(await app.db.activities.count()).toBe(0);
  });

  it('a complete record needs its required fields; a draft may be saved without them', async () => {
    const app = await renderApp('#/new/dialogue');
    await findForm();
    await app.user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(errorOf(await screen.findByLabelText('Chủ đề'))).toBe('Vui lòng nhập thông tin này.');
    expect(errorOf(screen.getByLabelText('Người chủ trì'))).toBe('Vui lòng nhập thông tin này.');
    expect(screen.getByRole('group', { name: 'Nội dung truyền thông' })).toHaveTextContent(
      'Vui lòng chọn ít nhất một mục.',
    );
    expect(await app.db.activities.count()).toBe(0);

    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await screen.findByText('Bản nháp');
    const [saved] = await app.db.activities.toArray();
    expect(saved?.status).toBe('draft');
  });

  it('shows the messages in English when English is chosen', async () => {
    const app = await renderApp('#/new/other', { language: 'en' });
    await findForm('Save');
    await typeInto(app.user, 'Total participants', '3');
    await typeInto(app.user, 'Of whom women', '4');
    await app.user.click(screen.getByRole('button', { name: 'Save draft' }));
    await expect
      .poll(() => errorOf(screen.getByLabelText('Of whom women')))
      .toBe('Cannot exceed the total number of participants.');
  });
});
