// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import type { RegisterServiceWorker } from '../../src/client/features/pwa/hooks/use-app-update';
import { loadFormDraft } from '../../src/client/features/activities/store/form-draft-store';
import type { AppDb } from '../../src/client/db/app-db';
import { findForm, renderApp, screen, POLL } from './ui-support/render-app';
import { typeInto } from './ui-support/fill-form';

/**
 * Stands in for vite-plugin-pwa's registerSW: lets the test announce a waiting service worker
 * and records what was in IndexedDB at the moment the page would have been reloaded.
 */
function fakeServiceWorker(db: () => AppDb, draftId: () => string) {
  const sw = {
    options: null as RegisterSWOptions | null,
    reloads: [] as { draft: unknown }[],
    register: ((options) => {
      sw.options = options;
      return async (reloadPage) => {
        if (reloadPage) sw.reloads.push({ draft: (await loadFormDraft(db(), draftId()))?.values });
      };
    }) as RegisterServiceWorker,
  };
  return sw;
}

const currentId = () => window.location.hash.split('/').pop()!;

describe('"new version" banner', () => {
  it('announces that the app works offline, then clears the message by itself', async () => {
    const sw = fakeServiceWorker(() => undefined as unknown as AppDb, currentId);
    await renderApp('#/', { registerSW: sw.register });
    act(() => sw.options!.onOfflineReady!());
    expect(await screen.findByText('Ứng dụng đã sẵn sàng dùng khi không có mạng.')).toBeVisible();
    await expect
      .poll(() => screen.queryByText('Ứng dụng đã sẵn sàng dùng khi không có mạng.'), {
        timeout: 12_000,
        interval: 200,
      })
      .toBeNull();
  });

  it('shows the banner and reloads only after the half-filled form is saved as a draft', async () => {
    let db: AppDb | undefined;
    const sw = fakeServiceWorker(() => db!, currentId);
    const app = await renderApp('#/new/other', { registerSW: sw.register });
    db = app.db;
    await findForm();
    expect(screen.queryByText('Đã có phiên bản mới — Cập nhật')).toBeNull();

    // The officer is typing when the new build is found: no autosave has run yet.
    await typeInto(app.user, 'Tên hoạt động', 'Tuyên truyền tại chùa Phật Lớn');
    act(() => sw.options!.onNeedRefresh!());
    const button = await screen.findByRole('button', { name: 'Đã có phiên bản mới — Cập nhật' });
    expect(sw.reloads).toHaveLength(0);

    await app.user.click(button);
    await expect.poll(() => sw.reloads.length, POLL).toBe(1);
    expect(sw.reloads[0]!.draft).toMatchObject({ title: 'Tuyên truyền tại chùa Phật Lớn' });
  });

  it('asks instead of reloading when the draft cannot be written, and "Để sau" keeps working', async () => {
    let db: AppDb | undefined;
    const sw = fakeServiceWorker(() => db!, currentId);
    const app = await renderApp('#/new/other', { registerSW: sw.register });
    db = app.db;
    await findForm();
    // The device's storage is full: draft writes fail.
    app.db.formDrafts.hook('creating', () => {
      throw new Error('QuotaExceededError (simulated)');
    });
    await typeInto(app.user, 'Tên hoạt động', 'Hội nghị');
    act(() => sw.options!.onNeedRefresh!());
    await app.user.click(
      await screen.findByRole('button', { name: 'Đã có phiên bản mới — Cập nhật' }),
    );

    expect(
      await screen.findByText(/Biểu mẫu đang có nội dung chưa lưu nháp được/),
    ).toBeInTheDocument();
    expect(sw.reloads).toHaveLength(0);
    await app.user.click(screen.getByRole('button', { name: 'Để sau' }));
    expect(sw.reloads).toHaveLength(0);
    expect(screen.getByLabelText('Tên hoạt động')).toHaveValue('Hội nghị');
  });

  it('reloads at once when nothing is unsaved', async () => {
    const sw = fakeServiceWorker(
      () => app.db,
      () => 'none',
    );
    const app = await renderApp('#/', { registerSW: sw.register });
    act(() => sw.options!.onNeedRefresh!());
    await app.user.click(
      await screen.findByRole('button', { name: 'Đã có phiên bản mới — Cập nhật' }),
    );
    await expect.poll(() => sw.reloads.length, POLL).toBe(1);
  });
});
