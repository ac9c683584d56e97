// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { makeActivity } from './support/activity-fixtures';
import { pullShippedGeographies } from './support/geography-pull';
import { freshDb, officer, renderApp, screen, within } from './ui-support/render-app';

// The list's unit filter, in the 2024 geography or the current one (issue 9, item 6).
const RECORDS = [
  {
    title: 'Vĩnh Thanh tháng 6',
    geographyId: 'kien-giang-2024',
    communeCode: '30733',
    date: '2025-06-10',
  },
  {
    title: 'Vĩnh Bảo tháng 3',
    geographyId: 'kien-giang-2024',
    communeCode: '30742',
    date: '2025-03-05',
  },
  {
    title: 'Rạch Giá tháng 8',
    geographyId: 'an-giang-2025',
    communeCode: '30742',
    date: '2025-08-20',
  },
  {
    title: 'Tô Châu tháng 5',
    geographyId: 'kien-giang-2024',
    communeCode: '30766',
    date: '2025-05-02',
  },
];

async function phoneWithRecords() {
  const db = freshDb();
  await db.open();
  await pullShippedGeographies(db);
  for (const r of RECORDS) await saveActivity(db, makeActivity('other', r));
  return db;
}

const titles = () =>
  within(screen.getByRole('list', { name: 'Danh sách hoạt động' }))
    .queryAllByRole('link')
    .map((a) => a.textContent ?? '');
const listed = async () => {
  await screen.findByRole('list', { name: 'Danh sách hoạt động' });
  return RECORDS.map((r) => r.title).filter((title) => titles().some((t) => t.includes(title)));
};

describe('the list by unit, in either geography', () => {
  it('current geography: the old wards add up into Phường Rạch Giá', async () => {
    const db = await phoneWithRecords();
    const app = await renderApp('#/activities', {
      db,
      user: officer({ role: 'province', unitCode: '91', geographyId: 'an-giang-2025' }),
    });
    const geo = (await screen.findByLabelText('Địa giới')) as HTMLSelectElement;
    expect(geo.value).toBe('an-giang-2025');
    await expect.poll(listed).toHaveLength(4);
    await app.user.selectOptions(screen.getByLabelText('Đơn vị'), 'Phường Rạch Giá');
    await expect
      .poll(listed)
      .toEqual(['Vĩnh Thanh tháng 6', 'Vĩnh Bảo tháng 3', 'Rạch Giá tháng 8']);
    expect(titles().join(' ')).toContain('Phường Vĩnh Thanh (nay là Phường Rạch Giá)');
    expect(window.location.hash).toContain('unit=30742');
  });

  it('2024 geography: Vĩnh Bảo is only Vĩnh Bảo; the 2025 Rạch Giá counts in old Thành phố Rạch Giá', async () => {
    const db = await phoneWithRecords();
    const app = await renderApp('#/activities', {
      db,
      user: officer({ role: 'province', unitCode: '91', geographyId: 'an-giang-2025' }),
    });
    const geo = await screen.findByLabelText('Địa giới');
    await app.user.selectOptions(geo, 'kien-giang-2024');
    const unit = screen.getByLabelText('Đơn vị');
    await app.user.selectOptions(unit, 'Phường Vĩnh Bảo, Thành phố Rạch Giá');
    await expect.poll(listed).toEqual(['Vĩnh Bảo tháng 3']);
    await app.user.selectOptions(screen.getByLabelText('Đơn vị'), 'Thành phố Rạch Giá');
    await expect
      .poll(listed)
      .toEqual(['Vĩnh Thanh tháng 6', 'Vĩnh Bảo tháng 3', 'Rạch Giá tháng 8']);
  });

  it('a commune officer of Rạch Giá filters only within Rạch Giá', async () => {
    const db = await phoneWithRecords();
    const app = await renderApp('#/activities', {
      db,
      user: officer({ unitCode: '30742', geographyId: 'an-giang-2025' }),
    });
    const geo = await screen.findByLabelText('Địa giới');
    const options = () =>
      [...(screen.getByLabelText('Đơn vị') as HTMLSelectElement).options].map((o) => o.text);
    expect(options()).toEqual(['— Chọn đơn vị —', 'Phường Rạch Giá']);
    await app.user.selectOptions(geo, 'kien-giang-2024');
    expect(options()).toHaveLength(11);
    expect(options()).not.toContain('Phường Tô Châu, Thành phố Hà Tiên');
  });
});
