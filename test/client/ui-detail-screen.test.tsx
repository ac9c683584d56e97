// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { describe, expect, it } from 'vitest';
import { activityWriteTables, writeActivities } from '../../src/client/db/local-activity-write';
import { makeActivity } from './support/activity-fixtures';
import { freshDb, renderApp, screen, within } from './ui-support/render-app';

// Issue 11 point 10: the detail screen says what an officer needs, once — no internal revision
// number, the currency once, and who entered the record apart from its cost.
describe('activity detail', () => {
  it('shows the sync state without the server revision, the amount with its currency once, and the record’s author in its own block', async () => {
    const db = freshDb();
    const activity = makeActivity('other', {
      title: 'Tọa đàm về giảm nghèo',
      costVnd: 1_500_000,
      fundingSource: 'local_budget',
    });
    await db.transaction('rw', activityWriteTables(db), () =>
      writeActivities(db, [
        { activity, state: { serverRev: 161, pendingMutations: 0, deleted: 0 } },
      ]),
    );

    await renderApp(`#/activities/${activity.id}`, { db });
    await screen.findByRole('heading', { level: 1, name: 'Tọa đàm về giảm nghèo' });

    const sync = screen.getByTestId('sync-state');
    expect(sync).toHaveTextContent('Đã đồng bộ');
    expect(document.body.textContent).not.toMatch(/phiên bản 161|\b161\b/);

    const cost = screen.getByRole('region', { name: 'Kinh phí' });
    expect(within(cost).getByText('1.500.000 đ')).toBeVisible();
    // "đồng" and "đ" together said the currency twice.
    expect(cost.textContent).not.toContain('(đồng)');
    expect(within(cost).queryByText('Người nhập')).toBeNull();
    expect(within(cost).queryByText('Tạo lúc')).toBeNull();

    const record = screen.getByRole('region', { name: 'Thông tin bản ghi' });
    expect(within(record).getByText('Người nhập')).toBeVisible();
    expect(within(record).getByText('Nguyễn Văn An')).toBeVisible();
    expect(within(record).getByText('Tạo lúc')).toBeVisible();
  });
});
