import { describe, expect, it } from 'vitest';
import { asciiJson, pullPageJson } from '../../src/server/modules/sync/pull-page-json';
import type { FeedRow } from '../../src/server/modules/sync/sync.repository';
import { pullResponseSchema } from '../../src/shared/sync/sync-protocol';
import type { PublicUser } from '../../src/shared/auth/auth-protocol';

const row = (overrides: Partial<FeedRow>): FeedRow => ({
  version: 7,
  collection: 'activities',
  record_id: '0190a0b0-0000-7000-8000-000000000001',
  op: 'upsert',
  geography_id: 'kien-giang-2024',
  commune_code: '30733',
  prev_geography_id: null,
  prev_commune_code: null,
  data: JSON.stringify({ title: 'Đối thoại "chính sách"\n\u2028', n: 1.5e3, list: [null] }),
  user_id: 'u1',
  device_id: 'd1',
  updated_by: 'Nguyễn Thị "Lan"',
  updated_at: '2026-11-30T04:00:00.000Z',
  ...overrides,
});

describe('pull page JSON with stored records spliced in', () => {
  it('is exactly the page JSON.stringify would make from the parsed records', () => {
    const rows = [
      row({}),
      row({ version: 8, op: 'delete', data: null }),
      row({
        version: 9,
        collection: 'admin_units',
        record_id: '30733',
        commune_code: null,
        data: '{"code":"30733"}',
      }),
    ];
    const text = pullPageJson(rows, null, '9', true);
    const expected = {
      changes: rows.map((r) => ({
        collection: r.collection,
        recordId: r.record_id,
        op: r.op,
        rev: r.version,
        data: r.data === null ? null : JSON.parse(r.data),
        updatedBy: r.updated_by,
        updatedAt: r.updated_at,
      })),
      cursor: '9',
      hasMore: true,
    };
    // JSON.stringify's text with every non-ASCII character escaped: the same value when parsed.
    expect(text).toBe(asciiJson(JSON.stringify(expected)));
    expect(pullResponseSchema.parse(JSON.parse(text))).toEqual(expected);
  });

  it('is pure ASCII (a phone decodes it about twice as fast as Vietnamese UTF-8)', () => {
    const user: PublicUser = {
      id: 'u1',
      username: 'binh',
      displayName: 'Trần Văn Bình 😀',
      role: 'commune',
      unitCode: '30733',
      geographyId: 'kien-giang-2024',
    };
    const text = pullPageJson([row({})], null, '7', false, { user });
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(text).toContain('\\u0110\\u1ed1i tho\\u1ea1i');
    const page = JSON.parse(text);
    expect(page.changes[0].data.title).toBe('Đối thoại "chính sách"\n\u2028');
    expect(page.changes[0].updatedBy).toBe('Nguyễn Thị "Lan"');
    expect(page.user.displayName).toBe('Trần Văn Bình 😀');
  });

  it('leaves ASCII, escapes and surrogate pairs as JSON.parse reads them', () => {
    const value = {
      a: 'plain "q" \\ \n',
      b: 'Ưu tiên hộ nghèo',
      c: '𝕏😀',
      d: '\u00a0\u007f\u0080',
    };
    const text = asciiJson(JSON.stringify(value));
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('turns a version of a record outside the reader units into a tombstone without its data', () => {
    const moved = row({
      commune_code: '30736',
      prev_geography_id: 'kien-giang-2024',
      prev_commune_code: '30733',
    });
    const page = JSON.parse(pullPageJson([moved], new Set(['kien-giang-2024/30733']), '7', false));
    expect(page.changes[0]).toMatchObject({ op: 'delete', data: null, rev: 7 });
    expect(
      JSON.parse(pullPageJson([moved], new Set(['kien-giang-2024/30736']), '7', false)).changes[0]
        .op,
    ).toBe('upsert');
  });

  it('writes an empty page', () => {
    expect(JSON.parse(pullPageJson([], null, '42', false))).toEqual({
      changes: [],
      cursor: '42',
      hasMore: false,
    });
  });
});
