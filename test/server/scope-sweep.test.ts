import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { Change, PullResponse } from '../../src/shared/sync/sync-protocol';
import type { RecordsPage } from '../../src/shared/records/records-api';
import ag2025 from '../../src/shared/geography/data/an-giang-2025.geography.json';
import kg2024 from '../../src/shared/geography/data/kien-giang-2024.geography.json';
import { talk, upsert } from './support/fixtures';
import { jpegLikeBytes } from './support/jpeg-header';
import { uploadPhoto } from './support/photo-upload';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// A tester's sweep of issue 3's and issue 9's promise "nothing outside the caller's scope ever
// appears": every role, both geographies, every read route, against an oracle written here from
// the raw geography files (not the server's GeographyCatalog), so a shared mistake cannot hide.
// Codes are reused (30742 = Vĩnh Bảo in 2024, Rạch Giá in 2025): the oracle keys every unit by
// its geography.

const KG = 'kien-giang-2024';
const AG = 'an-giang-2025';
const BEFORE = '2025-06-20';
const AFTER = '2025-08-10';
const COMPLETE = {
  status: 'complete',
  organiser: 'UBND phường',
  themes: ['programme_goals'],
  targetGroups: ['poor_households'],
} as Partial<Activity>;

interface RawUnit {
  code: string;
  level: string;
  parentCode: string | null;
}
const units = { [KG]: kg2024.units as RawUnit[], [AG]: ag2025.units as RawUnit[] };
const communes = (g: typeof KG | typeof AG) => units[g].filter((u) => u.level === 'commune');
const parentOf2024 = new Map(units[KG].map((u) => [u.code, u.parentCode]));
const newOf = new Map(ag2025.predecessor.communes.map((m) => [m.fromCode, m.toCode]));
const oldOf = new Map<string, string[]>();
for (const [from, to] of newOf) oldOf.set(to, [...(oldOf.get(to) ?? []), from]);

type Ref = { geographyId: string; code: string };
/** The 2024 communes under a 2024 unit (itself when a commune). */
const under2024 = (code: string): Set<string> => {
  const out = new Set<string>();
  for (const u of communes(KG)) {
    for (let at: string | null | undefined = u.code; at; at = parentOf2024.get(at)) {
      if (at === code) out.add(u.code);
    }
  }
  return out;
};
/** The oracle: may a reader whose unit is `unit` see a record of `commune`? ("wholly within") */
function within(commune: Ref, unit: Ref): boolean {
  if (unit.code === '91' && unit.geographyId === AG) return true;
  if (unit.geographyId === AG) {
    return commune.geographyId === AG
      ? commune.code === unit.code
      : newOf.get(commune.code) === unit.code;
  }
  const area = under2024(unit.code);
  if (commune.geographyId === KG) return area.has(commune.code);
  const old = oldOf.get(commune.code) ?? [];
  return old.length > 0 && old.every((c) => area.has(c));
}

interface Reader {
  name: string;
  session: Session;
  unit: Ref;
  wide: boolean;
}

