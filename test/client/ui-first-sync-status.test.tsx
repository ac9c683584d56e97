// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/client/lib/i18n';
import { openAppDb } from '../../src/client/db/app-db';
import { saveSession } from '../../src/client/features/auth/store/session-store';
import { SessionGate } from '../../src/client/app/session-gate';
import { SyncStatus } from '../../src/client/features/sync/components/sync-status';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import { MAX_PUSH_MUTATIONS } from '../../src/shared/sync/sync-protocol';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';

// A new phone's first sync as the officer sees it on the sync card, against the real server
// with more activities than one pull page holds (and the 160 units every phone receives).
const RECORDS = 1200;
const EDITED = 30;

let server: RealServer;
let i18n: I18n;

beforeAll(async () => {
  server = await startRealServer();
  i18n = await createI18n('vi');
  const colleague = await server.createUser({
    username: 'dong.nghiep',
    role: 'commune',
    unitCode: COMMUNE,
  });
  const token = await server.login(colleague.username, 'điện thoại cũ');
  const push = async (mutations: object[]) => {
    const response = await fetch(`${server.baseUrl}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ mutations }),
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: { status: string; rev: string }[] };
    expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
    return results;
  };
  for (let sent = 0; sent < RECORDS; sent += MAX_PUSH_MUTATIONS) {
    const mutations = Array.from(
      { length: Math.min(MAX_PUSH_MUTATIONS, RECORDS - sent) },
      (_, i) => {
        const data = makeActivity('other', {
          title: `Họp dân số ${sent + i + 1}`,
          authorId: colleague.id,
          authorName: colleague.displayName,
        });
        return {
          mutationId: uuidv7(),
          recordId: data.id,
          op: 'upsert',
          baseRev: null,
          data,
          clientTime: data.updatedAt,
        };
      },
    );
    const results = await push(mutations);
    // The colleague corrected some records: more versions travel than there are records, and
    // the card still counts activities (what the list will hold), not versions.
    if (sent === 0) {
      await push(
        mutations.slice(0, EDITED).map((m, i) => ({
          ...m,
          mutationId: uuidv7(),
          baseRev: results[i]!.rev,
          data: { ...m.data, place: `${m.data.place} (đã sửa)` },
        })),
      );
    }
  }
}, 60_000);
afterAll(async () => {
  await server.dispose();
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

interface Frame {
  unsynced: string;
  progress: string;
  last: string;
}

/** Every state of the sync card the DOM went through, as text. */
function recordFrames(): { frames: Frame[]; stop: () => void } {
  const frames: Frame[] = [];
  const text = (id: string) => screen.queryByTestId(id)?.textContent ?? '';
  const snap = () => {
    const frame = {
      unsynced: text('sync-unsynced'),
      progress: text('sync-progress'),
      last: text('sync-last'),
    };
    const previous = frames.at(-1);
    if (!previous || JSON.stringify(previous) !== JSON.stringify(frame)) frames.push(frame);
  };
  const observer = new MutationObserver(snap);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  return { frames, stop: () => observer.disconnect() };
}

describe('the sync card during a new phone’s first sync', () => {
  it('counts activities out of the real total and says "all synced" only once the pull is done', async () => {
    const officer = await server.createUser({
      username: 'can.bo.moi',
      role: 'commune',
      unitCode: COMMUNE,
    });
    const token = await server.login(officer.username, 'điện thoại mới');
    saveSession({ token, user: officer, deviceName: 'điện thoại mới' });
    const db = openAppDb(officer.id);

    const { frames, stop } = recordFrames();
    render(
      <I18nextProvider i18n={i18n}>
        <SessionGate api={{ baseUrl: server.baseUrl }}>
          <SyncStatus />
        </SessionGate>
      </I18nextProvider>,
    );
    await waitFor(
      () => expect(screen.getByTestId('sync-last')).toHaveTextContent('Lần đồng bộ gần nhất'),
      { timeout: 60_000 },
    );
    stop();
    expect(await db.activities.count()).toBe(RECORDS);
    expect(screen.getByTestId('sync-unsynced')).toHaveTextContent('Đã đồng bộ hết');

    // Never "all synced" while the phone had not finished its first pull.
    const early = frames.filter((f) => !f.last.includes('Lần đồng bộ gần nhất'));
    expect(early.length).toBeGreaterThan(0);
    for (const frame of early) expect(frame.unsynced).not.toContain('Đã đồng bộ');

    // "n / 1.200 hoạt động": the real total from the first page on, units never counted.
    const receiving = frames
      .map((f) => f.progress)
      .filter((p) => p.startsWith('Đang nhận') && p !== 'Đang nhận dữ liệu…');
    expect(receiving.length).toBeGreaterThan(0);
    const counts = receiving.map((p) => {
      const match = /^Đang nhận dữ liệu: ([\d.]+) \/ 1\.200 hoạt động$/.exec(p);
      expect(match, p).not.toBeNull();
      return Number(match![1]!.replaceAll('.', ''));
    });
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(Math.max(...counts)).toBeLessThanOrEqual(RECORDS);
    expect(counts.some((n) => n > 0 && n < RECORDS)).toBe(true);
  }, 90_000);
});
