// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../../src/shared/activity/activity-enums';
import { activityTitle } from '../../src/shared/activity/activity-factory';
import { todayInVietnam } from '../../src/shared/format/vi-format';
import { listActivities } from '../../src/client/features/activities/store/activity-store';
import { COMMUNE_CODE, findForm, renderApp, screen, within } from './ui-support/render-app';
import { fillCommon, fillTypeSpecific } from './ui-support/fill-form';

describe('creating each kind of activity through the UI', () => {
  it.each(ACTIVITY_TYPES)(
    'fills and saves a %s activity, then finds it in the database and the list',
    async (type) => {
      const app = await renderApp(`#/new/${type}`);
      await findForm();
      // The new form got its own id in the URL, so a reload would resume its draft.
      expect(window.location.hash).toMatch(new RegExp(`^#/new/${type}/[0-9a-f-]{36}$`));

      await fillCommon(app.user);
      const title = await fillTypeSpecific(app.user, type);
      await app.user.click(screen.getByRole('button', { name: 'Lưu' }));

      // The detail screen of the saved record.
      expect(
        await screen.findByRole('heading', { level: 1, name: title }, { timeout: 5000 }),
      ).toBeInTheDocument();
      const [saved] = await listActivities(app.db);
      expect(saved).toBeDefined();
      expect(saved).toMatchObject({
        type,
        status: 'complete',
        date: todayInVietnam(),
        communeCode: COMMUNE_CODE,
        organiser: 'UBND phường Vĩnh Thanh Vân',
        themes: ['multidimensional_poverty'],
        targetGroups: ['poor_households'],
        authorName: 'Đặng Thị Lan',
      });
      expect(activityTitle(saved!)).toBe(title);
      expect(saved!.localMeta.pendingMutations).toBe(1);
      expect(await app.db.outbox.count()).toBe(1);
      expect(await app.db.formDrafts.count()).toBe(0);

      if (saved!.type === 'printed_materials')
        expect(saved!.quantities.leaflet).toEqual({ printed: 1500, distributed: 1200 });
      if (saved!.type === 'mass_media')
        expect(saved!).toMatchObject({ channel: 'radio', itemCount: 4, durationMinutes: 60 });
      if (saved!.type === 'training')
        expect(saved!).toMatchObject({
          days: 1.5,
          trainees: { povertyOfficials: 20, reportersEditors: 0, others: 10 },
        });
      if (saved!.type === 'emulation')
        expect(saved!).toMatchObject({ commendedHouseholds: 12, resourcesVnd: 15_000_000 });
      if (saved!.type === 'dialogue') {
        expect(saved!.questions).toEqual([
          expect.objectContaining({ content: 'Xin hỗ trợ vay vốn chăn nuôi', needsFollowUp: true }),
        ]);
      }

      // …and in the activity list, marked as not yet synced.
      window.location.hash = '#/activities';
      const link = await screen.findByRole('link', { name: new RegExp(title) }, { timeout: 5000 });
      expect(within(link).getByText('Chưa đồng bộ')).toBeInTheDocument();
    },
  );
});
