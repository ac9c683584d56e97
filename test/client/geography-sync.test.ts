import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityOf } from '../../src/client/db/activity-search';
import { searchRows } from '../../src/client/db/search-index';
import {
  getActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { loadGeographyCatalog } from '../../src/client/features/admin-units/store/admin-unit-store';
import { listSyncNotices } from '../../src/client/features/sync/store/sync-notice-store';
import { communeLabel } from '../../src/shared/geography/commune-label';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { makeActivity } from './support/activity-fixtures';
import { startRealServer, type RealServer } from './support/real-server';
import { newClient } from './support/sync-client';

// A phone offline across the July 2025 switch, against the real server (SQLite, loopback HTTP):
// it knows only the 2024 tree it shipped with, its officer keeps recording in the old ward,
// the administrator moves the account to the new Phường Rạch Giá meanwhile.
let server: RealServer;
let lan: PublicUser;

beforeAll(async () => {
  server = await startRealServer();
  lan = await server.createUser({
    username: 'lan',
    role: 'commune',
    unitCode: '30730', // Phường Vĩnh Thanh Vân (2024)
    displayName: 'Nguyễn Thị Lan',
  });
});
afterAll(async () => {
  await server.dispose();
});

describe('a phone offline across the switch', () => {
  it('its retired commune is accepted and mapped, the officer told, the new scope taken', async () => {
    const moved: PublicUser[] = [];
    const phone = await newClient(server, lan, {
      user: lan,
      onAccountChanged: (user) => moved.push(user),
    });
    phone.network.offline = true;
    const by = { authorId: lan.id, authorName: lan.displayName };
    const june = makeActivity('other', { ...by, title: 'Họp dân tháng 6', date: '2025-06-20' });
    const july = makeActivity('other', { ...by, title: 'Họp dân tháng 7', date: '2025-07-15' });
    expect(july).toMatchObject({ geographyId: 'kien-giang-2024', communeCode: '30730' });
    await saveActivity(phone.db, june);
    await saveActivity(phone.db, july);

    // Meanwhile the administrator moves the account to the new commune (users move).
    await server.moveUser(lan.id, { unitCode: '30742', geographyId: 'an-giang-2025' });

    phone.network.offline = false;
    expect(await phone.engine.syncNow()).toEqual({ ok: true });

    // Nothing lost, nothing refused: June stays in its 2024 ward, July is Rạch Giá of 2025.
    expect(await phone.db.outbox.count()).toBe(0);
    const junePhone = activityOf((await getActivity(phone.db, june.id))!);
    const julyPhone = activityOf((await getActivity(phone.db, july.id))!);
    expect(junePhone).toMatchObject({ geographyId: 'kien-giang-2024', communeCode: '30730' });
    expect(julyPhone).toMatchObject({ geographyId: 'an-giang-2025', communeCode: '30742' });
    const server_ = await server.activities(phone.token);
    expect(server_.get(july.id)?.data).toMatchObject({
      geographyId: 'an-giang-2025',
      communeCode: '30742',
    });

    // The officer is told, about the record and about the account.
    const notices = await listSyncNotices(phone.db);
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'mapped',
          recordId: july.id,
          recordTitle: 'Họp dân tháng 7',
          mapped: { fromName: 'Phường Vĩnh Thanh Vân', toName: 'Phường Rạch Giá' },
        }),
        expect.objectContaining({
          kind: 'moved',
          moved: { fromName: 'Phường Vĩnh Thanh Vân', toName: 'Phường Rạch Giá' },
        }),
      ]),
    );
    expect(moved).toEqual([
      expect.objectContaining({ id: lan.id, unitCode: '30742', geographyId: 'an-giang-2025' }),
    ]);

    // The pull brought the new geography: old records read with the present commune.
    const catalog = await loadGeographyCatalog(phone.db);
    expect(catalog.has('an-giang-2025')).toBe(true);
    expect(
      communeLabel(catalog, { geographyId: 'kien-giang-2024', code: '30730' }, '2026-01-01'),
    ).toEqual({ name: 'Phường Vĩnh Thanh Vân', presentName: 'Phường Rạch Giá' });
    const row = [...(await searchRows(phone.db))].find((r) => r.id === july.id);
    expect(row?.text).toContain('rach gia');

    // A second sync tells nothing twice.
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    expect(await listSyncNotices(phone.db)).toHaveLength(notices.length);
    phone.engine.stop();
  });

  it('a record refused before the account was moved is sent again once the move arrives, and accepted', async () => {
    // Another officer of 2024 Vĩnh Thanh, whose account nobody has moved yet: the phone syncs
    // at the office in July, before the administrator gets to the accounts.
    const hoa = await server.createUser({
      username: 'hoa',
      role: 'commune',
      unitCode: '30733', // Phường Vĩnh Thanh (2024)
      displayName: 'Lê Thị Hoa',
    });
    const phone = await newClient(server, hoa, { user: hoa });
    const by = { authorId: hoa.id, authorName: hoa.displayName };
    const july = makeActivity('other', {
      ...by,
      title: 'Họp dân tháng 7',
      date: '2025-07-16',
      communeCode: '30733',
    });
    expect(july).toMatchObject({ geographyId: 'kien-giang-2024', communeCode: '30733' });
    await saveActivity(phone.db, july);
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    // Refused (the old ward became the larger Rạch Giá, outside the unmoved account), kept.
    expect(await phone.db.outbox.where('status').equals('rejected').count()).toBe(1);
    expect((await server.activities(phone.token)).has(july.id)).toBe(false);

    await server.moveUser(hoa.id, { unitCode: '30742', geographyId: 'an-giang-2025' });
    expect(await phone.engine.syncNow()).toEqual({ ok: true });

    // The move reached the phone, and with it the refused record went again: accepted, mapped.
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await server.activities(phone.token)).get(july.id)?.data).toMatchObject({
      geographyId: 'an-giang-2025',
      communeCode: '30742',
    });
    const notices = await listSyncNotices(phone.db);
    expect(notices.map((n) => n.kind).sort()).toEqual(['mapped', 'moved']);
    const julyPhone = activityOf((await getActivity(phone.db, july.id))!);
    expect(julyPhone).toMatchObject({ geographyId: 'an-giang-2025', communeCode: '30742' });
    phone.engine.stop();
  });

  it('a mapped record whose first answer was lost: the answer to the resend still tells the officer', async () => {
    const mai = await server.createUser({
      username: 'mai',
      role: 'commune',
      unitCode: '30742',
      geographyId: 'an-giang-2025',
      displayName: 'Trần Thị Mai',
    });
    const phone = await newClient(server, mai, { user: mai });
    expect(await phone.engine.syncNow()).toEqual({ ok: true });
    const by = { authorId: mai.id, authorName: mai.displayName };
    // Recorded with the old ward for a July day (an app that had not the new map yet).
    const july = {
      ...makeActivity('other', { ...by, title: 'Họp dân cuối tháng 7', date: '2025-07-28' }),
      geographyId: 'kien-giang-2024',
      communeCode: '30736',
    };
    await saveActivity(phone.db, july);
    phone.network.dropPushResponses = 1; // the server commits, the answer never arrives
    expect((await phone.engine.syncNow()).ok).toBe(false);
    expect(await phone.engine.syncNow()).toEqual({ ok: true });

    expect(await phone.db.outbox.count()).toBe(0);
    const notices = await listSyncNotices(phone.db);
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'mapped',
        recordId: july.id,
        mapped: { fromName: 'Phường Vĩnh Quang', toName: 'Phường Rạch Giá' },
      }),
    ]);
    phone.engine.stop();
  });
});