describe.each(DATABASE_KINDS)('nothing outside the caller’s scope (%s)', (kind) => {
  let server: TestServer;
  let readers: Reader[];
  /** Every record stored, with its (server-side) geography and commune. */
  const stored = new Map<string, Activity>();

  beforeAll(async () => {
    server = await startTestServer(kind);
    const officer = async (
      name: string,
      role: 'commune' | 'district' | 'province' | 'agency',
      unit: Ref,
    ): Promise<Reader> => ({
      name,
      session: await server.officer(role, unit),
      unit,
      wide: role === 'province' || role === 'agency',
    });
    readers = await Promise.all([
      officer('province', 'province', { geographyId: AG, code: '91' }),
      officer('agency', 'agency', { geographyId: AG, code: '91' }),
      officer('commune Rạch Giá 2025', 'commune', { geographyId: AG, code: '30742' }),
      officer('commune Vĩnh Thông 2025 (two old districts)', 'commune', {
        geographyId: AG,
        code: '30760',
      }),
      officer('commune Bình Đức 2025 (old An Giang)', 'commune', {
        geographyId: AG,
        code: '30292',
      }),
      officer('commune Vĩnh Bảo 2024 (unmoved)', 'commune', { geographyId: KG, code: '30742' }),
      officer('commune Vĩnh Thanh 2024 (unmoved)', 'commune', { geographyId: KG, code: '30733' }),
      officer('district Rạch Giá 2024', 'district', { geographyId: KG, code: '899' }),
      officer('district Hà Tiên 2024', 'district', { geographyId: KG, code: '900' }),
    ]);
    readers.push({
      name: 'admin',
      session: server.admin,
      unit: { geographyId: AG, code: '91' },
      wide: true,
    });
    // The province writes its own records anywhere: one before the switch in every 2024 commune,
    // one after it in every 2025 commune.
    const province = readers[0]!.session;
    const all = [
      ...communes(KG).map((u) =>
        talk(province.user, u.code, { date: BEFORE, ...COMPLETE } as Partial<Activity>),
      ),
      ...communes(AG).map((u) =>
        talk(province.user, u.code, {
          date: AFTER,
          geographyId: AG,
          ...COMPLETE,
        } as Partial<Activity>),
      ),
    ];
    for (let i = 0; i < all.length; i += 100) {
      const results = await province.push(all.slice(i, i + 100).map((a) => upsert(a)));
      expect(results.every((r) => r.status === 'applied')).toBe(true);
    }
    for (const a of all) stored.set(a.id, a);
    // Commune officers' own records (their phones pull them; district phones pull nothing).
    for (const r of readers.filter((x) => !x.wide && x.name.startsWith('commune'))) {
      const geographyId = r.unit.geographyId;
      const own = talk(r.session.user, r.unit.code, {
        date: geographyId === AG ? AFTER : BEFORE,
        geographyId,
      } as Partial<Activity>);
      const [result] = await r.session.push([upsert(own)]);
      expect(result?.status, r.name).toBe('applied');
      stored.set(own.id, own);
    }
  }, 120_000);
  afterAll(() => server?.close());

  const visibleTo = (r: Reader) =>
    new Set(
      [...stored.values()]
        .filter(
          (a) => r.wide || within({ geographyId: a.geographyId, code: a.communeCode }, r.unit),
        )
        .map((a) => a.id),
    );

  async function pullIds(r: Reader, query = '') {
    const ids = new Set<string>();
    let cursor = '0';
    for (;;) {
      const answer = await r.session.call<PullResponse>(
        'GET',
        `/api/sync/pull?since=${cursor}&limit=1000${query}`,
      );
      if (answer.status !== 200) return answer.status;
      for (const c of answer.body.changes as Change[]) {
        if (c.collection === 'activities' && c.op !== 'delete') ids.add(c.recordId);
      }
      cursor = answer.body.cursor;
      if (!answer.body.hasMore) return ids;
    }
  }

  async function browseIds(r: Reader, query = '', limit = 100) {
    const ids = new Set<string>();
    let cursor = '';
    for (;;) {
      const answer = await r.session.call<RecordsPage>(
        'GET',
        `/api/records?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (answer.status !== 200) return answer.status;
      for (const item of answer.body.items) {
        expect(ids.has(item.id), `${r.name}: ${item.id} on two pages`).toBe(false);
        ids.add(item.id);
      }
      if (!answer.body.nextCursor) return ids;
      cursor = answer.body.nextCursor;
    }
  }

  it('the oracle agrees with the issue’s own examples', () => {
    const rachGia = { geographyId: AG, code: '30742' };
    for (const ward of ['30733', '30736', '30739', '30730', '30742']) {
      expect(within({ geographyId: KG, code: ward }, rachGia)).toBe(true);
    }
    expect(within({ geographyId: AG, code: '30742' }, { geographyId: KG, code: '30742' })).toBe(
      false,
    );
    expect(within({ geographyId: AG, code: '30292' }, { geographyId: KG, code: '899' })).toBe(
      false,
    );
  });

  it('pull: a commune phone gets exactly its scope; phones above the commune only their own', async () => {
    for (const r of readers) {
      const got = await pullIds(r);
      expect(got, r.name).toBeInstanceOf(Set);
      const expected =
        r.session.user.role === 'commune'
          ? visibleTo(r)
          : new Set(
              [...stored.values()].filter((a) => a.authorId === r.session.user.id).map((a) => a.id),
            );
      expect([...(got as Set<string>)].sort(), r.name).toEqual([...expected].sort());
    }
  });

  it('records browser: exactly the scope, for every role', async () => {
    for (const r of readers) {
      const got = await browseIds(r);
      expect(got, r.name).toBeInstanceOf(Set);
      expect([...(got as Set<string>)].sort(), r.name).toEqual([...visibleTo(r)].sort());
    }
  });

  it('records browser in small pages (the paged walks): the same scope, no record twice or missed', async () => {
    for (const r of readers) {
      for (const query of ['', '&q=chinh%20sach']) {
        const got = await browseIds(r, query, 7);
        expect([...(got as Set<string>)].sort(), `${r.name} ${query}`).toEqual(
          [...visibleTo(r)].sort(),
        );
      }
    }
  }, 120_000);

  it('record detail and history: every record out of scope is refused, every one in scope read', async () => {
    for (const r of readers) {
      const visible = visibleTo(r);
      for (const a of stored.values()) {
        const detail = await r.session.call('GET', `/api/records/${a.id}`);
        const history = await r.session.call('GET', `/api/sync/history/${a.id}`);
        const ok = visible.has(a.id);
        expect(
          [detail.status, history.status],
          `${r.name} ${a.geographyId}/${a.communeCode}`,
        ).toEqual(ok ? [200, 200] : [expect.any(Number), expect.any(Number)]);
        if (!ok) {
          expect([403, 404], `${r.name} detail ${a.geographyId}/${a.communeCode}`).toContain(
            detail.status,
          );
          expect([403, 404], `${r.name} history ${a.geographyId}/${a.communeCode}`).toContain(
            history.status,
          );
        }
      }
    }
  }, 120_000);

  /** Units a reader might ask about, in both geographies (30742 and 91 in each). */
  const probes: Ref[] = [
    { geographyId: AG, code: '91' },
    { geographyId: KG, code: '91' },
    { geographyId: KG, code: '899' },
    { geographyId: KG, code: '900' },
    { geographyId: KG, code: '30742' },
    { geographyId: AG, code: '30742' },
    { geographyId: KG, code: '30733' },
    { geographyId: AG, code: '30760' },
    { geographyId: AG, code: '30292' },
    { geographyId: AG, code: '30769' },
  ];
  /** The communes of a unit in its own geography. */
  const communesOf = (u: Ref): Ref[] =>
    u.geographyId === KG
      ? [...under2024(u.code)].map((code) => ({ geographyId: KG, code }))
      : u.code === '91'
        ? communes(AG).map((c) => ({ geographyId: AG, code: c.code }))
        : [u];
  const mayAsk = (r: Reader, u: Ref) => r.wide || communesOf(u).every((c) => within(c, r.unit));
  const inUnit = (u: Ref) =>
    [...stored.values()].filter((a) =>
      within({ geographyId: a.geographyId, code: a.communeCode }, u),
    );
  const q = (u: Ref) => `unit=${u.code}&geography=${u.geographyId}`;

  it('records browser and pull by unit: a unit outside the scope is refused, one inside gives exactly its records', async () => {
    for (const r of readers) {
      for (const u of probes) {
        const expected = new Set(inUnit(u).map((a) => a.id));
        const browsed = await browseIds(r, `&${q(u)}`);
        const pulled = await pullIds(r, `&${q(u)}`);
        const label = `${r.name} asks ${u.geographyId}/${u.code}`;
        if (mayAsk(r, u)) {
          expect([...(browsed as Set<string>)].sort(), label).toEqual([...expected].sort());
          expect([...(pulled as Set<string>)].sort(), label).toEqual([...expected].sort());
        } else {
          // Refused, or (a filter) nothing outside the scope: never a record the reader may not see.
          const visible = visibleTo(r);
          for (const got of [browsed, pulled]) {
            if (got instanceof Set) {
              expect(
                [...got].filter((id) => !visible.has(id)),
                label,
              ).toEqual([]);
            } else expect([403], label).toContain(got);
          }
        }
      }
    }
  }, 120_000);

  it('authors of the records browser: only records in scope are counted', async () => {
    for (const r of readers) {
      const answer = await r.session.call<{ authors: { authorId: string; count: number }[] }>(
        'GET',
        '/api/records/authors',
      );
      expect(answer.status, r.name).toBe(200);
      const visible = [...stored.values()].filter((a) => visibleTo(r).has(a.id));
      const counts = new Map<string, number>();
      for (const a of visible) counts.set(a.authorId, (counts.get(a.authorId) ?? 0) + 1);
      expect(
        Object.fromEntries(answer.body.authors.map((a) => [a.authorId, a.count])),
        r.name,
      ).toEqual(Object.fromEntries(counts));
    }
  });

  it('reports (JSON, CSV, XLSX, monthly): refused outside the scope; inside, the unit’s records add up in either geography', async () => {
    const period = 'from=2025-01-01&to=2025-12-31';
    for (const r of readers) {
      for (const u of probes) {
        const label = `${r.name} report of ${u.geographyId}/${u.code}`;
        const json = await r.session.call('GET', `/api/reports/summary?${period}&${q(u)}`);
        const csv = await r.session.call(
          'GET',
          `/api/reports/summary?${period}&${q(u)}&format=csv`,
        );
        const xlsx = await r.session.call(
          'GET',
          `/api/reports/summary?${period}&${q(u)}&format=xlsx`,
        );
        const monthly = await r.session.call('GET', `/api/reports/monthly?${period}&${q(u)}`);
        if (!mayAsk(r, u)) {
          expect([json.status, csv.status, xlsx.status, monthly.status], label).toEqual([
            403, 403, 403, 403,
          ]);
          continue;
        }
        expect([json.status, csv.status, xlsx.status, monthly.status], label).toEqual([
          200, 200, 200, 200,
        ]);
        const expected = inUnit(u).filter((a) => a.status === 'complete').length;
        expect(json.body.total.total.activities, label).toBe(expected);
        // The commune officers' own records are drafts: counted apart, never as activities.
        const drafts = inUnit(u).length - expected;
        expect(json.body.total.draftTotal, label).toBe(drafts);
        const rows = [...json.body.rows, ...json.body.unplaced].reduce(
          (n: number, row: { total: { activities: number } }) => n + row.total.activities,
          0,
        );
        // A commune has no child rows: its total is its own.
        if (communesOf(u).length > 1 || json.body.rows.length > 0)
          expect(rows, label).toBe(expected);
        const months = monthly.body.months.reduce(
          (n: number, m: { total: number }) => n + m.total,
          0,
        );
        expect(months, label).toBe(expected);
      }
    }
  }, 120_000);

  it('reports by default: each reader’s own unit, in its own geography', async () => {
    const period = 'from=2025-01-01&to=2025-12-31';
    for (const r of readers) {
      const json = await r.session.call('GET', `/api/reports/summary?${period}`);
      expect(json.status, r.name).toBe(200);
      expect(json.body.geography, r.name).toBe(r.unit.geographyId);
      expect(json.body.unit.code, r.name).toBe(r.unit.code);
      const visible = [...stored.values()].filter((a) => visibleTo(r).has(a.id));
      const complete = visible.filter((a) => a.status === 'complete').length;
      expect(json.body.total.total.activities, r.name).toBe(complete);
      expect(json.body.total.draftTotal, r.name).toBe(visible.length - complete);
    }
  });

  it('targets and submissions: another unit’s are refused, in either geography', async () => {
    for (const r of readers) {
      for (const u of probes) {
        const label = `${r.name} targets/submissions of ${u.geographyId}/${u.code}`;
        const targets = await r.session.call('GET', `/api/reports/targets?year=2025&${q(u)}`);
        const status = await r.session.call(
          'GET',
          `/api/reports/submissions?period=full_year&year=2025&${q(u)}`,
        );
        const history = await r.session.call(
          'GET',
          `/api/reports/submissions/history?period=full_year&year=2025&${q(u)}`,
        );
        const statuses = [targets.status, status.status, history.status];
        if (mayAsk(r, u)) expect(statuses, label).toEqual([200, 200, 200]);
        else expect(statuses, label).toEqual([403, 403, 403]);
      }
    }
  });

  it('records browser with filters (words, author, form, status, dates): never beyond the scope, nothing in it missed', async () => {
    const provinceId = readers[0]!.session.user.id;
    const filters: [string, (a: Activity) => boolean][] = [
      ['&q=chinh%20sach%20ho%20ngheo', () => true],
      ['&q=nha%20van%20hoa&status=complete', (a) => a.status === 'complete'],
      [`&author=${provinceId}`, (a) => a.authorId === provinceId],
      ['&form=community_talk&from=2025-07-01', (a) => a.date >= '2025-07-01'],
      ['&to=2025-06-30&status=draft', (a) => a.date <= '2025-06-30' && a.status === 'draft'],
      [
        `&q=hoa&author=${provinceId}&from=2025-01-01&to=2025-12-31`,
        (a) => a.authorId === provinceId,
      ],
    ];
    for (const r of readers) {
      const visible = [...stored.values()].filter((a) => visibleTo(r).has(a.id));
      for (const [query, keep] of filters) {
        const got = await browseIds(r, query);
        expect(got, `${r.name} ${query}`).toBeInstanceOf(Set);
        expect([...(got as Set<string>)].sort(), `${r.name} ${query}`).toEqual(
          visible
            .filter(keep)
            .map((a) => a.id)
            .sort(),
        );
      }
    }
  }, 120_000);

  it('photos: read by whoever may read a record holding them, refused to everyone else', async () => {
    const province = readers[0]!.session;
    const places: Ref[] = [
      { geographyId: KG, code: '30742' },
      { geographyId: AG, code: '30742' },
      { geographyId: AG, code: '30760' },
      { geographyId: AG, code: '30292' },
      { geographyId: KG, code: '30769' },
    ];
    const photos: { place: Ref; hash: string }[] = [];
    for (const place of places) {
      const bytes = jpegLikeBytes(2_000, 800, 600);
      const hash = await uploadPhoto(province, bytes);
      const record = talk(province.user, place.code, {
        date: place.geographyId === AG ? AFTER : BEFORE,
        geographyId: place.geographyId,
        photos: [
          {
            sha256: hash,
            mime: 'image/jpeg',
            size: bytes.length,
            width: 800,
            height: 600,
            caption: 'Ảnh minh chứng',
            signedSheet: false,
            addedAt: new Date().toISOString(),
          },
        ],
      } as Partial<Activity>);
      const [result] = await province.push([upsert(record)]);
      expect(result?.status).toBe('applied');
      photos.push({ place, hash });
    }
    for (const r of readers) {
      for (const { place, hash } of photos) {
        const answer = await fetch(`${r.session.baseUrl}/api/photos/${hash}`, {
          headers: { authorization: `Bearer ${r.session.token}` },
        });
        await answer.arrayBuffer();
        const may = r.wide || within(place, r.unit);
        expect(answer.status, `${r.name} photo of ${place.geographyId}/${place.code}`).toBe(
          may ? 200 : 403,
        );
      }
    }
  });

  it('setting targets and submitting: only for units the role may, never by a reused code', async () => {
    for (const r of readers) {
      const role = r.session.user.role;
      for (const u of probes) {
        const label = `${r.name} writes for ${u.geographyId}/${u.code}`;
        const targets = await r.session.call('PUT', '/api/reports/targets', {
          body: { geography: u.geographyId, unit: u.code, year: 2026, targets: {} },
        });
        // Province and admin set anyone's; a district of the map in force its own area (none
        // is left: the 2024 districts read only); communes and agencies set none.
        const maySet = role === 'province' || role === 'admin';
        expect(targets.status, `${label} targets`).toBe(maySet ? 200 : 403);
        const submitted = await r.session.call('POST', '/api/reports/submissions', {
          body: { unit: u.code, geography: u.geographyId, period: 'first_half', year: 2026 },
        });
        const own = u.geographyId === r.unit.geographyId && u.code === r.unit.code;
        if (submitted.status === 201) {
          expect(own, `${label} submission`).toBe(true);
          const reopened = await r.session.call('POST', '/api/reports/submissions/reopen', {
            body: {
              unit: u.code,
              geography: u.geographyId,
              period: 'first_half',
              year: 2026,
              reason: 'Kiểm tra lại',
            },
          });
          expect(reopened.status, `${label} reopen`).toBe(200);
        } else expect([403], `${label} submission`).toContain(submitted.status);
      }
    }
  });

  it('history of a record moved into a reader’s commune: only the versions that lay within the reader’s scope', async () => {
    const province = readers[0]!.session;
    const record = talk(province.user, '30769', { date: BEFORE, place: 'Nhà riêng ở Đông Hồ' });
    const [made] = await province.push([upsert(record)]);
    const moved = { ...record, communeCode: '30733', place: 'Nhà văn hóa Vĩnh Thanh' } as Activity;
    const rev = made && 'rev' in made ? made.rev : -1;
    const [second] = await province.push([upsert(moved, rev)]);
    expect(second?.status).toBe('applied');
    for (const r of readers) {
      const answer = await r.session.call<{ versions: { data: Activity | null }[] }>(
        'GET',
        `/api/sync/history/${record.id}`,
      );
      const seesNow = r.wide || within({ geographyId: KG, code: '30733' }, r.unit);
      expect(answer.status, r.name).toBe(seesNow ? 200 : 403);
      if (!seesNow) continue;
      const places = answer.body.versions.map((v) => v.data?.place);
      const seesBefore = r.wide || within({ geographyId: KG, code: '30769' }, r.unit);
      expect(places, r.name).toEqual(
        seesBefore ? ['Nhà riêng ở Đông Hồ', 'Nhà văn hóa Vĩnh Thanh'] : ['Nhà văn hóa Vĩnh Thanh'],
      );
    }
  });

  it('a period lock reaches the phones of the communes it covers (any map), and no other', async () => {
    const rachGia = readers.find((r) => r.name === 'commune Rạch Giá 2025')!.session;
    const period = { period: 'full_year', year: 2026 } as const;
    expect((await rachGia.call('POST', '/api/reports/submissions', { body: period })).status).toBe(
      201,
    );
    const lockId = `${AG}~30742~full_year~2026`;
    // It covers the new Rạch Giá and its ten old wards (Vĩnh Bảo, 30742 of 2024, among them).
    const covered = [
      { geographyId: AG, code: '30742' },
      ...(oldOf.get('30742') ?? []).map((code) => ({ geographyId: KG, code })),
    ];
    for (const r of readers) {
      let cursor = '0';
      const ids = new Set<string>();
      for (;;) {
        const page = await r.session.call<PullResponse>(
          'GET',
          `/api/sync/pull?since=${cursor}&limit=1000`,
        );
        for (const c of page.body.changes) if (c.collection === 'period_locks') ids.add(c.recordId);
        cursor = page.body.cursor;
        if (!page.body.hasMore) break;
      }
      const concerns = r.wide || covered.some((c) => within(c, r.unit));
      expect(ids.has(lockId), r.name).toBe(concerns);
    }
  });
});
