// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { listActivities } from '../../src/client/features/activities/store/activity-store';
import { errorOf, findForm, renderApp, screen, within, POLL } from './ui-support/render-app';
import { fillCommon, typeInto } from './ui-support/fill-form';

type User = Awaited<ReturnType<typeof renderApp>>['user'];

/** Types one attendee into the quick-add row and presses Enter, as an officer would. */
async function addAttendee(
  user: User,
  person: {
    name: string;
    sex: 'Nam' | 'Nữ';
    year: string;
    ethnicity?: string;
    household?: string;
    official?: boolean;
  },
) {
  const row = screen.getByRole('group', { name: 'Thêm người tham dự' });
  const name = within(row).getByLabelText('Họ và tên');
  expect(name).toHaveFocus();
  await user.type(name, person.name);
  await user.selectOptions(within(row).getByLabelText('Giới tính'), person.sex);
  if (person.ethnicity)
    await user.selectOptions(within(row).getByLabelText('Dân tộc'), person.ethnicity);
  if (person.household)
    await user.selectOptions(within(row).getByLabelText('Diện hộ'), person.household);
  if (person.official)
    await user.click(within(row).getByLabelText('Là cán bộ làm công tác giảm nghèo'));
  await user.type(within(row).getByLabelText('Năm sinh'), `${person.year}{Enter}`);
}

const count = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;

