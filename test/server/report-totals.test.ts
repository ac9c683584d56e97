import { describe, expect, it } from 'vitest';
import type { Selectable } from 'kysely';
import { totalsDelta, totalsSlices } from '../../src/server/modules/reports/report-totals';
import type { ActivitiesTable } from '../../src/server/db/schema';
import { STORED_MEASURES } from '../../src/shared/reports/report-measures';

// The pure half of `activity_totals`: which buckets make up a range, and what a pushed batch
// adds to them. test/server/report-totals-push.test.ts checks the stored sums on both databases.

type Row = Selectable<ActivitiesTable>;
function row(overrides: Partial<Row>): Row {
  const r = {
    id: 'a',
    geography_id: 'kien-giang-2024',
    commune_code: '30733',
    author_id: 'u',
    rev: 1,
    deleted: 0,
    updated_at: '',
    form: 'dialogue',
    status: 'complete',
    activity_date: '2025-03-10',
    search_text: '',
  } as Row;
  for (const m of STORED_MEASURES) r[m] = 0;
  return { ...r, ...overrides };
}

describe('totalsSlices', () => {
  it('reads whole months from month buckets and the days at the ends from day buckets', () => {
    expect(totalsSlices({ from: '2025-01-01', to: '2025-06-30' })).toEqual([
      { grain: 'month', from: '2025-01', to: '2025-06' },
    ]);
    // Decree 09 cut-off: 15/12 to 14/06.
    expect(totalsSlices({ from: '2024-12-15', to: '2025-06-14' })).toEqual([
      { grain: 'day', from: '2024-12-15', to: '2024-12-31' },
      { grain: 'month', from: '2025-01', to: '2025-05' },
      { grain: 'day', from: '2025-06-01', to: '2025-06-14' },
    ]);
    expect(totalsSlices({ from: '2024-02-10', to: '2024-02-29' })).toEqual([
      { grain: 'day', from: '2024-02-10', to: '2024-02-29' },
    ]);
    expect(totalsSlices({ from: '2025-03-10', to: '2025-04-20' })).toEqual([
      { grain: 'day', from: '2025-03-10', to: '2025-04-20' },
    ]);
    expect(totalsSlices({ from: '2025-03-01', to: '2025-03-31' })).toEqual([
      { grain: 'month', from: '2025-03', to: '2025-03' },
    ]);
    expect(totalsSlices({ from: '2025-03-02', to: '2025-05-31' })).toEqual([
      { grain: 'day', from: '2025-03-02', to: '2025-03-31' },
      { grain: 'month', from: '2025-04', to: '2025-05' },
    ]);
    expect(totalsSlices({ from: '2025-03-10', to: '2025-03-09' })).toEqual([]);
  });

  it('covers every day of a range exactly once', () => {
    const days = (from: string, to: string) => {
      const out: string[] = [];
      for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000)
        out.push(new Date(t).toISOString().slice(0, 10));
      return out;
    };
    for (const [from, to] of [
      ['2023-12-31', '2024-03-01'],
      ['2024-01-15', '2026-02-14'],
      ['2025-06-30', '2025-07-01'],
      ['2024-02-01', '2024-02-29'],
    ] as const) {
      const covered = totalsSlices({ from, to }).flatMap((s) =>
        s.grain === 'day'
          ? days(s.from, s.to)
          : days(`${s.from}-01`, `${s.to}-31`).filter((d) => d.slice(0, 7) <= s.to),
      );
      expect(covered).toEqual(days(from, to));
    }
  });
});

describe('totalsDelta', () => {
  it('adds a new record to its day and its month', () => {
    const rows = totalsDelta([
      { before: undefined, after: row({ participants_total: 40, participants_poor: 10 }) },
    ]);
    expect(rows.map((r) => [r.grain, r.bucket, r.activities, r.participants_total])).toEqual([
      ['month', '2025-03', 1, 40],
      ['day', '2025-03-10', 1, 40],
    ]);
  });

  it('moves an edited record between buckets and takes a deleted one away', () => {
    const before = row({ participants_total: 40 });
    const moved = row({ activity_date: '2025-03-20', participants_total: 45 });
    const rows = totalsDelta([{ before, after: moved }]);
    expect(rows.map((r) => [r.grain, r.bucket, r.activities, r.participants_total])).toEqual([
      // Same month: only the figure's difference.
      ['month', '2025-03', 0, 5],
      ['day', '2025-03-10', -1, -40],
      ['day', '2025-03-20', 1, 45],
    ]);
    const deleted = totalsDelta([{ before, after: { ...before, deleted: 1, rev: 2 } }]);
    expect(deleted.map((r) => [r.bucket, r.activities, r.participants_total])).toEqual([
      ['2025-03', -1, -40],
      ['2025-03-10', -1, -40],
    ]);
    // A tombstone written again, or a record saved unchanged, adds nothing.
    expect(
      totalsDelta([{ before: { ...before, deleted: 1 }, after: { ...before, deleted: 1 } }]),
    ).toEqual([]);
    expect(totalsDelta([{ before, after: { ...before, rev: 2 } }])).toEqual([]);
  });

  it('reads PostgreSQL’s bigint strings as numbers', () => {
    const before = row({ resources_vnd: '10000000' as unknown as number });
    const after = row({ resources_vnd: 12_000_000, status: 'draft' });
    const rows = totalsDelta([{ before, after }]);
    expect(rows.map((r) => [r.grain, r.status, r.activities, r.resources_vnd])).toEqual([
      ['month', 'complete', -1, -10_000_000],
      ['day', 'complete', -1, -10_000_000],
      ['month', 'draft', 1, 12_000_000],
      ['day', 'draft', 1, 12_000_000],
    ]);
  });
});
