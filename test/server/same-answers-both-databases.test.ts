import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/shared/ids/uuidv7';
import type { PushResponse } from '../../src/shared/sync/sync-protocol';
import { talk, UNITS, upsert } from './support/fixtures';
import type { HttpAnswer } from './support/http-client';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Issue 8: "the same answers on PostgreSQL". The same bad requests, in the same order, to a
// server on SQLite and one on PostgreSQL: every answer must be the same — status, problem type,
// message key, parameters and field errors (ids and times aside) — and never a 5xx. The fuzz
// (api-fuzz.test.ts) checks each database alone; this compares them, over the routes it does
// not reach (accounts, reports, records, targets, submissions, settings, agencies, photos).

interface World {
  server: TestServer;
  officer: Session;
  victim: Session;
}

type Who = 'admin' | 'officer';
interface Probe {
  who: Who;
  method: string;
  /** `{victim}` and `{officer}` are replaced by that account's id on each server. */
  path: string;
  body?: unknown;
  language?: 'en';
}

const NUL = 'a\u0000b';
const Q = '%00';
const HALF = 'from=2025-01-01&to=2025-06-30';
/** Stands for the pushing officer's id, replaced by each server's. */
const OFFICER_ID = '{officer-id}';

/** Each string field of a plausible body in turn holds a NUL. */
function withNulIn(who: Who, method: string, path: string, body: Record<string, unknown>) {
  return Object.keys(body).map((key): Probe => ({
    who,
    method,
    path,
    body: { ...body, [key]: NUL },
  }));
}

function probes(): Probe[] {
  const a = (method: string, path: string, body?: unknown): Probe => ({
    who: 'admin',
    method,
    path,
    body,
  });
  const o = (method: string, path: string, body?: unknown): Probe => ({
    who: 'officer',
    method,
    path,
    body,
  });
  const submission = { year: 2025, period: 'first_half', unit: UNITS.vinhThanh };
  return [
    // Accounts (the accounts screen's API).
    ...withNulIn('admin', 'PATCH', '/api/admin/users/{victim}', {
      displayName: 'Tên mới',
      unitCode: UNITS.vinhQuang,
      geographyId: 'kien-giang-2024',
    }),
    a('PATCH', '/api/admin/users/{victim}', { displayName: 'x'.repeat(121) }),
    a('PATCH', '/api/admin/users/{victim}', { role: 'king' }),
    a('PATCH', '/api/admin/users/{victim}', {}),
    a('PATCH', '/api/admin/users/{victim}', { disabled: 'yes' }),
    a('PATCH', `/api/admin/users/${uuidv7()}`, { displayName: 'Không có' }),
    ...withNulIn('admin', 'POST', '/api/admin/users', {
      username: 'nguoi.moi',
      password: 'mat-khau-dai-du',
      role: 'commune',
      unitCode: UNITS.vinhThanh,
      geographyId: 'kien-giang-2024',
      displayName: 'Người mới',
    }),
    a('POST', '/api/admin/users', { username: 'x', role: 'commune', unitCode: '1' }),
    ...withNulIn('admin', 'PUT', '/api/admin/users/{victim}/unit', {
      unitCode: UNITS.vinhQuang,
      geographyId: 'kien-giang-2024',
    }),
    a('PUT', '/api/admin/users/{victim}/unit', { unitCode: '99999999999999999999' }),
    a('PUT', '/api/admin/users/{victim}/password', { password: NUL.repeat(5) }),
    a('PUT', '/api/admin/users/{victim}/password', { password: 'ngan' }),
    a('POST', `/api/admin/users/${Q}/password-reset`),
    a('GET', `/api/admin/users/${'9'.repeat(40)}/devices`),
    a('DELETE', '/api/admin/users/{victim}/devices/' + uuidv7()),
    a('GET', `/api/admin/audit-log?limit=${2 ** 53}`),
    a('GET', `/api/admin/audit-log?before=${Q}`),
    a('GET', '/api/admin/audit-log?before=not-a-cursor'),
    o('GET', '/api/admin/users'),
    ...withNulIn('officer', 'PUT', '/api/auth/password', {
      currentPassword: 'mat-khau-thu-nghiem',
      newPassword: 'mat-khau-moi-dai',
    }),
    o('PUT', '/api/auth/password', { currentPassword: 'sai', newPassword: 'mat-khau-moi-dai' }),
    o('DELETE', `/api/auth/devices/${uuidv7()}`),
    o('DELETE', `/api/auth/devices/${Q}`),
    // Reports, records, targets, submissions.
    o('GET', `/api/reports/summary?${HALF}&unit=${Q}`),
    o('GET', `/api/reports/summary?${HALF}&unit=99999999999999999999`),
    o('GET', '/api/reports/summary?from=2025-06-30&to=2025-01-01'),
    o('GET', '/api/reports/summary?from=2025-02-30&to=2025-06-30'),
    o('GET', `/api/reports/summary?${HALF}&format=pdf`),
    o('GET', `/api/reports/monthly?${HALF}&geography=${Q}`),
    o('GET', `/api/reports/summary?${HALF}&unit=${UNITS.dongHo}`),
    o('GET', `/api/records?q=${Q}`),
    o('GET', `/api/records?author=${Q}`),
    o('GET', '/api/records?cursor=zzzz'),
    o('GET', `/api/records?limit=${2 ** 31}`),
    o('GET', '/api/records?from=2024-13-01'),
    o('GET', `/api/records/${uuidv7()}`),
    o('GET', '/api/records/not-a-uuid'),
    o('GET', `/api/records/authors?q=${Q}`),
    o('GET', `/api/reports/targets?year=${2 ** 31}`),
    o('GET', `/api/reports/submissions?year=2025&unit=${Q}`),
    ...withNulIn('officer', 'POST', '/api/reports/submissions', submission),
    o('POST', '/api/reports/submissions', { ...submission, year: 2 ** 31 }),
    ...withNulIn('officer', 'POST', '/api/reports/submissions/reopen', {
      ...submission,
      reason: 'Sửa số liệu',
    }),
    ...withNulIn('admin', 'PUT', '/api/reports/targets', {
      year: 2026,
      unit: '91',
      geography: 'an-giang-2025',
    }),
    a('PUT', '/api/reports/targets', { year: 2026, unit: '91', targets: { x: 2 ** 31 } }),
    a('PUT', '/api/admin/settings', { defaultPeriodBasis: NUL }),
    a('PUT', `/api/admin/agencies/${Q}`, { name: 'Sở' }),
    ...withNulIn('admin', 'PUT', '/api/admin/agencies/so-moi', {
      id: 'so-moi',
      name: 'Sở mới',
      validFrom: '2025-03-01',
    }),
    o('GET', `/api/agencies?since=${2 ** 63}`),
    // Photos.
    o('GET', `/api/photos/${'a'.repeat(64)}`),
    o('GET', '/api/photos/ABC'),
    o('GET', `/api/photos/${'b'.repeat(64)}/upload`),
    // Sync: cursors and versions beyond the columns.
    o('GET', `/api/sync/pull?since=${2n ** 63n}`),
    o('GET', `/api/sync/pull?since=${2 ** 31}`),
    o('GET', `/api/sync/pull?limit=${2 ** 31}`),
    o('GET', `/api/sync/history/${uuidv7()}`),
    // Login last: its limits count these failures.
    ...withNulIn('admin', 'POST', '/api/auth/login', {
      username: 'admin',
      password: 'sai-mat-khau',
      deviceName: 'Máy thử',
    }),
    { ...o('GET', `/api/records?q=${Q}`), language: 'en' },
    { ...a('PATCH', '/api/admin/users/{victim}', { displayName: NUL }), language: 'en' },
  ];
}

