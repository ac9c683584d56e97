// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/client/lib/i18n';
import { openAppDb } from '../../src/client/db/app-db';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import {
  loadFormDraft,
  saveFormDraft,
} from '../../src/client/features/activities/store/form-draft-store';
import { saveSession } from '../../src/client/features/auth/store/session-store';
import { SessionGate } from '../../src/client/app/session-gate';
import { SyncStatus } from '../../src/client/features/sync/components/sync-status';
import { VN_OFFSET_MS } from '../../src/shared/format/vi-format';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';

// Issue 14's back-pressure as the officer sees it: the real server refuses the sync with
// 503 + Retry-After (its admission gate set to refuse every sync request), and the sync card
// says "server busy, retrying at hh:mm:ss" as a status — not a red error — while the saved
// record, its outbox entry and a form being typed stay as they are. Once the server admits
// again, the same phone syncs by itself.
configure({ asyncUtilTimeout: 10_000 });

let server: RealServer;
let i18n: I18n;

beforeAll(async () => {
  server = await startRealServer({ workGate: { maxActive: 0 } });
  i18n = await createI18n('vi');
});
afterAll(async () => {
  await server.dispose();
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** Seconds since midnight of an 'hh:mm:ss' (Vietnam time) and of a moment. */
const secondsOf = (hhmmss: string) => {
  const [h, m, s] = hhmmss.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};
const vnSeconds = (ms: number) => Math.floor(((ms + VN_OFFSET_MS) % 86_400_000) / 1000);

describe('a sync the server is too busy to take', () => {
  it('says when it will retry, as a status, and touches nothing the officer wrote', async () => {
    const officer = await server.createUser({
      username: 'can.bo.ban',
      role: 'commune',
      unitCode: COMMUNE,
    });
    const token = await server.login(officer.username, 'điện thoại');
    saveSession({ token, user: officer, deviceName: 'điện thoại' });
    const db = openAppDb(officer.id);
    const saved = makeActivity('other', {
      title: 'Họp dân ấp Mỹ Lợi',
      authorId: officer.id,
      authorName: officer.displayName,
    });
    await saveActivity(db, saved);
    const typing = makeActivity('other', { title: 'Đang gõ dở: tập huấn cán bộ' });
    await saveFormDraft(db, {
      activityId: typing.id,
      type: 'other',
      values: typing,
      isNew: true,
    });

    const before = Date.now();
    render(
      <I18nextProvider i18n={i18n}>
        <SessionGate api={{ baseUrl: server.baseUrl }}>
          <SyncStatus />
        </SessionGate>
      </I18nextProvider>,
    );
    const busy = await screen.findByTestId('sync-busy', {}, { timeout: 20_000 });
    const match = /^Máy chủ đang bận, sẽ tự thử lại lúc (\d\d:\d\d:\d\d)\./.exec(
      busy.textContent ?? '',
    );
    expect(match, busy.textContent ?? '').not.toBeNull();
    // A moment just ahead (Retry-After is whole seconds; the engine's first backoff ≤ 2 s).
    const at = secondsOf(match![1]!);
    const ahead = (at - vnSeconds(before) + 86_400) % 86_400;
    expect(ahead).toBeGreaterThanOrEqual(0);
    expect(ahead).toBeLessThanOrEqual(30);
    // A status read out politely, not an alert; no red error beside it.
    expect(busy).toHaveAttribute('role', 'status');
    expect(screen.queryByTestId('sync-error')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('sync-unsynced')).toHaveTextContent('1 hoạt động chưa đồng bộ');

    // Nothing the officer wrote was touched: the record, its queued change, the form draft.
    const kept = (await db.activities.get(saved.id)) as { title?: string } | undefined;
    expect(kept?.title).toBe('Họp dân ấp Mỹ Lợi');
    expect(await db.outbox.where('recordId').equals(saved.id).count()).toBe(1);
    expect(((await loadFormDraft(db, typing.id))?.values as { title: string }).title).toBe(
      'Đang gõ dở: tập huấn cán bộ',
    );

    // The server admits again: the phone syncs on its own, at the time it said.
    await server.stop();
    await server.restart();
    await waitFor(
      () => expect(screen.getByTestId('sync-unsynced')).toHaveTextContent('Đã đồng bộ hết'),
      { timeout: 60_000 },
    );
    expect(screen.queryByTestId('sync-busy')).toBeNull();
    expect((await server.activities(token)).has(saved.id)).toBe(true);
  }, 90_000);
});
