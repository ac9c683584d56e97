// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { loadFormDraft } from '../../src/client/features/activities/store/form-draft-store';
import { newActivity } from '../../src/shared/activity/activity-factory';
import type { Activity } from '../../src/shared/activity/activity.schema';
import { COMMUNE_CODE, findForm, renderApp, screen, POLL } from './ui-support/render-app';
import { typeInto } from './ui-support/fill-form';

const idFromHash = () => window.location.hash.split('/').pop()!;

describe('autosaved drafts', () => {
  it('a half-filled new form survives unmounting at once and is restored when reopened', async () => {
    const first = await renderApp('#/new/dialogue');
    await findForm();
    const hash = window.location.hash;
    await typeInto(first.user, 'Chủ đề', 'Đối thoại về vốn vay ưu đãi');
    await typeInto(first.user, 'Tổng số người tham dự', '27');
    // Closed before the 400 ms debounce has run (a phone call, the back button).
    first.unmount();
    await vi.waitFor(
      async () => expect(await loadFormDraft(first.db, idFromHash())).toBeDefined(),
      POLL,
    );

    const second = await renderApp(hash, { db: first.db });
    await findForm();
    expect(screen.getByText('Đang tiếp tục bản nháp chưa lưu.')).toBeInTheDocument();
    expect(screen.getByLabelText('Chủ đề')).toHaveValue('Đối thoại về vốn vay ưu đãi');
    expect(screen.getByLabelText('Tổng số người tham dự')).toHaveValue('27');
    expect(await second.db.activities.count()).toBe(0);
  });

  it('lists drafts on the home screen to resume, and saving removes the draft', async () => {
    const app = await renderApp('#/new/other');
    await findForm();
    const id = idFromHash();
    await typeInto(app.user, 'Tên hoạt động', 'Hội nghị triển khai kế hoạch');
    await vi.waitFor(
      async () =>
        expect((await loadFormDraft(app.db, id))?.values).toMatchObject({
          title: 'Hội nghị triển khai kế hoạch',
        }),
      POLL,
    );

    window.location.hash = '#/';
    const drafts = await screen.findByRole('region', { name: 'Bản nháp đang nhập dở' });
    expect(drafts).toHaveTextContent('Hội nghị triển khai kế hoạch');
    await app.user.click(screen.getByRole('link', { name: 'Tiếp tục' }));
    await findForm();
    expect(screen.getByLabelText('Tên hoạt động')).toHaveValue('Hội nghị triển khai kế hoạch');

    await app.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await screen.findByRole('heading', { level: 1, name: 'Hội nghị triển khai kế hoạch' });
    expect(await loadFormDraft(app.db, id)).toBeUndefined();
    expect(await app.db.activities.count()).toBe(1);
    window.location.hash = '#/';
    expect(await screen.findByText('Không có bản nháp nào.')).toBeInTheDocument();
  });

  it('unsaved edits of a stored activity are resumed instead of the stored version', async () => {
    const stored = {
      ...newActivity('community_talk', {
        communeCode: COMMUNE_CODE,
        authorId: 'officer-1',
        authorName: 'Đặng Thị Lan',
      }),
      topic: 'Sinh kế bền vững',
      speaker: 'Lê Văn Tám',
    } as Activity;
    const first = await renderApp(`#/activities/${stored.id}/edit`);
    await saveActivity(first.db, stored);
    first.unmount();

    const editing = await renderApp(`#/activities/${stored.id}/edit`, { db: first.db });
    await findForm();
    expect(screen.getByLabelText('Chuyên đề')).toHaveValue('Sinh kế bền vững');
    await typeInto(editing.user, 'Báo cáo viên', 'Phạm Thị Hồng');
    await vi.waitFor(
      async () => expect(await loadFormDraft(first.db, stored.id)).toBeDefined(),
      POLL,
    );
    editing.unmount();

    await renderApp(`#/activities/${stored.id}/edit`, { db: first.db });
    await findForm();
    expect(screen.getByLabelText('Báo cáo viên')).toHaveValue('Phạm Thị Hồng');
    // The stored record is untouched until the officer saves.
    expect(await first.db.activities.get(stored.id)).toMatchObject({ speaker: 'Lê Văn Tám' });
  });
});

describe('autosave while the officer keeps typing', () => {
  it('a long note typed without a pause is in the draft within a second, not only after the typing stops', async () => {
    // Session 11 audit, Chromium: a note typed at an even pace, then the browser killed (battery,
    // crash: no pagehide, no localStorage rescue) — the whole note was gone, because each
    // keystroke pushed the 400 ms debounce further and nothing was written until a pause.
    const app = await renderApp('#/new/other');
    await findForm();
    const id = idFromHash();
    const note = 'Ghi chú dài gõ liền một mạch không dừng lại. '.repeat(4);
    const typist = userEvent.setup({ delay: 40 });
    const typing = typist.type(screen.getByLabelText('Ghi chú'), note);
    // Keystrokes every ~40 ms; what is in IndexedDB now is what a kill would leave.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const midway = await loadFormDraft(app.db, id);
    await typing;
    const kept = (midway?.values as { notes?: string } | undefined)?.notes ?? '';
    expect(kept.length, 'characters of the note already in the draft').toBeGreaterThanOrEqual(8);
    expect(note.startsWith(kept)).toBe(true);
  });
});
