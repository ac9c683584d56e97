// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveActivity } from '../../src/client/features/activities/store/activity-store';
import { KIEN_GIANG_2024 } from '../../src/shared/geography/geography-ids';
import { reportsVi as R } from '../../src/shared/i18n/reports.vi';
import { vi as VI } from '../../src/shared/i18n/vi';
import { reportFixture } from '../shared/support/report-fixtures';
import { errorOf, freshDb, officer, renderApp, screen, within } from './ui-support/render-app';

// The period picker of Báo cáo, on a commune officer's phone with no network (the report is
// computed on the phone): six months and whole year on both bases — calendar and the data
// cut-off of Decree 09/2019/NĐ-CP — and an ad hoc from–to typed as dd/MM/yyyy and checked.
const user = officer({ unitCode: '30733', geographyId: KIEN_GIANG_2024 });
const fixture = reportFixture({ id: user.id, name: user.displayName }).filter(
  (a) => a.communeCode === '30733' && a.geographyId === KIEN_GIANG_2024,
);
const completeIn = (from: string, to: string) =>
  fixture.filter((a) => a.status === 'complete' && a.date >= from && a.date <= to).length;
const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');

beforeAll(() => {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
});
afterAll(() => {
  delete (navigator as { onLine?: boolean }).onLine;
  if (onLine) Object.defineProperty(Navigator.prototype, 'onLine', onLine);
});

async function activitiesShown(): Promise<string> {
  const table = await screen.findByRole('table', { name: R.summary });
  const row = within(table).getByRole('row', { name: /Phường Vĩnh Thanh/ });
  return within(row).getAllByRole('cell')[7]!.textContent!;
}

const select = (label: string) => screen.getByRole('combobox', { name: label });

describe('period picker', { timeout: 60_000 }, () => {
  it('six months and the year, by calendar and by the Decree 09 cut-off, change the figures', async () => {
    const db = freshDb();
    for (const a of fixture) await saveActivity(db, a);
    const app = await renderApp('#/reports', { db, user });
    await screen.findByRole('heading', { name: /Phường Vĩnh Thanh/ }, { timeout: 20_000 });
    const reopened = async (from: string, to: string) => {
      await waitFor(() => expect(window.location.hash).toContain(`from=${from}&to=${to}`));
      await waitFor(async () => expect(await activitiesShown()).toBe(String(completeIn(from, to))));
    };

    await app.user.selectOptions(select(R.year), '2025');
    await app.user.selectOptions(select(R.period), 'first_half');
    await app.user.selectOptions(select(R.basis), 'calendar');
    await reopened('2025-01-01', '2025-06-30');
    await app.user.selectOptions(select(R.basis), 'data_cutoff');
    await reopened('2024-12-15', '2025-06-14');
    // The record of 20/12/2024 counts in the cut-off half-year of 2025, not in the calendar one.
    expect(completeIn('2024-12-15', '2025-06-14')).toBe(completeIn('2025-01-01', '2025-06-30') + 1);
    await app.user.selectOptions(select(R.period), 'full_year');
    await reopened('2024-12-15', '2025-12-14');
    await app.user.selectOptions(select(R.basis), 'calendar');
    await reopened('2025-01-01', '2025-12-31');
    expect(screen.getByRole('heading', { name: /Phường Vĩnh Thanh/ }).textContent).toContain(
      'Năm 2025 (từ 01/01/2025 đến 31/12/2025)',
    );

    // The charts' figures (each chart lists them in a table beside it), from the same records.
    const done = fixture.filter(
      (a) => a.status === 'complete' && a.date >= '2025-01-01' && a.date <= '2025-12-31',
    );
    const chartRow = async (chart: string, label: string) => {
      const table = await waitFor(() => {
        const found = document.querySelector<HTMLElement>(`table[data-chart="${chart}"]`);
        expect(found).not.toBeNull();
        return found!;
      });
      const row = within(table).getByRole('row', { name: new RegExp(`^${label}`), hidden: true });
      return within(row)
        .getAllByRole('cell', { hidden: true })
        .map((c) => c.textContent);
    };
    expect(await chartRow('form', 'Đối thoại')).toEqual([
      String(done.filter((a) => a.type === 'dialogue').length),
    ]);
    const poor = done.reduce(
      (sum, a) => sum + ((a as { participants?: { poor: number } }).participants?.poor ?? 0),
      0,
    );
    expect(poor).toBeGreaterThan(0);
    expect(await chartRow('group', 'Thuộc hộ nghèo')).toEqual([String(poor)]);
    // By month, stacked by form: March 2025 holds the complete dialogue of 10/03.
    const march = await chartRow('month', '03/2025');
    expect(march[0]).toBe(
      String(done.filter((a) => a.type === 'dialogue' && a.date.startsWith('2025-03')).length),
    );
  });

  it('an ad hoc from–to is typed dd/MM/yyyy; an impossible date or an end before the start is refused', async () => {
    const db = freshDb();
    for (const a of fixture) await saveActivity(db, a);
    const app = await renderApp('#/reports?from=2025-01-01&to=2025-06-30', { db, user });
    await screen.findByRole('heading', { name: /Phường Vĩnh Thanh/ }, { timeout: 20_000 });
    await app.user.selectOptions(select(R.period), 'ad_hoc');
    const from = await screen.findByRole('textbox', { name: R.from });
    const to = screen.getByRole('textbox', { name: R.to });
    // The boxes show the period in force, as dd/MM/yyyy.
    expect((from as HTMLInputElement).value).toBe('01/01/2025');
    expect((to as HTMLInputElement).value).toBe('30/06/2025');

    await app.user.clear(from);
    await app.user.type(from, '10032025'); // the slashes come by themselves
    expect((from as HTMLInputElement).value).toBe('10/03/2025');
    await app.user.clear(to);
    await app.user.type(to, '31/02/2025');
    await app.user.click(screen.getByRole('button', { name: R.show }));
    expect(errorOf(to)).toBe(VI.validation.invalidDate);
    // Focus goes to the date to fix, not left on "Xem".
    await waitFor(() => expect(to).toHaveFocus());
    expect(window.location.hash).toContain('from=2025-01-01&to=2025-06-30');

    await app.user.clear(to);
    await app.user.type(to, '09032025');
    await app.user.click(screen.getByRole('button', { name: R.show }));
    expect(errorOf(to)).toBe(VI.validation.endBeforeStart);
    expect(window.location.hash).toContain('from=2025-01-01&to=2025-06-30');

    await app.user.clear(to);
    await app.user.type(to, '11032025');
    await app.user.click(screen.getByRole('button', { name: R.show }));
    await waitFor(() => expect(window.location.hash).toContain('from=2025-03-10&to=2025-03-11'));
    expect(errorOf(to)).toBe('');
    // The two dialogues of 10 and 11 March (one complete, one draft): one activity counted.
    await waitFor(async () =>
      expect(await activitiesShown()).toBe(String(completeIn('2025-03-10', '2025-03-11'))),
    );
    expect(screen.getByRole('heading', { name: /Phường Vĩnh Thanh/ }).textContent).toContain(
      'Từ 10/03/2025 đến 11/03/2025',
    );

    // An ISO date typed key by key: the slashes put in after "20" give way once a "-" follows.
    await app.user.clear(from);
    await app.user.type(from, '2025-03-09');
    expect((from as HTMLInputElement).value).toBe('2025-03-09');
    await app.user.click(screen.getByRole('button', { name: R.show }));
    expect(errorOf(from)).toBe('');
    await waitFor(() => expect(window.location.hash).toContain('from=2025-03-09&to=2025-03-11'));
  });
});
