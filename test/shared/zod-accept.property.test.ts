import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { activitySchema } from '../../src/shared/activity/activity-record.schema';
import { type Activity } from '../../src/shared/activity/activity.schema';
import { newActivity } from '../../src/shared/activity/activity-factory';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import { compileAcceptor } from '../../src/shared/validation/zod-accept';

// The server's fast path for pushed records (compileAcceptor) must never accept what zod
// refuses, and must give exactly zod's output (same values, same keys in the same order: the
// history stores its JSON text). Refusals always come from zod itself.

const accept = compileAcceptor(activitySchema);
const NOW = Date.now() - 24 * 3600_000;

/** A filled-in record of each type, with attendees, questions, photos and a position. */
function filled(type: Activity['type'], i: number): Activity {
  const base = newActivity(type, {
    communeCode: '30742',
    geographyId: 'an-giang-2025',
    authorId: 'u1',
    authorName: 'Nguyễn Thị Lan',
    now: NOW,
  });
  const record: Record<string, unknown> = {
    ...base,
    status: i % 2 === 0 ? 'complete' : 'draft',
    place: `Nhà văn hóa ấp ${i}`,
    organiser: 'UBND phường Vĩnh Thanh',
    themes: ['programme_goals'],
    targetGroups: ['poor_households', 'residents'],
    participants: { ...base.participants, total: 40, female: 20, poor: 8, nearPoor: 5 },
    notes: 'Người dân quan tâm chính sách vay vốn.',
    location: { lat: 10.01, lng: 105.08, accuracyM: 12, capturedAt: base.createdAt },
    costVnd: 1_500_000,
    fundingSource: 'local_budget',
  };
  if (type === 'dialogue') {
    Object.assign(record, {
      topic: 'Vay vốn',
      chair: 'Chủ tịch UBND',
      questions: [{ id: 'q1', content: 'Khi nào?', answer: 'Quý III', needsFollowUp: true }],
    });
  }
  if (type === 'community_talk') Object.assign(record, { topic: 'Giảm nghèo', speaker: 'Bà B' });
  if (type === 'printed_materials') {
    Object.assign(record, {
      title: 'Tờ rơi',
      quantities: {
        leaflet: { printed: 100, distributed: 80 },
        document: { printed: 0, distributed: 0 },
        banner: { printed: 1, distributed: 1 },
        other: { printed: 0, distributed: 0 },
      },
    });
  }
  if (type === 'mass_media') {
    Object.assign(record, {
      channel: 'radio',
      title: 'Bản tin',
      itemCount: 2,
      durationMinutes: 15,
      link: i % 3 === 0 ? '' : 'https://example.vn/tin',
    });
  }
  if (type === 'training') Object.assign(record, { topic: 'Tập huấn', days: 1.5 });
  if (type === 'emulation')
    Object.assign(record, { title: 'Vì người nghèo', kind: 'commendation' });
  if (type === 'other') Object.assign(record, { title: 'Khác' });
  if (type === 'training') {
    Object.assign(record, { trainees: { povertyOfficials: 10, reportersEditors: 5, others: 25 } });
  }
  return record as Activity;
}

const VALID = ACTIVITY_TYPES.flatMap((type) => [0, 1, 2].map((i) => filled(type, i)));

/** Every path to a value in the record (objects and arrays walked). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((k) => paths((value as Record<string, unknown>)[k], [...prefix, k])),
  ];
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete target[last];
  else target[last] = value;
  return copy;
}

const tricky = fc.oneof(
  fc.constantFrom(
    '',
    '  có khoảng trắng  ',
    'x'.repeat(301),
    'x'.repeat(4001),
    '😀'.repeat(150),
    '😀'.repeat(200),
    '😀'.repeat(301),
    1_000_000_000_000,
    1_000_000_000_001,
    9007199254740993,
    366,
    366.5,
    -0,
    -1,
    0,
    0.5,
    1.25,
    1e13,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    null,
    undefined,
    [],
    {},
    true,
    'dialogue',
    'complete',
    '2026-02-30',
    '2099-01-01',
    '2024-05-09',
    '2024-05-09T03:00:00Z',
    '2024-05-09T03:00:00',
    '019012ab-cdef-7000-8000-000000000000',
    'not-a-uuid',
    'ftp://example.vn',
    'https://example.vn',
    '\u0000',
    ['programme_goals', 'programme_goals'],
    ['nope'],
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
);

describe('compileAcceptor(activitySchema)', () => {
  it('accepts every valid record of every type, with exactly zod’s output', () => {
    for (const record of VALID) {
      const zod = activitySchema.safeParse(record);
      expect(zod.success, JSON.stringify(zod.error?.issues)).toBe(true);
      const fast = accept(record);
      expect(fast).toBeDefined();
      expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
    }
  });

  it('never accepts what zod refuses, and gives zod’s output for what it accepts', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...VALID), fc.nat(), tricky, fc.boolean(), fc.boolean())
      .map(([record, pick, value, remove, extraKey]) => {
        const all = paths(record);
        const path = all[pick % all.length]!;
        const changed = setAt(record, path, value, remove);
        return extraKey && typeof changed === 'object' && changed !== null
          ? { ...changed, unknownField: value }
          : changed;
      });
    let agreedAccepts = 0;
    fc.assert(
      fc.property(fc.array(mutated, { minLength: 1, maxLength: 3 }), (inputs) => {
        for (const input of inputs) {
          const zod = activitySchema.safeParse(input);
          const fast = accept(input);
          if (fast === undefined) continue;
          expect(zod.success).toBe(true);
          expect(fast).toStrictEqual(zod.data);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
          agreedAccepts++;
        }
      }),
      { numRuns: 1500 },
    );
    // The fast path is used: many mutations (a trimmed text, an unknown key) stay valid.
    expect(agreedAccepts).toBeGreaterThan(100);
  });

  it('walks only what it knows: any other kind of schema is zod’s whole run', () => {
    const schema = z.object({
      n: z.string().transform((s) => s.length),
      d: z.number().default(3),
      t: z.string().trim().max(3),
    });
    const fast = compileAcceptor(schema);
    expect(fast({ n: 'abcd', d: 1, t: ' ab ' })).toEqual({ n: 4, d: 1, t: 'ab' });
    // A default filled in for an absent key: zod's to do.
    expect(fast({ n: 'abcd', t: 'ab' })).toBeUndefined();
    expect(fast({ n: 'abcd', d: 1, t: ' abcd ' })).toBeUndefined();
    expect(fast({ n: 1, d: 1, t: 'a' })).toBeUndefined();
  });
});
