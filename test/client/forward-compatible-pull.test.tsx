// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppDbProvider } from '../../src/client/db/app-db-context';
import { SyncStatus } from '../../src/client/features/sync/components/sync-status';
import { SyncEngineContext } from '../../src/client/features/sync/hooks/sync-engine-context';
import { createI18n } from '../../src/client/lib/i18n';
import { addAppTexts } from '../../src/client/lib/use-app-texts';
import {
  getActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { cursorAt, knownPart } from '../../src/client/features/sync/engine/known-changes';
import { loadCursor } from '../../src/client/features/sync/engine/pull-apply';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import type { PulledChange, PulledPage } from '../../src/shared/sync/sync-protocol';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient, type TestClient } from './support/sync-client';

/** The sync card as the officer sees it, in `language`. */
async function syncCardText(phone: TestClient, language: 'vi' | 'en'): Promise<string> {
  const i18n = await createI18n(language);
  addAppTexts(i18n);
  render(
    <I18nextProvider i18n={i18n}>
      <AppDbProvider db={phone.db}>
        <SyncEngineContext.Provider value={phone.engine}>
          <SyncStatus />
        </SyncEngineContext.Provider>
      </AppDbProvider>
    </I18nextProvider>,
  );
  const card = await screen.findByTestId('sync-needs-update');
  const text = screen.getByTestId('sync-status').textContent ?? '';
  expect(card.getAttribute('role')).toBe('alert');
  cleanup();
  return text;
}

// A pull page from a newer server carrying a collection this app version does not know: the
// app applies the page up to it, keeps its cursor just before it (nothing skipped), keeps
// pushing, says it needs updating and asks the service worker for the update. Once updated it
// pulls on from that cursor and receives everything.

const change = (rev: number, collection = 'activities', op = 'upsert'): PulledChange => ({
  collection,
  recordId: `r${rev}`,
  op,
  rev,
  data: null,
});
const page = (changes: PulledChange[], cursor: string, extra: Partial<PulledPage> = {}) =>
  ({ changes, cursor, hasMore: false, ...extra }) as PulledPage;

describe('knownPart: a page cut before the first change this version does not know', () => {
  it('leaves a page of known changes as it is', () => {
    const all = page([change(5), change(6, 'geographies'), change(7, 'settings')], '7.abcdef0123');
    expect(knownPart(all, '4.abcdef0123')).toEqual({ page: all, unknown: null });
  });

  it('applies up to the unknown change and moves the cursor to the last applied version only', () => {
    const pulled = page(
      [change(5), change(6), change(8, 'household_visits'), change(9), change(11)],
      '11.abcdef0123',
      { remaining: 40, user: undefined },
    );
    const { page: known, unknown } = knownPart(pulled, '4.abcdef0123');
    expect(known.changes.map((c) => c.rev)).toEqual([5, 6]);
    expect(known.cursor).toBe('6.abcdef0123');
    // Not the end of the feed: a restarted feed's sweep must not remove anything yet.
    expect(known.hasMore).toBe(true);
    expect(known.remaining).toBeUndefined();
    expect(unknown).toEqual({ collection: 'household_visits', op: 'upsert', rev: 8 });
  });

  it('treats an unknown op like an unknown collection', () => {
    const pulled = page([change(5), change(6, 'activities', 'archive')], '6');
    const { page: known, unknown } = knownPart(pulled, '0');
    expect(known.changes.map((c) => c.rev)).toEqual([5]);
    expect(known.cursor).toBe('5');
    expect(unknown?.op).toBe('archive');
  });

  it('keeps the cursor where it was when the unknown change comes first', () => {
    const pulled = page([change(8, 'household_visits'), change(9)], '9.abcdef0123', {
      hasMore: true,
    });
    const { page: known, unknown } = knownPart(pulled, '7.abcdef0123');
    expect(known.changes).toEqual([]);
    expect(known.cursor).toBe('7.abcdef0123');
    expect(unknown?.rev).toBe(8);
  });

  it('never passes a version shared with the unknown change', () => {
    const pulled = page([change(5), change(8), change(8, 'household_visits')], '8');
    const { page: known } = knownPart(pulled, '0');
    expect(known.changes.map((c) => c.rev)).toEqual([5]);
    expect(known.cursor).toBe('5');
  });

  it('moves a cursor only when it can read it', () => {
    expect(cursorAt('1050.0123456789', 1042)).toBe('1042.0123456789');
    expect(cursorAt('1050', 1042)).toBe('1042');
    expect(cursorAt('opaque-v2', 1042)).toBeNull();
    const pulled = page([change(5), change(8, 'household_visits')], 'opaque-v2');
    expect(knownPart(pulled, '3').page.cursor).toBe('3');
  });
});

