// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { listActivities } from '../../src/client/features/activities/store/activity-store';
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
    // A refusal says how to allow it again (the browser will not ask twice).
    expect(screen.getByTestId('gps-denied-hint')).toHaveTextContent(
      /Cài đặt trang web\) → Vị trí → Cho phép/,
    );
  });
});
