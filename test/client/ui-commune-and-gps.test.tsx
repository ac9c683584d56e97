// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { listActivities } from '../../src/client/features/activities/store/activity-store';
import type { AdminUnit } from '../../src/shared/admin-units/admin-unit.schema';
import { errorOf, findForm, freshDb, officer, renderApp, screen } from './ui-support/render-app';
import { typeInto } from './ui-support/fill-form';

afterEach(() => {
  delete (navigator as { geolocation?: unknown }).geolocation;
});

const options = () =>
  [...(screen.getByLabelText('Xã, phường, thị trấn') as HTMLSelectElement).options].map(
    (o) => o.text,
  );

describe('commune picker', () => {
  it('offers the wards of a district officer (2024: province → district → commune)', async () => {
    await renderApp('#/new/other', { user: officer({ role: 'district', unitCode: '899' }) });
    await findForm();
    const list = options();
    expect(list[0]).toBe('— Chọn xã, phường —');
    expect(list).toContain('Phường Vĩnh Thanh Vân, Thành phố Rạch Giá');
    expect(list.every((o, i) => i === 0 || o.endsWith('Thành phố Rạch Giá'))).toBe(true);
  });

  it('works when communes sit directly under the province (since July 2025)', async () => {
    const db = freshDb();
    await db.open();
    const units: AdminUnit[] = [
      { code: '91', name: 'Tỉnh An Giang', type: 'Tỉnh', level: 'province', parentCode: null },
      {
        code: '91001',
        name: 'Phường Rạch Giá',
        type: 'Phường',
        level: 'commune',
        parentCode: '91',
      },
      { code: '91002', name: 'Xã Vĩnh Hòa Hưng', type: 'Xã', level: 'commune', parentCode: '91' },
      {
        code: '91003',
        name: 'Đặc khu Phú Quốc',
        type: 'Đặc khu',
        level: 'commune',
        parentCode: '91',
      },
    ];
    await db.transaction('rw', db.adminUnits, async () => {
      await db.adminUnits.clear();
      await db.adminUnits.bulkAdd(units);
    });
    const app = await renderApp('#/new/other', {
      db,
      user: officer({ role: 'province', unitCode: '91' }),
    });
    await findForm();
    expect(options()).toEqual([
      '— Chọn xã, phường —',
      'Đặc khu Phú Quốc',
      'Phường Rạch Giá',
      'Xã Vĩnh Hòa Hưng',
    ]);

    await typeInto(app.user, 'Tên hoạt động', 'Tuyên truyền lưu động');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await expect
      .poll(() => errorOf(screen.getByLabelText('Xã, phường, thị trấn')))
      .toBe('Vui lòng nhập thông tin này.');
    await app.user.selectOptions(screen.getByLabelText('Xã, phường, thị trấn'), 'Đặc khu Phú Quốc');
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await screen.findByRole('heading', { level: 1, name: 'Tuyên truyền lưu động' });
    expect(await listActivities(db)).toEqual([expect.objectContaining({ communeCode: '91003' })]);
  });
});

describe('"Lấy vị trí"', () => {
  function fakeGeolocation(result: { ok: true; accuracy: number } | { ok: false; code: number }) {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition(ok: PositionCallback, fail: PositionErrorCallback) {
          if (result.ok) {
            ok({
              coords: { latitude: 10.0123456, longitude: 105.0801234, accuracy: result.accuracy },
              timestamp: Date.parse('2025-03-01T03:00:00Z'),
            } as GeolocationPosition);
          } else {
            fail({
              code: result.code,
              PERMISSION_DENIED: 1,
              POSITION_UNAVAILABLE: 2,
              TIMEOUT: 3,
            } as GeolocationPositionError);
          }
        },
      },
    });
  }

  it('stores the position with its accuracy and shows it', async () => {
    fakeGeolocation({ ok: true, accuracy: 12.4 });
    const app = await renderApp('#/new/other');
    await findForm();
    await typeInto(app.user, 'Tên hoạt động', 'Họp tổ nhân dân');
    await app.user.click(screen.getByRole('button', { name: 'Lấy vị trí' }));
    expect(await screen.findByText('10.01235, 105.08012 (sai số ±12 m)')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await screen.findByRole('heading', { level: 1, name: 'Họp tổ nhân dân' });
    const [saved] = await listActivities(app.db);
    expect(saved?.location).toEqual({
      lat: 10.012346,
      lng: 105.080123,
      accuracyM: 12,
      capturedAt: '2025-03-01T03:00:00.000Z',
    });
  });

  it('says why when the position cannot be had', async () => {
    fakeGeolocation({ ok: false, code: 1 });
    const app = await renderApp('#/new/other');
    await findForm();
    await app.user.click(screen.getByRole('button', { name: 'Lấy vị trí' }));
    expect(
      await screen.findByText('Không lấy được vị trí: chưa cho phép truy cập vị trí'),
    ).toBeInTheDocument();
  });
});