describe('forward-compatible pull against the real server', () => {
  let server: RealServer;
  let lan: PublicUser;
  let binh: PublicUser;

  beforeAll(async () => {
    server = await startRealServer();
    lan = await server.createUser({ username: 'lan', role: 'commune', unitCode: COMMUNE });
    binh = await server.createUser({ username: 'binh', role: 'commune', unitCode: COMMUNE });
  });
  afterAll(async () => server.dispose());

  const by = (user: PublicUser, title: string) =>
    makeActivity('other', { authorId: user.id, authorName: user.displayName, title }, COMMUNE);

  it('applies up to the unknown data, keeps pushing, says so, and after the update misses nothing', async () => {
    const updates: string[] = [];
    const phone = await newClient(server, lan, { requestAppUpdate: () => updates.push('asked') });
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    const before = await loadCursor(phone.db);

    const colleague = await newClient(server, binh);
    const [first, second, third] = [by(binh, 'Thứ nhất'), by(binh, 'Thứ hai'), by(binh, 'Thứ ba')];
    for (const a of [first, second, third]) await saveActivity(colleague.db, a);
    expect(await colleague.engine.syncNow()).toEqual({ ok: true });

    // A newer server: the second record's version is, to this app, of a collection it lacks.
    let secondRev = 0;
    phone.network.rewritePull = (body) => {
      const changes = body.changes as PulledChange[];
      return {
        ...body,
        changes: changes.map((c) => {
          if (c.recordId !== second.id) return c;
          secondRev = c.rev;
          return { ...c, collection: 'household_visits' };
        }),
      };
    };
    const mine = by(lan, 'Ghi trên máy trong lúc chờ cập nhật');
    await saveActivity(phone.db, mine);
    expect(await phone.engine.syncNow()).toEqual({ ok: true });

    // Pushing went on: the officer's own record reached the server.
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await getActivity(phone.db, mine.id))?.localMeta.serverRev).toBeGreaterThan(0);
    // The page applied up to the unknown change, not past it.
    expect(await getActivity(phone.db, first.id)).toMatchObject({ title: 'Thứ nhất' });
    expect(await getActivity(phone.db, second.id)).toBeUndefined();
    expect(await getActivity(phone.db, third.id)).toBeUndefined();
    const cursor = await loadCursor(phone.db);
    expect(cursor).not.toBe(before);
    expect(Number(cursor!.split('.')[0])).toBe(secondRev - 1);
    expect(phone.engine.getState()).toMatchObject({
      phase: 'idle',
      lastError: null,
      needsAppUpdate: true,
    });
    expect(updates).toEqual(['asked']);
    // The card says why new data does not come, and never "all synced" meanwhile.
    const vi = await syncCardText(phone, 'vi');
    expect(vi).toContain('Cần cập nhật ứng dụng để nhận dữ liệu mới');
    expect(vi).not.toContain('Đã đồng bộ hết');
    const en = await syncCardText(phone, 'en');
    expect(en).toContain('Update the app to receive new data');
    expect(en).not.toContain('All synced');

    // Still not updated: the next sync stops at the same place and asks no more.
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect(await loadCursor(phone.db)).toBe(cursor);
    expect(updates).toEqual(['asked']);

    // The updated app reads the same server's pages: it pulls on from the cursor.
    phone.network.rewritePull = null;
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect(await getActivity(phone.db, second.id)).toMatchObject({ title: 'Thứ hai' });
    expect(await getActivity(phone.db, third.id)).toMatchObject({ title: 'Thứ ba' });
    expect(phone.engine.getState().needsAppUpdate).toBe(false);
  });
});