/** What must agree between the databases: ids, times and per-server tokens left out. */
function comparable(world: World, answer: HttpAnswer): unknown {
  const text = JSON.stringify(answer.body ?? null)
    .replaceAll(world.victim.user.id, '{victim}')
    .replaceAll(world.officer.user.id, '{officer}');
  const body = JSON.parse(text) as Record<string, unknown> | string | null;
  if (answer.status >= 400) return { status: answer.status, body };
  return { status: answer.status };
}

describe.runIf(DATABASE_KINDS.includes('postgres'))(
  'the same answers on SQLite and PostgreSQL',
  { timeout: 120_000 },
  () => {
    const worlds: Partial<Record<'sqlite' | 'postgres', World>> = {};

    beforeAll(async () => {
      for (const kind of ['sqlite', 'postgres'] as const) {
        const server = await startTestServer(kind);
        const officer = await server.officer('commune', UNITS.vinhThanh, 'Nguyễn Thị Lan');
        const victim = await server.officer('commune', UNITS.vinhQuang, 'Trần Văn Hải');
        worlds[kind] = { server, officer, victim };
      }
    });
    afterAll(async () => {
      for (const world of Object.values(worlds)) await world?.server.close();
    });

    async function send(world: World, probe: Probe): Promise<HttpAnswer> {
      const session = probe.who === 'admin' ? world.server.admin : world.officer;
      const path = probe.path
        .replaceAll('{victim}', world.victim.user.id)
        .replaceAll('{officer}', world.officer.user.id);
      return session.call(probe.method, path, {
        ...(probe.body === undefined ? {} : { body: probe.body }),
        ...(probe.language ? { headers: { 'accept-language': probe.language } } : {}),
      });
    }

    it('answers every bad request with the same status and problem+json, never a 5xx', async () => {
      const differences: string[] = [];
      for (const probe of probes()) {
        const sqlite = await send(worlds.sqlite!, probe);
        const postgres = await send(worlds.postgres!, probe);
        const what = `${probe.method} ${probe.path} ${JSON.stringify(probe.body ?? '')}`;
        for (const [kind, answer] of [
          ['sqlite', sqlite],
          ['postgres', postgres],
        ] as const) {
          if (answer.status >= 500) differences.push(`${kind} ${answer.status}: ${what}`);
          const type = answer.headers.get('content-type') ?? '';
          if (answer.status >= 400 && !type.startsWith('application/problem+json')) {
            differences.push(`${kind} ${answer.status} without problem+json: ${what}`);
          }
        }
        const [left, right] = [
          comparable(worlds.sqlite!, sqlite),
          comparable(worlds.postgres!, postgres),
        ];
        if (JSON.stringify(left) !== JSON.stringify(right)) {
          differences.push(
            `${what}\n  sqlite   ${JSON.stringify(left)}\n  postgres ${JSON.stringify(right)}`,
          );
        }
      }
      expect(differences).toEqual([]);
    });

    it('stores a NUL in no account field on either database', async () => {
      for (const world of Object.values(worlds)) {
        const users = await world!.server.admin.call<{ users: { displayName: string }[] }>(
          'GET',
          '/api/admin/users',
        );
        expect(users.status).toBe(200);
        expect(users.body.users.some((u) => u.displayName.includes('\u0000'))).toBe(false);
      }
    });

    /** The per-mutation answers of one push on each database (revs aside), as sent by each. */
    async function pushBoth(batch: unknown[]): Promise<unknown[]> {
      const answers: unknown[] = [];
      for (const kind of ['sqlite', 'postgres'] as const) {
        const world = worlds[kind]!;
        const mutations = JSON.parse(
          JSON.stringify(batch).replaceAll(OFFICER_ID, world.officer.user.id),
        ) as unknown[];
        const answer = await world.officer.call<PushResponse>('POST', '/api/sync/push', {
          body: { mutations },
        });
        answers.push(
          answer.status === 200
            ? answer.body.results.map((r) => ({
                status: r.status,
                code: 'code' in r ? r.code : undefined,
                errors: 'errors' in r ? r.errors : undefined,
              }))
            : { status: answer.status, body: answer.body },
        );
      }
      return answers;
    }

    it('answers 150 generated odd pushes the same on both databases', async () => {
      const officer = { ...worlds.sqlite!.officer.user, id: OFFICER_ID };
      const odd = fc.oneof(
        fc.constantFrom(NUL, '', ' ', 'x'.repeat(5000), -1, 0, 2 ** 31, 2 ** 53, 2 ** 63, 1.5),
        fc.constantFrom(null, true, [], {}, '2025-02-30', '9999-12-31', UNITS.dongHo, '0'),
      );
      const mutation = fc
        .record({
          field: fc.constantFrom(
            'participants',
            'communeCode',
            'geographyId',
            'date',
            'costVnd',
            'notes',
            'place',
            'type',
            'status',
            'attendees',
            'photos',
            'createdAt',
          ),
          value: odd,
          keep: fc.boolean(),
          baseRev: fc.constantFrom(null, null, 0, 1, 2 ** 31, 2 ** 53, -1, 1.5),
          op: fc.constantFrom('upsert', 'upsert', 'upsert', 'delete', 'oops'),
        })
        .map(({ field, value, keep, baseRev, op }) => {
          const record = talk(officer, UNITS.vinhThanh) as Record<string, unknown>;
          if (!keep) record[field] = value;
          return { ...upsert(record as never), baseRev, op };
        });
      const batches = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), {
        numRuns: 150,
        seed: 20261201,
      });
      const differences: string[] = [];
      // Then the first 30 again, as a phone that never got the answers: duplicates, conflicts.
      for (const batch of [...batches, ...batches.slice(0, 30)]) {
        const [sqlite, postgres] = await pushBoth(batch);
        if (JSON.stringify(sqlite) !== JSON.stringify(postgres)) {
          differences.push(
            `${JSON.stringify(batch).slice(0, 400)}\n  sqlite   ${JSON.stringify(sqlite)}\n  postgres ${JSON.stringify(postgres)}`,
          );
        }
      }
      expect(differences.slice(0, 5)).toEqual([]);
    });

    it('refuses the same mutations of one push alone, and stores the valid one beside them', async () => {
      const record = talk(worlds.sqlite!.officer.user, UNITS.vinhThanh);
      const valid = upsert(record);
      const batch = [
        { ...upsert({ ...record, id: uuidv7() }), baseRev: 2 ** 53 },
        valid,
        { ...upsert({ ...record, id: uuidv7(), place: NUL }) },
        { ...upsert({ ...record, id: uuidv7() }), recordId: uuidv7() },
        { ...upsert({ ...record, id: uuidv7(), communeCode: UNITS.dongHo }) },
      ];
      const answers: unknown[] = [];
      for (const kind of ['sqlite', 'postgres'] as const) {
        const world = worlds[kind]!;
        const mutations = JSON.parse(
          JSON.stringify(batch).replaceAll(worlds.sqlite!.officer.user.id, world.officer.user.id),
        );
        const answer = await world.officer.call<PushResponse>('POST', '/api/sync/push', {
          body: { mutations },
        });
        expect(answer.status, kind).toBe(200);
        answers.push(
          answer.body.results.map((r) => ({
            status: r.status,
            code: 'code' in r ? r.code : undefined,
            errors: 'errors' in r ? r.errors : undefined,
          })),
        );
      }
      expect(answers[1]).toEqual(answers[0]);
      expect((answers[0] as { status: string }[])[1]!.status).toBe('applied');
    });
  },
);
