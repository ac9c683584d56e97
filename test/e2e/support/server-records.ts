import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Change, PullResponse } from '../../../src/shared/sync/sync-protocol';
import type { Officer } from './users-cli';

// What the server stored, checked two ways: through its API with an officer's token (what that
// officer may see) and by reading its SQLite file read-only (every row, whoever may see it).

export async function apiLogin(baseUrl: string, officer: Officer): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: officer.username,
      password: officer.password,
      deviceName: 'e2e verifier',
    }),
  });
  if (!res.ok) throw new Error(`login ${officer.username}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Every change the officer may pull, from the start, following the cursor to the end. */
export async function pullEverything(baseUrl: string, token: string): Promise<Change[]> {
  const changes: Change[] = [];
  let since = '0';
  for (let page = 0; page < 1000; page++) {
    const res = await fetch(
      `${baseUrl}/api/sync/pull?since=${encodeURIComponent(since)}&limit=1000`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    if (!res.ok) throw new Error(`pull: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as PullResponse;
    changes.push(...body.changes);
    since = body.cursor;
    if (!body.hasMore) return changes;
  }
  throw new Error('pull never finished (1000 pages)');
}

/** The activities the officer sees on the server: latest version per record, tombstones dropped. */
export async function activitiesVisibleTo(
  baseUrl: string,
  officer: Officer,
): Promise<Map<string, Record<string, unknown>>> {
  const token = await apiLogin(baseUrl, officer);
  const latest = new Map<string, Change>();
  for (const change of await pullEverything(baseUrl, token)) {
    if (change.collection === 'activities') latest.set(change.recordId, change);
  }
  const visible = new Map<string, Record<string, unknown>>();
  for (const [id, change] of latest) {
    if (change.op === 'upsert') visible.set(id, change.data as Record<string, unknown>);
  }
  return visible;
}

/** The server's SQLite file (src/server/config.ts: `${DATA_DIR}/outreach-log.sqlite`). */
export function sqliteFileIn(dataDir: string): string {
  const file = join(dataDir, 'outreach-log.sqlite');
  if (!existsSync(file))
    throw new Error(`no ${file}; DATA_DIR holds: ${readdirSync(dataDir).join(', ')}`);
  return file;
}

export interface StoredActivities {
  /** id → title/topic and commune, one entry per row of the activities table. */
  rows: { id: string; communeCode: string; rev: number; deleted: number; title: string }[];
  /** How many versions the server's history holds per record. */
  versionsPerRecord: Map<string, number>;
  /** How many distinct mutation ids the server recorded as applied. */
  appliedMutations: number;
}

/** Reads the server's SQLite file read-only (WAL mode lets us read while it runs). */
export function readStoredActivities(dataDir: string): StoredActivities {
  const db = new Database(sqliteFileIn(dataDir), { readonly: true, fileMustExist: true });
  try {
    const rows =
      // The record's current JSON is its latest version in the history (changes.version = rev).
      (
        db
          .prepare(
            `select a.id, a.commune_code, a.rev, a.deleted, c.data from activities a
           left join changes c on c.record_id = a.id and c.version = a.rev`,
          )
          .all() as {
          id: string;
          commune_code: string;
          rev: number;
          deleted: number;
          data: string | null;
        }[]
      ).map((r) => {
        const data = r.data ? (JSON.parse(r.data) as Record<string, unknown>) : {};
        return {
          id: r.id,
          communeCode: r.commune_code,
          rev: r.rev,
          deleted: r.deleted,
          title: String(data.topic ?? data.title ?? ''),
        };
      });
    const versions = db
      .prepare(
        "select record_id, count(*) as n from changes where collection = 'activities' group by record_id",
      )
      .all() as { record_id: string; n: number }[];
    const applied = db.prepare('select count(distinct mutation_id) as n from mutations').get() as {
      n: number;
    };
    return {
      rows,
      versionsPerRecord: new Map(versions.map((v) => [v.record_id, v.n])),
      appliedMutations: applied.n,
    };
  } finally {
    db.close();
  }
}
