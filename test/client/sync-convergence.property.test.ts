// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityOf } from '../../src/client/db/activity-search';
import {
  deleteActivity,
  getActivity,
  saveActivity,
} from '../../src/client/features/activities/store/activity-store';
import { pullAll, pushOutbox } from '../../src/client/features/sync/engine/sync-cycle';
import type { ActivityOf } from '../../src/shared/activity/activity.schema';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';
import { COMMUNE, makeActivity } from './support/activity-fixtures';
import type { DatabaseKind } from '../../src/server/db/database';
import { startRealServer, type RealServer } from './support/real-server';
import { DATABASE_KINDS } from '../server/support/test-database';
import { newClient, type TestClient } from './support/sync-client';

// Property: whatever the interleaving of local edits and deletions on two phones, pushes whose
// answers are lost (so the retry is a duplicate delivery), pulls and full syncs, once both phones
// have synced they agree with the server, and every edit an officer saved is in the server's
// history. Runs against the real server; only the wire drops answers.
type Other = ActivityOf<'other'>;
const FIELDS = ['title', 'place', 'notes'] as const;
const RECORDS = 3;

type Action =
  | { kind: 'edit'; phone: number; record: number; field: (typeof FIELDS)[number] }
  | { kind: 'delete'; phone: number; record: number }
  | { kind: 'push'; phone: number; dropAnswer: boolean }
  | { kind: 'pull'; phone: number }
  | { kind: 'sync'; phone: number };

const phoneArb = fc.integer({ min: 0, max: 1 });
const recordArb = fc.integer({ min: 0, max: RECORDS - 1 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      phone: phoneArb,
      record: recordArb,
      field: fc.constantFrom(...FIELDS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      phone: phoneArb,
      record: recordArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      phone: phoneArb,
      dropAnswer: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pull' as const), phone: phoneArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), phone: phoneArb }) },
);

let server: RealServer;
let lan: PublicUser;
let binh: PublicUser;

let valueCounter = 0;

async function run(actions: Action[]): Promise<void> {
  const phones = [await newClient(server, lan), await newClient(server, binh)];
  const api = (p: TestClient) => ({
    baseUrl: server.baseUrl,
    fetch: p.network.fetch,
    token: p.token,
  });
  const ids: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const a = makeActivity('other', {
      title: `Gốc ${i}`,
      authorId: lan.id,
      authorName: lan.displayName,
    }) as Other;
    await saveActivity(phones[0]!.db, a);
    ids.push(a.id);
  }
  expect(await phones[0]!.engine.syncNow()).toEqual({ ok: true });
  expect(await phones[1]!.engine.syncNow()).toEqual({ ok: true });

  const edits: { recordId: string; field: string; value: string; phone: number }[] = [];
  const deleted = new Set<string>();
  for (const action of actions) {
    const phone = phones[action.phone]!;
    switch (action.kind) {
      case 'edit': {
        const row = await getActivity(phone.db, ids[action.record]!);
        if (!row) break; // deleted on this phone: nothing to edit
        const value = `v${++valueCounter}`;
        await saveActivity(phone.db, { ...(activityOf(row) as Other), [action.field]: value });
        edits.push({ recordId: row.id, field: action.field, value, phone: action.phone });
        break;
      }
      case 'delete':
        if (await deleteActivity(phone.db, ids[action.record]!)) deleted.add(ids[action.record]!);
        break;
      case 'push':
        phone.network.dropPushResponses = action.dropAnswer ? 1 : 0;
        await pushOutbox(phone.db, api(phone)).catch(() => undefined);
        phone.network.dropPushResponses = 0;
        break;
      case 'pull':
        await pullAll(phone.db, api(phone));
        break;
      case 'sync':
        await phone.engine.syncNow();
        break;
    }
  }

  // Settle: both phones sync until neither has anything left to send.
  for (let round = 0; round < 3; round++) {
    for (const phone of phones) expect(await phone.engine.syncNow()).toEqual({ ok: true });
  }

  const onServer = await server.activities(phones[0]!.token);
  for (const phone of phones) {
    expect(await phone.db.outbox.count()).toBe(0);
    for (const id of ids) {
      const local = await getActivity(phone.db, id);
      const remote = onServer.get(id);
      if (!remote) {
        expect(local).toBeUndefined();
        continue;
      }
      expect(local).toBeDefined();
      expect(local!.localMeta).toMatchObject({ pendingMutations: 0, serverRev: remote.rev });
      expect(activityOf(local!)).toEqual(remote.data);
    }
  }
  // No saved edit is lost: each value reached the server and is in the record's history.
  for (const edit of edits) {
    const versions = await server.history(phones[0]!.token, edit.recordId);
    expect(versions.some((v) => v.data?.[edit.field] === edit.value)).toBe(true);
  }
  // Without deletions, a field only one phone edited ends with that phone's last value.
  for (const id of ids) {
    if (deleted.has(id)) continue;
    for (const field of FIELDS) {
      const ofField = edits.filter((e) => e.recordId === id && e.field === field);
      if (ofField.length === 0 || new Set(ofField.map((e) => e.phone)).size > 1) continue;
      expect(onServer.get(id)!.data[field]).toBe(ofField.at(-1)!.value);
    }
  }
}

/** The server of the describe running now (one at a time, in order). */
async function startServer(kind: DatabaseKind) {
  server = await startRealServer({ kind });
  lan = await server.createUser({
    username: 'lan',
    role: 'commune',
    unitCode: COMMUNE,
    displayName: 'Lan',
  });
  binh = await server.createUser({
    username: 'binh',
    role: 'commune',
    unitCode: COMMUNE,
    displayName: 'Bình',
  });
}

describe.each(DATABASE_KINDS)('sync convergence (property, %s)', (kind) => {
  beforeAll(() => startServer(kind));
  afterAll(() => server?.dispose());

  it('phones and server agree after any interleaving; no saved edit is lost', async () => {
    await fc.assert(fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 25 }), run), {
      numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 30),
      // SYNC_PROPERTY_SEED replays a failing run that fast-check printed.
      ...(process.env.SYNC_PROPERTY_SEED ? { seed: Number(process.env.SYNC_PROPERTY_SEED) } : {}),
    });
  }, 900_000);
});
