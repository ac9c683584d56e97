// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppDb } from '../../src/client/db/app-db';
import { AppDbProvider } from '../../src/client/db/app-db-context';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { SyncStatus } from '../../src/client/features/sync/components/sync-status';
import { SyncEngine } from '../../src/client/features/sync/engine/sync-engine';
import { SyncEngineContext } from '../../src/client/features/sync/hooks/sync-engine-context';
import { createI18n } from '../../src/client/lib/i18n';
import { addAppTexts } from '../../src/client/lib/use-app-texts';
import { vi } from '../../src/shared/i18n/vi';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';

// Session 11 audit, in Chromium: the network came back after a drop and the sync card read
// "Đang tải ảnh 1/1 — 54 %" and "Đang đồng bộ…" together with the failed attempt's "Không kết
// nối được máy chủ…" — two contradicting messages for as long as the retry ran. The failure is
// said while the phone waits to retry; a retry that is running says only that it runs.
let server: RealServer;
let i18n: I18n;

beforeAll(async () => {
  server = await startRealServer();
  i18n = await createI18n('vi');
  addAppTexts(i18n);
});
afterAll(async () => {
  await server.dispose();
});
afterEach(() => cleanup());

describe('the sync card while a failed sync is retried', () => {
  it('shows the failure while waiting, not while the retry runs, and all synced after it', async () => {
    const officer = await server.createUser({
      username: 'lan.thu.lai',
      role: 'commune',
      unitCode: COMMUNE,
    });
    const token = await server.login(officer.username, 'điện thoại');
    const db = new AppDb(`retry-status-${Math.random()}`);
    // The wire only: down, then up but held until the test lets the answer through.
    let down = true;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const wire = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (down) throw new TypeError('fetch failed (offline)');
      await held;
      return fetch(input, init);
    }) as typeof fetch;
    const engine = new SyncEngine({
      db,
      userId: officer.id,
      token,
      api: { baseUrl: server.baseUrl, fetch: wire },
      periodicMs: 0,
      baseBackoffMs: 600_000,
    });
    await saveActivity(
      db,
      makeActivity('other', {
        title: 'Họp dân ấp Mỹ Lợi',
        authorId: officer.id,
        authorName: officer.displayName,
      }),
    );
    render(
      <I18nextProvider i18n={i18n}>
        <AppDbProvider db={db}>
          <SyncEngineContext.Provider value={engine}>
            <SyncStatus />
          </SyncEngineContext.Provider>
        </AppDbProvider>
      </I18nextProvider>,
    );

    expect((await engine.syncNow()).ok).toBe(false);
    await waitFor(() =>
      expect(screen.getByTestId('sync-error').textContent).toContain(vi.sync.error.network),
    );

    down = false;
    const retry = engine.syncNow();
    await waitFor(() => expect(screen.getByTestId('sync-progress').textContent).not.toBe(''));
    expect(screen.queryByTestId('sync-error')).toBeNull();
    expect(screen.getByTestId('sync-status').textContent).not.toContain(vi.sync.error.network);

    release();
    expect(await retry).toEqual({ ok: true });
    await waitFor(() =>
      expect(screen.getByTestId('sync-unsynced').textContent).toBe(vi.sync.allSynced),
    );
    engine.stop();
    await db.delete();
  });
});
