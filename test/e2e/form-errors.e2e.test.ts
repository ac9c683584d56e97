import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/shared/i18n/en';
import { vi as dict } from '../../src/shared/i18n/vi';
import { newPhoneContext, PHONE } from './support/chromium';
import { OFFICERS, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import { screenshotOnFailure } from './support/failure-screenshots';
import { field, login, openNewForm } from './support/officer-ui';
import { REPO_ROOT } from './support/repo-paths';

// Issue 11: on a 360 × 740 phone, a failed save brings the first field in error into the space
// between the app bar and the save bar + menu, and focuses it; the save bar stays one line.
const SCREENS = join(REPO_ROOT, 'docs', 'screens');

interface Placement {
  focusedId: string;
  fieldTop: number;
  fieldBottom: number;
  headerBottom: number;
  barsTop: number;
  barHeight: number;
}

/** Where the focused field (label included) sits against the fixed bars. */
function placement(page: Page): Promise<Placement> {
  return page.evaluate(() => {
    const focused = document.activeElement as HTMLElement;
    const frame = (focused.closest('.field, fieldset') as HTMLElement | null) ?? focused;
    const r = frame.getBoundingClientRect();
    const header = document.querySelector('.shell__header')!.getBoundingClientRect();
    const bar = document.querySelector('.action-bar')!.getBoundingClientRect();
    const nav = document.querySelector('.shell__nav')!.getBoundingClientRect();
    return {
      focusedId: focused.id,
      fieldTop: r.top,
      fieldBottom: r.bottom,
      headerBottom: header.bottom,
      barsTop: Math.min(bar.top, nav.top),
      barHeight: bar.height,
    };
  });
}

function expectInClearArea(p: Placement): void {
  expect(p.fieldTop, JSON.stringify(p)).toBeGreaterThanOrEqual(p.headerBottom);
  expect(p.fieldBottom, JSON.stringify(p)).toBeLessThanOrEqual(p.barsTop);
}

describe('form errors on a 360 × 740 phone', () => {
  let env: E2eEnv;
  let page: Page;
  screenshotOnFailure(() => [page]);

  beforeAll(async () => {
    env = await startEnv('form-errors', [OFFICERS.lan]);
    page = await (await newPhoneContext(env.browser)).newPage();
    await login(page, env.baseUrl, OFFICERS.lan);
  });
  afterAll(async () => stopEnv(env));

  it('a failed save from the bottom brings the first error above the bars and focuses it', async () => {
    await openNewForm(page, 'dialogue');
    await field(page, dict.field.place).fill('Nhà văn hóa khu phố 3');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('button', { name: dict.activityForm.save, exact: true }).click();
    const summary = page.getByRole('button', { name: /mục cần sửa/ });
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-organiser');
    expectInClearArea(await placement(page));
    // Compact: one line of count above the two buttons, not a 250 px block.
    const p = await placement(page);
    expect(p.barHeight).toBeLessThan(130);

    // The list under the count goes to any field in error, again above the bars.
    await summary.click();
    await page.getByRole('button', { name: new RegExp(`^${dict.field.chair}`) }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-chair');
    expectInClearArea(await placement(page));
  });

  it('a failed save with the error far below brings it up above the save bar', async () => {
    await openNewForm(page, 'other');
    await field(page, dict.field.otherTitle).fill('Hội thi tìm hiểu chính sách');
    await field(page, dict.field.costVnd).fill('mot trieu');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: dict.activityForm.saveDraft, exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-costVnd');
    expectInClearArea(await placement(page));
  });

  it('Tab through a whole form: no box it reaches is left under the app bar, the save bar or the menu', async () => {
    await openNewForm(page, 'dialogue');
    await page.locator('[name="date"]').focus();
    const hidden: string[] = [];
    let reached = 0;
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      // Once the page has stopped moving: is the focused box what is drawn at its corners and
      // centre (not a bar over it, not off the screen)?
      const seen = await page.evaluate(
        () =>
          new Promise<string | null>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                const el = document.activeElement as HTMLElement | null;
                if (!el || el === document.body || el.tabIndex < 0) return resolve(null);
                if (el.closest('.shell__header, .action-bar, .shell__nav, .skip-link'))
                  return resolve(null);
                const r = el.getBoundingClientRect();
                const points: [number, number][] = [
                  [r.left + r.width / 2, r.top + r.height / 2],
                  [r.left + 2, r.top + 2],
                  [r.right - 2, r.bottom - 2],
                ];
                // A radio or checkbox is drawn by its label (the segmented buttons).
                const own = el.closest('label') ?? el;
                const shown = points.every(([x, y]) => {
                  const hit = document.elementFromPoint(x, y);
                  return hit !== null && (own.contains(hit) || hit.contains(el));
                });
                const name = el.getAttribute('name') ?? el.getAttribute('aria-label') ?? '';
                resolve(
                  shown ? '' : `${el.tagName} ${name || el.textContent} at ${r.top}–${r.bottom}`,
                );
              }),
            ),
          ),
      );
      if (seen === null) continue;
      reached++;
      if (seen) hidden.push(seen);
    }
    expect(reached).toBeGreaterThan(30);
    expect(hidden, 'focused boxes drawn over by a bar or off the screen').toEqual([]);
  });

  it('screenshots of one form with errors, Vietnamese and English', async () => {
    mkdirSync(SCREENS, { recursive: true });
    // The "ready offline" toast is not part of the picture.
    const toast = page.locator('.banner--info').getByRole('button');
    if (await toast.count()) await toast.first().click();
    await openNewForm(page, 'community_talk');
    await field(page, dict.field.participants.total).fill('10');
    await field(page, dict.field.participants.female).fill('15');
    await page.getByRole('button', { name: dict.activityForm.save, exact: true }).click();
    await page.getByRole('button', { name: /mục cần sửa/ }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-organiser');
    await page.screenshot({ path: join(SCREENS, 'form-errors.vi.png') });

    await page.evaluate(() => localStorage.setItem('outreach-log:language', 'en'));
    await page.goto(`${env.baseUrl}/#/new/community_talk`);
    await page.reload();
    await page.getByRole('button', { name: en.activityForm.save, exact: true }).waitFor();
    await page.getByLabel(en.field.participants.total, { exact: true }).fill('10');
    await page.getByLabel(en.field.participants.female, { exact: true }).fill('15');
    await page.getByRole('button', { name: en.activityForm.save, exact: true }).click();
    await page.getByRole('button', { name: /Still to fix/ }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-organiser');
    await page.screenshot({ path: join(SCREENS, 'form-errors.en.png') });
    await page.evaluate(() => localStorage.setItem('outreach-log:language', 'vi'));
    await page.reload();
    await page.getByRole('button', { name: dict.activityForm.save, exact: true }).waitFor();
  });

  // The native date input follows the browser's language (mm/dd/yyyy under en-US): the form's
  // own date box is dd/MM/yyyy under both.
  for (const locale of ['en-US', 'vi-VN']) {
    it(`dates are typed and shown dd/MM/yyyy in a ${locale} browser`, async () => {
      const context = await env.browser.newContext({ ...PHONE, locale });
      const phone = await context.newPage();
      try {
        await login(phone, env.baseUrl, OFFICERS.lan);
        await openNewForm(phone, 'other');
        const date = field(phone, dict.field.date);
        await date.click();
        await date.press('Control+A');
        await date.press('Backspace');
        await date.pressSequentially('05092025');
        expect(await date.inputValue()).toBe('05/09/2025');
        // ↑ moves a day; the calendar button is there for those who prefer it.
        await date.press('ArrowUp');
        expect(await date.inputValue()).toBe('06/09/2025');
        await phone
          .getByRole('button', {
            name: dict.activityForm.openCalendar.replace('{{label}}', dict.field.date),
          })
          .waitFor();
        const end = field(phone, dict.field.endDate);
        await end.pressSequentially('31/09/2025');
        await field(phone, dict.field.otherTitle).fill(`Ngày hội ${locale}`);
        await phone.getByRole('button', { name: dict.activityForm.saveDraft, exact: true }).click();
        await expect.poll(() => phone.evaluate(() => document.activeElement?.id)).toBe('f-endDate');
        expect(await phone.locator('#f-endDate-error').textContent()).toContain(
          dict.validation.invalidDate,
        );
        await end.fill('');
        await end.pressSequentially('07092025');
        await phone.getByRole('button', { name: dict.activityForm.saveDraft, exact: true }).click();
        await phone
          .getByRole('heading', { level: 1, name: `Ngày hội ${locale}`, exact: true })
          .waitFor();
        await expect.poll(() => phone.locator('main').textContent()).toContain('06/09/2025');
      } finally {
        await context.close();
      }
    });
  }

  it('a reload right after the last keystroke keeps that keystroke in the draft', async () => {
    await openNewForm(page, 'other');
    const title = field(page, dict.field.otherTitle);
    await title.pressSequentially('Họp dân ấp 3');
    // Well inside the 400 ms autosave delay.
    await page.reload();
    await page.getByRole('button', { name: dict.activityForm.save, exact: true }).waitFor();
    expect(await field(page, dict.field.otherTitle).inputValue()).toBe('Họp dân ấp 3');
    // The keystroke and the reload in one task of the page: nothing has had time to run.
    await field(page, dict.field.otherTitle).press('End');
    await page.evaluate(() => {
      const input = document.getElementById('f-title') as HTMLInputElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(input, `${input.value}4`);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      location.reload();
    });
    await page.waitForLoadState('load');
    await page.getByRole('button', { name: dict.activityForm.save, exact: true }).waitFor();
    expect(await field(page, dict.field.otherTitle).inputValue()).toBe('Họp dân ấp 34');
  });
});
