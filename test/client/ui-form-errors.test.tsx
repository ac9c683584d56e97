// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { fireEvent } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { newActivity } from '../../src/shared/activity/activity-factory';
import type { Activity } from '../../src/shared/activity/activity.schema';
import {
  COMMUNE_CODE,
  errorOf,
  findForm,
  freshDb,
  renderApp,
  screen,
  within,
  POLL,
} from './ui-support/render-app';
import { fillCommon, fillTypeSpecific, typeInto } from './ui-support/fill-form';

const summary = () => screen.queryByRole('button', { name: /mục cần sửa/ });

describe('errors of the activity form', () => {
  it('shows every error at once, counts them, and clears them as they are fixed', async () => {
    const app = await renderApp('#/new/other');
    await findForm();
    await typeInto(app.user, 'Tên hoạt động', 'Họp dân');
    await typeInto(app.user, 'Tổng số người tham dự', '10');
    const female = await typeInto(app.user, 'Trong đó: nữ', '15');
    const cost = await typeInto(app.user, 'Kinh phí (đồng)', 'một triệu');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));

    // The cross-field error does not wait for the cost to be fixed.
    await expect
      .poll(() => errorOf(female), POLL)
      .toBe('Không được lớn hơn tổng số người tham dự.');
    expect(errorOf(cost)).toBe('Nhập số tiền, ví dụ 1.500.000 hoặc 1,5 triệu.');
    expect(summary()).toHaveTextContent('Còn 2 mục cần sửa');
    expect(screen.getAllByText('Không được lớn hơn tổng số người tham dự.')).toHaveLength(1);

    // Fixing a field removes its message and updates the count without saving again.
    await typeInto(app.user, 'Trong đó: nữ', '6');
    await expect.poll(() => summary()?.textContent, POLL).toBe('Còn 1 mục cần sửa');
    expect(errorOf(female)).toBe('');
    await typeInto(app.user, 'Kinh phí (đồng)', '1,5 triệu');
    await expect.poll(() => summary()?.textContent, POLL).toBe('Còn 1 mục cần sửa');
    expect(errorOf(screen.getByLabelText('Nguồn kinh phí'))).toBe(
      'Vui lòng chọn nguồn kinh phí khi có chi phí.',
    );
    await app.user.selectOptions(screen.getByLabelText('Nguồn kinh phí'), 'Ngân sách địa phương');
    await expect.poll(() => summary(), POLL).toBeNull();
    expect(errorOf(cost)).toBe('');
    // Fixing the total (not the blamed field) also clears the blamed field's message.
    await typeInto(app.user, 'Trong đó: nữ', '12');
    await expect
      .poll(() => errorOf(female), POLL)
      .toBe('Không được lớn hơn tổng số người tham dự.');
    await typeInto(app.user, 'Tổng số người tham dự', '20');
    await expect.poll(() => summary(), POLL).toBeNull();
    expect(errorOf(female)).toBe('');
    expect(await app.db.activities.count()).toBe(0);
  });

  it('a negative total is one error, on the total; no zero field is blamed', async () => {
    const app = await renderApp('#/new/community_talk');
    await findForm();
    const total = await typeInto(app.user, 'Tổng số người tham dự', '-5');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await expect.poll(() => errorOf(total), POLL).toBe('Không được là số âm.');
    expect(summary()).toHaveTextContent('Còn 1 mục cần sửa');
    expect(document.querySelectorAll('.field__error')).toHaveLength(1);
  });

  it('the count opens the list of errors; an item goes to its field and focuses it', async () => {
    const app = await renderApp('#/new/dialogue');
    await findForm();
    await app.user.click(screen.getByRole('button', { name: 'Lưu' }));
    const toggle = await screen.findByRole('button', { name: /mục cần sửa/ });
    // Focus went to the first field in error, top to bottom.
    await expect.poll(() => document.activeElement?.id, POLL).toBe('f-organiser');
    await app.user.click(toggle);
    const item = await screen.findByRole('button', { name: /^Người chủ trì/ });
    expect(item).toHaveTextContent('Vui lòng nhập thông tin này.');
    await app.user.click(item);
    await expect
      .poll(() => document.activeElement, POLL)
      .toBe(screen.getByLabelText('Người chủ trì'));
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('an error on a listed attendee is named in words (who, which box), not by its path', async () => {
    const thisYear = new Date().getFullYear();
    const stored = {
      ...newActivity('community_talk', {
        communeCode: COMMUNE_CODE,
        authorId: 'officer-1',
        authorName: 'Đặng Thị Lan',
      }),
      topic: 'Sinh kế bền vững',
      speaker: 'Lê Văn Tám',
      attendanceMode: 'list',
      attendees: [
        { id: 'a1', fullName: 'Lâm Văn Tư', sex: 'male', birthYear: 1970 },
        { id: 'a2', fullName: 'Danh Thị Út', sex: 'female', birthYear: thisYear + 1 },
      ].map((p) => ({ ...p, ethnicity: 'kinh', householdCategory: 'none', isOfficial: false })),
    } as Activity;
    stored.participants = { ...stored.participants, total: 2, female: 1 };
    // A year of birth typed before it was checked: stored as if "next year" were this year.
    const db = freshDb();
    const realNow = Date.now();
    const later = vi.spyOn(Date, 'now').mockReturnValue(realNow + 400 * 86_400_000);
    try {
      await saveActivity(db, stored, { now: realNow });
    } finally {
      later.mockRestore();
    }
    const app = await renderApp(`#/activities/${stored.id}/edit`, { db });
    await findForm();
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    const toggle = await screen.findByRole('button', { name: 'Còn 1 mục cần sửa' });
    await app.user.click(toggle);
    await expect.poll(() => document.getElementById('form-error-list'), POLL).not.toBeNull();
    const item = within(document.getElementById('form-error-list')!).getByRole('button');
    expect(item).toHaveTextContent(
      'Người tham dự 2 (Danh Thị Út) – Năm sinh Nhập năm sinh từ 1900 đến nay, ví dụ 1975.',
    );
    expect(item.textContent).not.toContain('attendees');
    // It leads to the list of attendees, where the row can be corrected.
    await app.user.click(item);
    await expect.poll(() => document.activeElement?.id, POLL).toBe('attendee-list-title');
  });

  it('marks the required fields of the form, for the eye and for screen readers', async () => {
    await renderApp('#/new/dialogue');
    await findForm();
    expect(screen.getByLabelText('Chủ đề')).toHaveAttribute('aria-required', 'true');
    expect(screen.getByLabelText('Người chủ trì')).toHaveAttribute('aria-required', 'true');
    expect(screen.getByLabelText('Tổng số người tham dự')).toHaveAttribute('aria-required', 'true');
    expect(screen.getByLabelText('Địa điểm')).not.toHaveAttribute('aria-required');
    expect(document.querySelector('label[for="f-topic"]')).toHaveClass('is-required');
    expect(
      screen.getByRole('group', { name: 'Nội dung truyền thông' }),
    ).toHaveAccessibleDescription('bắt buộc');
  });

  it('counts the characters of a long text near its limit (from the schema)', async () => {
    const app = await renderApp('#/new/other');
    await findForm();
    const notes = screen.getByLabelText('Ghi chú');
    fireEvent.change(notes, { target: { value: 'a'.repeat(3000) } });
    expect(screen.queryByText(/\/ 4\.000/)).toBeNull();
    fireEvent.change(notes, { target: { value: 'a'.repeat(3980) } });
    expect(await screen.findByText('3.980 / 4.000')).toBeInTheDocument();
    fireEvent.change(notes, { target: { value: 'a'.repeat(4010) } });
    expect(await screen.findByText('4.010 / 4.000')).toHaveClass('field__counter--over');
    await typeInto(app.user, 'Tên hoạt động', 'Họp dân');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await expect.poll(() => errorOf(notes), POLL).toBe('Nội dung quá dài.');
    // What was typed is kept.
    expect((notes as HTMLTextAreaElement).value).toHaveLength(4010);
  });

  it('asks before saving 1.500.000 attendees; saving after confirming works', async () => {
    const app = await renderApp('#/new/community_talk');
    await findForm();
    await fillCommon(app.user);
    await fillTypeSpecific(app.user, 'community_talk');
    await typeInto(app.user, 'Tổng số người tham dự', '1.500.000');
    await app.user.click(screen.getByRole('button', { name: 'Lưu' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Kiểm tra lại số liệu' });
    expect(dialog).toHaveTextContent('Tổng số người tham dự: 1.500.000 (thường không quá 10.000)');
    await app.user.click(screen.getByRole('button', { name: 'Sửa lại' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await expect
      .poll(() => document.activeElement, POLL)
      .toBe(screen.getByLabelText('Tổng số người tham dự'));
    expect(await app.db.activities.count()).toBe(0);

    await app.user.click(screen.getByRole('button', { name: 'Lưu' }));
    await app.user.click(await screen.findByRole('button', { name: 'Đúng, vẫn lưu' }));
    await expect.poll(() => app.db.activities.count(), POLL).toBe(1);
    expect((await app.db.activities.toArray())[0]?.participants.total).toBe(1_500_000);
  });

  it('names a repeated label by its group in the confirmation', async () => {
    const app = await renderApp('#/new/printed_materials');
    await findForm();
    const leaflets = screen.getByRole('group', { name: 'Tờ rơi' });
    await typeInto(app.user, 'Số lượng in', '2.000.000', leaflets);
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(await screen.findByRole('alertdialog')).toHaveTextContent(
      'Tờ rơi – Số lượng in: 2.000.000 (thường không quá 1.000.000)',
    );
  });
});

describe('a save the phone’s storage refuses', () => {
  it('says in Vietnamese that the phone’s storage is full, stores nothing and keeps what was typed', async () => {
    // Session 11 audit: the banner read "Chưa lưu được vào máy: <the browser's own English
    // message>" — for a full phone, "QuotaExceededError … The quota has been exceeded.".
    const app = await renderApp('#/new/other');
    await findForm();
    await typeInto(app.user, 'Tên hoạt động', 'Họp dân khi máy đầy bộ nhớ');
    await fillCommon(app.user);
    await typeInto(app.user, 'Tổng số người tham dự', '12');
    // The browser's answer when the origin's quota is used up (IndexedDB, not our code).
    const stores = [IDBObjectStore.prototype] as unknown as Record<string, unknown>[];
    const originals = { add: stores[0]!.add, put: stores[0]!.put };
    for (const method of ['add', 'put'] as const) {
      stores[0]![method] = function (this: IDBObjectStore, ...args: unknown[]) {
        if (this.name === 'outbox')
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return (originals[method] as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
    try {
      await app.user.click(screen.getByRole('button', { name: 'Lưu' }));
      const alert = await screen.findByText(/Chưa lưu được vào máy/, {}, POLL);
      expect(alert.textContent).toContain('bộ nhớ');
      expect(alert.textContent).not.toMatch(/quota|exceeded|Error/i);
      expect(alert.textContent).toContain('Nội dung đã nhập vẫn được giữ');
    } finally {
      Object.assign(stores[0]!, originals);
    }
    expect(screen.getByLabelText('Tên hoạt động')).toHaveValue('Họp dân khi máy đầy bộ nhớ');
    expect(await app.db.activities.count()).toBe(0);
    expect(await app.db.outbox.count()).toBe(0);
  });
});
