import type { ActivityOf } from '../../../src/shared/activity/activity.schema';
import type { PublicUser } from '../../../src/shared/auth/auth-protocol';
import { activityOf } from '../../../src/client/db/activity-search';
import { getActivity } from '../../../src/client/features/activities/store/activity-store';
import { COMMUNE, makeActivity, OTHER_COMMUNE } from './activity-fixtures';
import { startRealServer, type RealServer } from './real-server';
import type { TestClient } from './sync-client';

// The sync engine's tests (sync-engine*.test.ts) share one world: the real server and three
// officers — two of one commune, one of another.

export interface EngineWorld {
  server: RealServer;
  /** Commune officer of COMMUNE. */
  lan: PublicUser;
  /** Second officer of the same commune. */
  binh: PublicUser;
  /** Officer of another commune. */
  other: PublicUser;
}

export async function startEngineWorld(): Promise<EngineWorld> {
  const server = await startRealServer();
  const lan = await server.createUser({
    username: 'lan',
    role: 'commune',
    unitCode: COMMUNE,
    displayName: 'Nguyễn Thị Lan',
  });
  const binh = await server.createUser({
    username: 'binh',
    role: 'commune',
    unitCode: COMMUNE,
    displayName: 'Trần Văn Bình',
  });
  const other = await server.createUser({
    username: 'khac',
    role: 'commune',
    unitCode: OTHER_COMMUNE,
  });
  return { server, lan, binh, other };
}

export type Other = ActivityOf<'other'>;

export function activityBy(user: PublicUser, overrides: Partial<Other> = {}): Other {
  const fields = { authorId: user.id, authorName: user.displayName, ...overrides };
  return makeActivity('other', fields, user.unitCode) as Other;
}

/** The local copy as the form would load it (an 'other' activity in these tests). */
export async function localCopy(db: TestClient['db'], id: string): Promise<Other> {
  return activityOf((await getActivity(db, id))!) as Other;
}

export async function outbox(client: TestClient) {
  return client.db.outbox.orderBy('seq').toArray();
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
