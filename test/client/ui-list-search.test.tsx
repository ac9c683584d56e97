// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppDb } from '../../src/client/db/app-db';
import { activityWriteTables, writeActivities } from '../../src/client/db/local-activity-write';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { newActivity } from '../../src/shared/activity/activity-factory';
import type { Activity } from '../../src/shared/activity/activity.schema';
import type { ActivityType } from '../../src/shared/activity/activity-enums';
import { COMMUNE_CODE, freshDb, renderApp, screen, POLL } from './ui-support/render-app';

function activity(type: ActivityType, date: string, fields: Record<string, unknown>): Activity {
  return {
    ...newActivity(type, {
      communeCode: COMMUNE_CODE,
      authorId: 'officer-1',
      authorName: 'Trần Thị Lan',
    }),
    date,
    ...fields,
  } as Activity;
}

async function seeded() {
  const db = freshDb();
  await saveActivity(
    db,
    activity('dialogue', '2025-03-02', {
      topic: 'Đối thoại chính sách giảm nghèo',
      chair: 'Nguyễn Văn Hùng',
    }),
  );
  await saveActivity(
    db,
    activity('community_talk', '2025-03-20', {
      topic: 'Nuôi bò sinh sản',
      speaker: 'Đặng Văn Sáu',
    }),
  );
  await saveActivity(db, activity('other', '2025-02-11', { title: 'Hội thi giảm nghèo' }));
  return renderApp('#/activities', { db });
}

/** Titles of the listed activities, top to bottom. */
const listedTitles = () => {
  const list = screen.queryByRole('list', { name: 'Danh sách hoạt động' });
  return [...(list?.querySelectorAll('.activity-row__title') ?? [])].map((e) => e.textContent);
};

describe('activity list', () => {
  it('lists newest first and finds records by a search without diacritics', async () => {
    const app = await seeded();
    await screen.findByRole('link', { name: /Nuôi bò sinh sản/ });
    expect(listedTitles()).toEqual([
      'Nuôi bò sinh sản',
      'Đối thoại chính sách giảm nghèo',
      'Hội thi giảm nghèo',
    ]);

    await app.user.type(screen.getByLabelText('Tìm kiếm'), 'doi thoai');
    await expect.poll(listedTitles, POLL).toEqual(['Đối thoại chính sách giảm nghèo']);
    expect(window.location.hash).toBe('#/activities?q=doi+thoai');

    await app.user.clear(screen.getByLabelText('Tìm kiếm'));
    await app.user.type(screen.getByLabelText('Tìm kiếm'), 'dang');
    // "dang" finds the speaker Đặng Văn Sáu, and nothing else.
    await expect.poll(listedTitles, POLL).toEqual(['Nuôi bò sinh sản']);

    await app.user.clear(screen.getByLabelText('Tìm kiếm'));
    await app.user.type(screen.getByLabelText('Tìm kiếm'), 'khong co gi');
    expect(await screen.findByText('Chưa có hoạt động nào phù hợp.')).toBeInTheDocument();
  });

  it('filters by form and by month', async () => {
    const app = await seeded();
    await screen.findByRole('link', { name: /Nuôi bò sinh sản/ });

    await app.user.selectOptions(screen.getByLabelText('Tháng'), '02/2025');
    await expect.poll(listedTitles, POLL).toEqual(['Hội thi giảm nghèo']);

    await app.user.selectOptions(screen.getByLabelText('Tháng'), 'Tất cả các tháng');
    await app.user.selectOptions(
      screen.getByLabelText('Hình thức'),
      'Đối thoại chính sách giảm nghèo',
    );
    await expect.poll(listedTitles, POLL).toEqual(['Đối thoại chính sách giảm nghèo']);
    expect(window.location.hash).toBe('#/activities?type=dialogue');
  });

  it('shows a long list a page at a time', async () => {
    const db = freshDb();
    for (let i = 0; i < 70; i++) {
      await saveActivity(db, activity('other', '2025-01-15', { title: `Hoạt động số ${i}` }));
    }
    const app = await renderApp('#/activities', { db });
    await screen.findByRole('button', { name: 'Xem thêm' });
    expect(screen.getAllByRole('link', { name: /Hoạt động số/ })).toHaveLength(50);
    expect(screen.getByText('Đang hiện 50 / 70 hoạt động')).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Xem thêm' }));
    await expect
      .poll(() => screen.getAllByRole('link', { name: /Hoạt động số/ }).length, POLL)
      .toBe(70);
    expect(screen.queryByRole('button', { name: 'Xem thêm' })).toBeNull();
  });

  it('shows the right total (deleted records left out) from its first paint after a cold start', async () => {
    const seededDb = freshDb();
    // 600 records and 10 deleted ones (kept locally as tombstones, never counted).
    const writes = Array.from({ length: 610 }, (_, i) => ({
      activity: activity('other', '2025-01-15', { title: `Hoạt động số ${i}` }),
      state: { serverRev: i + 1, pendingMutations: 0, deleted: i % 61 === 0 ? 1 : 0 } as const,
    }));
    await seededDb.transaction('rw', activityWriteTables(seededDb), () =>
      writeActivities(seededDb, writes),
    );
    // A new connection, as after the app was closed: nothing of the list is in memory.
    const cold = new AppDb(seededDb.name);
    const seen = new Set<string>();
    const observer = new MutationObserver(() => {
      for (const node of document.querySelectorAll('[role="status"]')) {
        if (node.textContent?.startsWith('Đang hiện')) seen.add(node.textContent);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    try {
      await renderApp('#/activities', { db: cold });
      expect(await screen.findByText('Đang hiện 50 / 600 hoạt động')).toBeInTheDocument();
      expect(screen.getAllByRole('link', { name: /Hoạt động số/ })).toHaveLength(50);
    } finally {
      observer.disconnect();
      cold.close();
    }
    expect([...seen]).toEqual(['Đang hiện 50 / 600 hoạt động']);
  });
});