describe('attendee list', () => {
  it('adds people with Enter, fills the counts live, edits and removes, and saves the list', async () => {
    const app = await renderApp('#/new/community_talk');
    await findForm();
    await fillCommon(app.user);
    await typeInto(app.user, 'Chuyên đề', 'Chăn nuôi bò sinh sản');
    await typeInto(app.user, 'Báo cáo viên', 'Lê Thị Mai');
    await app.user.click(screen.getByRole('radio', { name: 'Ghi danh sách' }));
    screen.getByRole('group', { name: 'Thêm người tham dự' }).querySelector('input')!.focus();

    await addAttendee(app.user, {
      name: 'Thạch Thị Sa Rây',
      sex: 'Nữ',
      year: '1980',
      ethnicity: 'Khmer',
      household: 'Hộ nghèo',
    });
    await addAttendee(app.user, {
      name: 'Nguyễn Văn Tư',
      sex: 'Nam',
      year: '1975',
      household: 'Hộ cận nghèo',
    });
    await addAttendee(app.user, {
      name: 'Lâm Thị Hoa',
      sex: 'Nữ',
      year: '1990',
      ethnicity: 'Hoa',
      official: true,
    });

    // Focus went back to "Họ và tên" after each Enter (checked in addAttendee), the boxes cleared.
    expect(
      within(screen.getByRole('group', { name: 'Thêm người tham dự' })).getByLabelText('Họ và tên'),
    ).toHaveValue('');
    expect(screen.getByRole('heading', { name: 'Danh sách (3 người)' })).toBeInTheDocument();
    expect(count('Tổng số người tham dự')).toBe('3');
    expect(count('Trong đó: nữ')).toBe('2');
    expect(count('Dân tộc Khmer')).toBe('1');
    expect(count('Dân tộc Hoa')).toBe('1');
    expect(count('Thuộc hộ nghèo')).toBe('1');
    expect(count('Thuộc hộ cận nghèo')).toBe('1');
    expect(count('Số cán bộ làm công tác giảm nghèo')).toBe('1');
    expect(screen.getByLabelText('Tổng số người tham dự')).toHaveAttribute('readonly');

    // Remove one, edit another: the counts follow.
    await app.user.click(screen.getByRole('button', { name: 'Xóa Nguyễn Văn Tư' }));
    expect(count('Tổng số người tham dự')).toBe('2');
    expect(count('Thuộc hộ cận nghèo')).toBe('0');
    await app.user.click(screen.getByRole('button', { name: 'Sửa Lâm Thị Hoa' }));
    const editing = document.querySelector('.attendee--editing') as HTMLElement;
    await app.user.selectOptions(within(editing).getByLabelText('Giới tính'), 'Nam');
    await app.user.click(within(editing).getByRole('button', { name: 'Xong' }));
    expect(count('Trong đó: nữ')).toBe('1');

    // A bad row is refused with a message and adds nobody.
    const row = screen.getByRole('group', { name: 'Thêm người tham dự' });
    await app.user.type(within(row).getByLabelText('Năm sinh'), '1850{Enter}');
    expect(errorOf(within(row).getByLabelText('Họ và tên'))).toBe('Vui lòng nhập thông tin này.');
    expect(errorOf(within(row).getByLabelText('Giới tính'))).toBe('Vui lòng chọn một mục.');
    expect(errorOf(within(row).getByLabelText('Năm sinh'))).toBe(
      'Nhập năm sinh từ 1900 đến nay, ví dụ 1975.',
    );
    expect(count('Tổng số người tham dự')).toBe('2');

    await app.user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByRole('heading', { level: 1, name: 'Chăn nuôi bò sinh sản' });
    const [saved] = await listActivities(app.db);
    expect(saved).toMatchObject({
      attendanceMode: 'list',
      participants: { total: 2, female: 1, khmer: 1, hoa: 1, poor: 1, nearPoor: 0, officials: 1 },
    });
    expect(saved!.attendees.map((a) => a.fullName)).toEqual(['Thạch Thị Sa Rây', 'Lâm Thị Hoa']);
    expect(screen.getByText('Thạch Thị Sa Rây')).toBeInTheDocument();
  });

  it('marks what a person needs, refuses an empty or future year of birth by name, and focuses the first box to fix', async () => {
    const app = await renderApp('#/new/community_talk');
    await findForm();
    await app.user.click(screen.getByRole('radio', { name: 'Ghi danh sách' }));
    const row = screen.getByRole('group', { name: 'Thêm người tham dự' });
    const name = within(row).getByLabelText('Họ và tên');
    const sex = within(row).getByLabelText('Giới tính');
    const year = within(row).getByLabelText('Năm sinh');
    for (const box of [name, sex, year]) expect(box).toHaveAttribute('aria-required', 'true');
    expect(within(row).getByLabelText('Số điện thoại (không bắt buộc)')).not.toHaveAttribute(
      'aria-required',
    );

    await app.user.click(within(row).getByRole('button', { name: 'Thêm' }));
    expect(errorOf(name)).toBe('Vui lòng nhập thông tin này.');
    // An empty year is missing, not "a number like 1.500.000".
    expect(errorOf(year)).toBe('Vui lòng nhập thông tin này.');
    await expect.poll(() => document.activeElement, POLL).toBe(name);

    await app.user.type(name, 'Danh Thị Út');
    await app.user.selectOptions(sex, 'Nữ');
    const nextYear = String(new Date().getFullYear() + 2);
    await app.user.type(year, `${nextYear}{Enter}`);
    expect(errorOf(year)).toBe('Nhập năm sinh từ 1900 đến nay, ví dụ 1975.');
    await app.user.clear(year);
    await app.user.type(year, '19a5{Enter}');
    expect(errorOf(year)).toBe('Nhập năm sinh từ 1900 đến nay, ví dụ 1975.');
    expect(screen.getByRole('heading', { name: 'Danh sách (0 người)' })).toBeInTheDocument();
    expect(name).toHaveValue('Danh Thị Út');

    await app.user.clear(year);
    await app.user.type(year, '1985{Enter}');
    expect(screen.getByRole('heading', { name: 'Danh sách (1 người)' })).toBeInTheDocument();
  });

  it('keeps the attendee list in the autosaved draft', async () => {
    const app = await renderApp('#/new/training');
    await findForm();
    const hash = window.location.hash;
    await app.user.click(screen.getByRole('radio', { name: 'Ghi danh sách' }));
    screen.getByRole('group', { name: 'Thêm người tham dự' }).querySelector('input')!.focus();
    await addAttendee(app.user, { name: 'Danh Sơn', sex: 'Nam', year: '1988', ethnicity: 'Khmer' });
    await vi.waitFor(async () => expect(await app.db.formDrafts.count()).toBe(1), POLL);
    app.unmount();

    await renderApp(hash, { db: app.db });
    await findForm();
    expect(screen.getByText('Danh Sơn')).toBeInTheDocument();
    expect(count('Tổng số người tham dự')).toBe('1');
    expect(count('Dân tộc Khmer')).toBe('1');
  });
});
