// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadFormDraft,
  loadFormDraftWithRescue,
  rescueFormDraft,
  saveFormDraft,
} from '../../src/client/features/activities/store/form-draft-store';
import { freshDb } from './ui-support/render-app';

const ID = '0192e5a0-0000-7000-8000-000000000001';

describe('the draft written synchronously when the page goes away', () => {
  afterEach(() => localStorage.clear());

  it('is moved into formDrafts when the form opens again, then forgotten', async () => {
    const db = freshDb();
    await saveFormDraft(db, {
      activityId: ID,
      type: 'other',
      values: { title: 'Họp dân' },
      isNew: true,
    });
    await new Promise((r) => setTimeout(r, 5));
    // The last keystroke only reached localStorage before the reload.
    expect(
      rescueFormDraft(db, {
        activityId: ID,
        type: 'other',
        values: { title: 'Họp dân ấp 3' },
        isNew: true,
      }),
    ).toBe(true);
    const opened = await loadFormDraftWithRescue(db, ID);
    expect(opened?.values).toEqual({ title: 'Họp dân ấp 3' });
    expect((await loadFormDraft(db, ID))?.values).toEqual({ title: 'Họp dân ấp 3' });
    expect(localStorage.length).toBe(0);
  });

  it('never replaces a newer stored draft with an older rescued one', async () => {
    const db = freshDb();
    rescueFormDraft(db, { activityId: ID, type: 'other', values: { title: 'cũ' }, isNew: true });
    await new Promise((r) => setTimeout(r, 5));
    await saveFormDraft(db, {
      activityId: ID,
      type: 'other',
      values: { title: 'mới' },
      isNew: true,
    });
    expect((await loadFormDraftWithRescue(db, ID))?.values).toEqual({ title: 'mới' });
    expect(localStorage.length).toBe(0);
  });
});
