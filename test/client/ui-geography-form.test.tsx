// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { listActivities } from '../../src/client/features/activities/store/activity-store';
import { errorOf, findForm, freshDb, officer, renderApp, screen } from './ui-support/render-app';
import { typeInto } from './ui-support/fill-form';
import { pullShippedAgencies, pullShippedGeographies } from './support/geography-pull';

// The activity form offers the communes of the geography in force on the activity's date
// (Kiên Giang 2024 before 01/07/2025, the new An Giang after), through the mapping.

const picker = () => screen.getByLabelText('Xã, phường, thị trấn') as HTMLSelectElement;
const options = () => [...picker().options].map((o) => o.text);
const setDate = (value: string) =>
  fireEvent.change(screen.getByLabelText('Ngày thực hiện'), { target: { value } });

const RACH_GIA_OFFICER = officer({
  id: 'officer-rg',
  unitCode: '30742',
  geographyId: 'an-giang-2025',
});

async function phoneWithGeographies() {
  const db = freshDb();
  await db.open();
  await pullShippedGeographies(db);
  return db;
}

describe('the commune picker follows the geography of the date', () => {
  it('an officer of the new Phường Rạch Giá records today, in Rạch Giá of 2025', async () => {
    const db = await phoneWithGeographies();
    const app = await renderApp('#/new/other', { db, user: RACH_GIA_OFFICER });
    await findForm();
    expect(options()).toEqual(['Phường Rạch Giá']);
    await typeInto(app.user, 'Tên hoạt động', 'Tuyên truyền lưu động');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await screen.findByRole('heading', { level: 1, name: 'Tuyên truyền lưu động' });
    expect(await listActivities(db)).toEqual([
      expect.objectContaining({ geographyId: 'an-giang-2025', communeCode: '30742' }),
    ]);
  });

  it('moving the date across 01/07/2025 maps the chosen commune and says so', async () => {
    const db = await phoneWithGeographies();
    const app = await renderApp('#/new/other', { db, user: RACH_GIA_OFFICER });
    await findForm();

    // Back to June 2025: the ten old wards of Rạch Giá; the new commune has no single old one.
    setDate('2025-06-15');
    await expect.poll(() => options().length).toBe(11);
    expect(options()[0]).toBe('— Chọn xã, phường —');
    expect(options()).toContain('Phường Vĩnh Thanh, Thành phố Rạch Giá');
    expect(picker().value).toBe('');
    expect(screen.getByTestId('commune-mapped').textContent).toBe(
      'Ngày 15/06/2025 thuộc «Tỉnh Kiên Giang (3 cấp, trước 01/07/2025)»: hãy chọn lại xã, phường.',
    );
    await app.user.selectOptions(picker(), 'Phường Vĩnh Thanh, Thành phố Rạch Giá');

    // Forward again: Vĩnh Thanh became Rạch Giá.
    setDate('2025-07-15');
    await expect.poll(() => options()).toEqual(['Phường Rạch Giá']);
    expect(picker().value).toBe('30742');
    expect(screen.getByTestId('commune-mapped').textContent).toBe(
      'Ngày 15/07/2025 thuộc «Tỉnh An Giang (2 cấp, từ 01/07/2025)»: Phường Vĩnh Thanh nay là Phường Rạch Giá.',
    );
    await typeInto(app.user, 'Tên hoạt động', 'Đối thoại tháng 7');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await screen.findByRole('heading', { level: 1, name: 'Đối thoại tháng 7' });
    expect(await listActivities(db)).toEqual([
      expect.objectContaining({
        date: '2025-07-15',
        geographyId: 'an-giang-2025',
        communeCode: '30742',
      }),
    ]);
  });

  it('a record of June 2025 keeps its old ward (nothing is rewritten)', async () => {
    const db = await phoneWithGeographies();
    const app = await renderApp('#/new/other', { db, user: RACH_GIA_OFFICER });
    await findForm();
    setDate('2025-06-15');
    await expect.poll(() => options().length).toBe(11);
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await expect.poll(() => errorOf(picker())).toBe('Vui lòng chọn một mục.');
    await app.user.selectOptions(picker(), 'Phường Vĩnh Bảo, Thành phố Rạch Giá');
    await typeInto(app.user, 'Tên hoạt động', 'Họp dân tháng 6');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await screen.findByRole('heading', { level: 1, name: 'Họp dân tháng 6' });
    expect(await listActivities(db)).toEqual([
      expect.objectContaining({ geographyId: 'kien-giang-2024', communeCode: '30742' }),
    ]);
  });

  it('a province officer gets the 102 communes of the new An Giang today', async () => {
    const db = await phoneWithGeographies();
    await renderApp('#/new/other', {
      db,
      user: officer({ role: 'province', unitCode: '91', geographyId: 'an-giang-2025' }),
    });
    await findForm();
    expect(options()).toHaveLength(103);
    expect(options()).toContain('Đặc khu Phú Quốc');
  });

  it('says it in English too', async () => {
    const db = await phoneWithGeographies();
    await renderApp('#/new/other', { db, user: RACH_GIA_OFFICER, language: 'en' });
    await findForm('Save');
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2025-06-15' } });
    await expect
      .poll(() => screen.queryByTestId('commune-mapped')?.textContent)
      .toMatch(/^On 15\/06\/2025 «.*» applies: choose the commune again\.$/);
  });

  it('suggests the organising agencies valid on the date, and keeps any typed name', async () => {
    const db = await phoneWithGeographies();
    await pullShippedAgencies(db);
    const app = await renderApp('#/new/other', { db, user: RACH_GIA_OFFICER });
    await findForm();
    const suggested = () =>
      [...document.querySelectorAll('#f-organiser-suggestions option')].map((o) =>
        o.getAttribute('value'),
      );
    await expect.poll(suggested).toContain('Sở Nông nghiệp và Môi trường tỉnh An Giang');
    expect(suggested()).toContain('Ủy ban nhân dân Phường Rạch Giá');
    expect(suggested()).not.toContain('Sở Lao động – Thương binh và Xã hội tỉnh Kiên Giang');
    expect(screen.getByLabelText('Cơ quan, đơn vị tổ chức').getAttribute('list')).toBe(
      'f-organiser-suggestions',
    );

    setDate('2025-02-10');
    await expect.poll(suggested).toContain('Sở Lao động – Thương binh và Xã hội tỉnh Kiên Giang');
    expect(suggested()).toContain('Sở Thông tin và Truyền thông tỉnh Kiên Giang');
    expect(suggested()).not.toContain('Sở Nông nghiệp và Môi trường tỉnh Kiên Giang');

    await app.user.selectOptions(picker(), 'Phường Vĩnh Thanh, Thành phố Rạch Giá');
    await expect.poll(suggested).toContain('Ủy ban nhân dân Phường Vĩnh Thanh');
    await typeInto(app.user, 'Cơ quan, đơn vị tổ chức', 'Hội Liên hiệp Phụ nữ phường');
    await typeInto(app.user, 'Tên hoạt động', 'Họp phụ nữ');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await screen.findByRole('heading', { level: 1, name: 'Họp phụ nữ' });
    expect(await listActivities(db)).toEqual([
      expect.objectContaining({ organiser: 'Hội Liên hiệp Phụ nữ phường' }),
    ]);
  });
});
