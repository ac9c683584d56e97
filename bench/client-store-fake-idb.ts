import 'fake-indexeddb/auto';
import { AppDb } from '../src/client/db/app-db';
import { countUnsynced } from '../src/client/db/unsynced-count';
import {
  listActivities,
  saveActivity,
} from '../src/client/features/activities/store/activity-store';
import { newActivity } from '../src/shared/activity/activity-factory';
import type { Activity } from '../src/shared/activity/activity.schema';
import { heading, ms, row } from './support/report';

// The client repository over fake-indexeddb in Node (what the unit tests run on): an indication
// only — real browsers' IndexedDB is faster at bulk reads. `tsx bench/client-store-fake-idb.ts`.
const STORED = Number(process.env.BENCH_STORED ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const PLACES = [
  'Nhà văn hóa ấp Rạch Sỏi',
  'Chùa Kh’mer ấp 3',
  'Hội trường UBND xã',
  'Trường tiểu học',
];
const NAMES = ['Đặng Thị Hoa', 'Nguyễn Văn An', 'Thạch Sà Rênh', 'Lâm Văn Tư', 'Trần Thị Bé'];

function record(i: number): Activity {
  const a = newActivity(i % 3 === 0 ? 'dialogue' : 'community_talk', {
    communeCode: '30730',
    authorId: 'u-1',
    authorName: NAMES[i % NAMES.length]!,
    now: Date.parse('2024-01-01T00:00:00Z') + i * 60_000,
  });
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (i % 12)).padStart(2, '0');
  return {
    ...a,
    date: `2024-${month}-${day}`,
    place: PLACES[i % PLACES.length]!,
    ...(a.type === 'dialogue'
      ? {
          topic: i % 50 === 0 ? 'Đối thoại chính sách giảm nghèo' : `Họp dân số ${i}`,
          chair: NAMES[(i + 1) % 5]!,
        }
      : { topic: `Sinh kế bền vững ${i}`, speaker: NAMES[(i + 2) % 5]! }),
  } as Activity;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

async function time(n: number, work: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

const db = new AppDb(`bench-${Date.now()}`);
const seedStart = performance.now();
// Seeded through the real save path (validation, outbox, search row), as an officer would.
for (let i = 0; i < STORED; i++) await saveActivity(db, record(i));
const seedSeconds = (performance.now() - seedStart) / 1000;

// A second connection has no index in memory yet: its first search reads all search rows.
const cold = new AppDb(db.name);
const coldStart = performance.now();
await listActivities(cold, { query: 'doi thoai', limit: 50 });
const coldMs = performance.now() - coldStart;
cold.close();

const save = await time(SAMPLES, (i) => saveActivity(db, record(STORED + i)));
const searches: Record<string, ReturnType<typeof stats>> = {};
for (const query of ['doi thoai', 'dang', 'rach soi', 'zzz khong co']) {
  searches[query] = await time(SAMPLES, () => listActivities(db, { query, limit: 50 }));
}
const listMonth = await time(SAMPLES, () => listActivities(db, { month: '2024-05', limit: 50 }));
const listAll = await time(SAMPLES, () => listActivities(db, { limit: 50 }));
const unsynced = await time(SAMPLES, () => countUnsynced(db));

heading(
  `Client repository on fake-indexeddb (Node ${process.version}, ${STORED.toLocaleString('en')} stored)`,
);
row('seeding through saveActivity', `${seedSeconds.toFixed(1)} s`);
row('first search after start (index read from IndexedDB)', ms(coldMs));
row('saveActivity p50 / p95 / max', `${ms(save.p50)} / ${ms(save.p95)} / ${ms(save.max)}`);
for (const [q, s] of Object.entries(searches))
  row(`search "${q}" (first 50) p50 / p95`, `${ms(s.p50)} / ${ms(s.p95)}`);
row('list a month (first 50) p50 / p95', `${ms(listMonth.p50)} / ${ms(listMonth.p95)}`);
row('list all, newest first (first 50) p50 / p95', `${ms(listAll.p50)} / ${ms(listAll.p95)}`);
row('countUnsynced p50 / p95', `${ms(unsynced.p50)} / ${ms(unsynced.p95)}`);
await db.delete();
