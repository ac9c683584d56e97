// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { describe, expect, it } from 'vitest';
import { activityWriteTables, writeActivities } from '../../src/client/db/local-activity-write';
import type { OutboxEntry } from '../../src/client/db/app-db';
import { addConflictNotice, markRejected } from '../../src/client/features/sync/outbox/outbox';
import { en } from '../../src/shared/i18n/en';
import { vi } from '../../src/shared/i18n/vi';
import { makeActivity } from './support/activity-fixtures';
import { waitFor } from '@testing-library/react';
import { freshDb, renderApp, screen, within } from './ui-support/render-app';

// Session 11 audit: a record edited on two phones showed its merge as "place: … («…»)" and
// "participants: {"total":1500,…}", and a refused record as "participants.female …" — the
// record's internal field names and JSON, in both languages. The officer reads the form's
// labels and values as the form shows them (1.500, dd/MM/yyyy).
const BY = 'Nguyễn Thị Lan';

async function seed() {
  const db = freshDb();
  const activity = makeActivity('other', { title: 'Họp dân ấp Tà Keo' });
  await db.transaction('rw', activityWriteTables(db), () =>
    writeActivities(db, [{ activity, state: { serverRev: 9, pendingMutations: 0, deleted: 0 } }]),
  );
  const entry = { recordId: activity.id, mutationId: 'm-1', attempts: 0 } as OutboxEntry;
  const at = '2026-12-01T10:00:00.000Z';
  const lost = { overwrittenBy: BY, overwrittenRev: 8, overwrittenAt: at };
  await addConflictNotice(
    db,
    entry,
    {
      mutationId: 'm-1',
      recordId: activity.id,
      status: 'conflict',
      rev: 9,
      data: activity,
      conflicts: [
        { path: 'place', overwrittenValue: 'Nhà văn hóa ấp 3', ...lost },
        { path: 'date', overwrittenValue: '2026-11-20', ...lost },
        {
          path: 'participants',
          overwrittenValue: { ...activity.participants, total: 1500, female: 700 },
          ...lost,
        },
      ],
    } as never,
    'Họp dân ấp Tà Keo',
    at,
  );
  return { db, activity };
}

describe('what the server said about a record, in the form’s words', () => {
  it('a merge names the fields by their labels and shows the lost values as the form does (vi)', async () => {
    const { db, activity } = await seed();
    await renderApp('#/', { db });
    const notice = await screen.findByTestId('sync-notice-conflict');
    const text = notice.textContent ?? '';
    expect(text).toContain(`${vi.field.place}: giá trị «Nhà văn hóa ấp 3» của ${BY}`);
    expect(text).toContain(`${vi.field.date}: giá trị «20/11/2026» của ${BY}`);
    expect(text).toContain(`${vi.field.participants.total}: giá trị «1.500» của ${BY}`);
    expect(text).toContain(`${vi.field.participants.female}: giá trị «700» của ${BY}`);
    expect(text).not.toMatch(/\bplace\b|\bparticipants\b|\{"|2026-11-20/);

    window.location.hash = `#/activities/${activity.id}`;
    const detail = await screen.findByRole('region', { name: vi.activityDetail.notices });
    expect(detail.textContent).toContain(`${vi.field.place}: ${BY} («Nhà văn hóa ấp 3»)`);
    expect(detail.textContent).toContain(`${vi.field.participants.total}: ${BY} («1.500»)`);
    expect(detail.textContent).not.toMatch(/\bplace\b|\bparticipants\b|\{"|"/);
  });

  it('the same in English, one line per field that differs from the record as it is now', async () => {
    const { db } = await seed();
    await renderApp('#/', { db, language: 'en' });
    const notice = await screen.findByTestId('sync-notice-conflict');
    const labels = () =>
      [...notice.querySelectorAll('li')].map((li) => li.textContent?.split(':')[0]);
    await waitFor(() =>
      expect(labels()).toEqual([
        en.field.place,
        en.field.date,
        en.field.participants.total,
        en.field.participants.female,
      ]),
    );
    expect(notice.textContent).toContain('“1,500”');
    expect(notice.textContent).toContain('“20/11/2026”');
    expect(notice.textContent).not.toMatch(/\{"|2026-11-20/);
  });

  it('a refused record names the wrong fields by their labels, on the home screen and the record', async () => {
    const db = freshDb();
    const activity = makeActivity('other', { title: 'Họp dân ấp 5' });
    await db.transaction('rw', activityWriteTables(db), () =>
      writeActivities(db, [{ activity, state: { serverRev: 0, pendingMutations: 1, deleted: 0 } }]),
    );
    const seq = await db.outbox.add({
      mutationId: 'm-9',
      recordId: activity.id,
      op: 'upsert',
      baseRev: null,
      data: activity,
      clientTime: '2026-12-01T10:00:00.000Z',
      status: 'pending',
      attempts: 0,
    } as never);
    const entry = (await db.outbox.get(seq))!;
    await markRejected(
      db,
      entry,
      {
        mutationId: 'm-9',
        recordId: activity.id,
        status: 'rejected',
        reason: 'Dữ liệu hoạt động không hợp lệ.',
        errors: [
          {
            path: 'participants.female',
            code: 'validation.exceedsTotal',
            message: 'Không được lớn hơn tổng số người tham dự.',
          },
        ],
      } as never,
      'Họp dân ấp 5',
      '2026-12-01T10:00:00.000Z',
    );
    await renderApp('#/', { db });
    const notice = await screen.findByTestId('sync-notice-rejected');
    expect(notice.textContent).toContain(vi.field.participants.female);
    expect(notice.textContent).not.toContain('participants.female');

    window.location.hash = `#/activities/${activity.id}`;
    const detail = await screen.findByRole('region', { name: vi.activityDetail.notices });
    expect(within(detail).getByText(new RegExp(`^${vi.field.participants.female}:`))).toBeVisible();
    expect(detail.textContent).not.toContain('participants.female');
  });
});
