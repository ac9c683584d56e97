import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/shared/agencies/agency';
import { organiserSuggestions } from '../../src/shared/agencies/agency';
import { agencySchema, type AgenciesResponse } from '../../src/shared/agencies/agency.schema';
import { PROBLEM_TYPES, type Change, type PullResponse } from '../../src/shared/sync/sync-protocol';
import { UNITS } from './support/fixtures';
import { DATABASE_KINDS } from './support/test-database';
import { startTestServer, type Session, type TestServer } from './support/test-server';

// Organising agencies as data with validity dates: seeded by migration 0011, read by everyone,
// edited by administrators, and delivered to phones by pull (issue 9, item 5).

async function pulledAgencies(session: Session, since = '0') {
  const changes: Change[] = [];
  let cursor = since;
  for (;;) {
    const answer = await session.call<PullResponse>(
      'GET',
      `/api/sync/pull?since=${cursor}&limit=1000`,
    );
    expect(answer.status).toBe(200);
    changes.push(...answer.body.changes.filter((c) => c.collection === 'agencies'));
    cursor = answer.body.cursor;
    if (!answer.body.hasMore) return { changes, cursor };
  }
}

describe.each(DATABASE_KINDS)('organising agencies (%s)', (kind) => {
  let server: TestServer;
  let officer: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    officer = await server.officer('commune', UNITS.vinhThanh);
  });
  afterAll(() => server?.close());

  it('ships the 2025 changes of departments, with validity dates, to every phone', async () => {
    const { changes } = await pulledAgencies(officer);
    const agencies = changes.map((c) => agencySchema.parse(c.data));
    const byId = new Map(agencies.map((a) => [a.id, a]));
    expect(byId.get('so-lao-dong-tbxh-kien-giang')).toMatchObject({ validTo: '2025-02-28' });
    expect(byId.get('so-nong-nghiep-moi-truong-kien-giang')).toMatchObject({
      validFrom: '2025-03-01',
    });
    expect(organiserSuggestions(agencies, '2025-02-28', 'Phường Vĩnh Thanh')).toContain(
      'Sở Lao động – Thương binh và Xã hội tỉnh Kiên Giang',
    );
    const march = organiserSuggestions(agencies, '2025-03-01', 'Phường Vĩnh Thanh');
    expect(march).toContain('Sở Nông nghiệp và Môi trường tỉnh Kiên Giang');
    expect(march).toContain('Sở Khoa học và Công nghệ tỉnh Kiên Giang');
    expect(march).toContain('Ủy ban nhân dân Phường Vĩnh Thanh');
    expect(march.join()).not.toMatch(/Lao động|Thông tin và Truyền thông/);
    expect(organiserSuggestions(agencies, '2025-07-01', undefined)).toContain(
      'Sở Nông nghiệp và Môi trường tỉnh An Giang',
    );
  });

  it('an administrator edits the list; phones get the change on their next pull', async () => {
    const { cursor } = await pulledAgencies(officer);
    const agency: Agency = {
      id: 'so-y-te-an-giang',
      name: 'Sở Y tế tỉnh An Giang',
      validFrom: '2025-07-01',
    };
    const saved = await server.admin.call('PUT', `/api/admin/agencies/${agency.id}`, {
      body: agency,
    });
    expect(saved.status).toBe(200);
    const next = await pulledAgencies(officer, cursor);
    expect(next.changes.map((c) => c.data)).toEqual([agency]);
    const listed = await officer.call<AgenciesResponse>('GET', '/api/agencies');
    expect(listed.body.agencies).toContainEqual(agency);
  });

  it('refuses an officer, a bad date range and a mismatched id, storing nothing', async () => {
    const body = { id: 'so-moi', name: 'Sở Mới', validFrom: '2025-07-01', validTo: '2025-01-01' };
    const asOfficer = await officer.call('PUT', '/api/admin/agencies/so-moi', {
      body: { ...body, validTo: undefined },
    });
    expect(asOfficer.status).toBe(403);
    const badRange = await server.admin.call('PUT', '/api/admin/agencies/so-moi', { body });
    expect(badRange.status).toBe(400);
    expect(badRange.body.type).toBe(PROBLEM_TYPES.validation);
    const mismatch = await server.admin.call('PUT', '/api/admin/agencies/so-khac', {
      body: { ...body, validTo: undefined },
    });
    expect(mismatch.status).toBe(400);
    const listed = await server.admin.call<AgenciesResponse>('GET', '/api/agencies');
    expect(listed.body.agencies.map((a) => a.id)).not.toContain('so-moi');
    expect(listed.body.agencies.map((a) => a.id)).not.toContain('so-khac');
  });
});
