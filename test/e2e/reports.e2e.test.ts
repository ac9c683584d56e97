import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportsVi } from '../../src/shared/i18n/reports.vi';
import { vi as VI } from '../../src/shared/i18n/vi';
import { newDesktopContext, newPhoneContext } from './support/chromium';
import { OFFICERS, PROVINCE_OFFICER, startEnv, stopEnv, type E2eEnv } from './support/e2e-env';
import {
  createActivity,
  field,
  goOffline,
  goOnline,
  login,
  openNav,
  shownUnsyncedCount,
  waitUntilOfflineReady,
} from './support/officer-ui';

// An officer records offline and syncs; the provincial officer opens the six-month report in a
// desktop window and finds the record's numbers; the A4 print view prints from Chromium to a PDF
// whose first page carries the national motto.
const PROVINCE = PROVINCE_OFFICER;
const R = reportsVi;
// The PDF's text runs split words at glyph clusters: compare without spaces, composed (NFC).
const squeeze = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

async function pdfFirstPageText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
  return { pages: doc.numPages, text: squeeze(text) };
}

describe('reports', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startEnv('reports', [OFFICERS.lan, PROVINCE]);
  });
  afterAll(() => stopEnv(env));

  it('a record made offline shows in the province’s six-month and yearly reports, which print to A4', async () => {
    const phoneContext = await newPhoneContext(env.browser);
    const desk = await newDesktopContext(env.browser, 1366);
    try {
      const phone = await phoneContext.newPage();
      await login(phone, env.baseUrl, OFFICERS.lan);
      await waitUntilOfflineReady(phone);
      await goOffline(phoneContext);
      const year = new Date().getFullYear();
      // Mid-May: in the first six months on both bases (calendar and Decree 09 cut-off).
      await createActivity(phone, {
        type: 'printed_materials',
        title: 'Tờ rơi chính sách 2026',
        date: `15/05/${year}`,
      });
      await goOnline(phoneContext);
      await openNav(phone, 'home');
      await expect.poll(() => shownUnsyncedCount(phone), { timeout: 30_000 }).toBe(0);

      const page = await desk.newPage();
      await login(page, env.baseUrl, PROVINCE);
      await page
        .getByRole('navigation', { name: VI.nav.main })
        .getByRole('link', { name: VI.reports.nav, exact: true })
        .click();
      await page.getByRole('heading', { name: R.title, exact: true }).waitFor();
      // The six-month report, then the whole year: the record's numbers in both.
      for (const kind of ['first_half', 'full_year'] as const) {
        await field(page, R.period).selectOption(kind);
        await field(page, R.year).selectOption(String(year));
        const named = kind === 'first_half' ? `6 tháng đầu năm ${year}` : `Năm ${year}`;
        await page.getByRole('heading', { name: new RegExp(`Tỉnh An Giang.*${named}`) }).waitFor();
        await field(page, R.form).selectOption('printed_materials');
        // The form's table, not the submission status table below it (same unit names).
        const row = page
          .locator('.report-table__scroll')
          .filter({ hasNotText: R.submission.statusTitle })
          .getByRole('row', { name: /Phường Rạch Giá/ });
        await row.waitFor();
        await expect.poll(async () => row.getByRole('cell').allTextContents()).toContain('450');
        await expect.poll(async () => row.getByRole('cell').allTextContents()).toContain('500');
      }

      await page.getByRole('link', { name: R.print }).click();
      await page.getByText(R.printView.motto).waitFor();
      // Issued by the department that compiles the province's report today (agencies' data).
      await page.getByText('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', { exact: true }).waitFor();
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const { text } = await pdfFirstPageText(pdf);
      expect(text).toContain(squeeze('Độc lập – Tự do – Hạnh phúc'));
      expect(text).toContain(squeeze('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
      expect(text).toContain(squeeze('BÁO CÁO'));
      expect(text).toContain(squeeze('UBND TỈNH AN GIANG'));
      expect(text).toContain(squeeze('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG'));
    } finally {
      await phoneContext.close();
      await desk.close();
    }
  });

  it('prints a clean page while the app shows a banner (the shell’s notices stay off paper)', async () => {
    const desk = await newDesktopContext(env.browser, 1280);
    try {
      // The service worker's script is held back until the print view is open, so "ready
      // offline" (a fixed toast over the page) arrives exactly while the officer is on it — as it
      // does for an officer who opens the print view right after the app's first start.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await desk.route('**/sw.js', async (route) => {
        await held;
        await route.continue();
      });
      const page = await desk.newPage();
      await login(page, env.baseUrl, PROVINCE);
      const year = new Date().getFullYear();
      await page.goto(
        `${env.baseUrl}/#/reports/print?unit=91&geography=an-giang-2025&from=${year}-01-01&to=${year}-06-30`,
      );
      await page.getByText(R.printView.motto).waitFor();
      release();
      const banner = page.getByRole('status').filter({ hasText: VI.pwa.offlineReady });
      await banner.waitFor({ timeout: 60_000 });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const { text } = await pdfFirstPageText(pdf);
      expect(text).toContain(squeeze('Độc lập – Tự do – Hạnh phúc'));
      expect(text).not.toContain(squeeze(VI.pwa.offlineReady));
      // Printed at the sizes of Decree 30 — nothing shrunk to fit a table wider than the page:
      // the motto at 13–14 pt on the first page, and no text past the right margin (15 mm).
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false })
        .promise;
      for (let n = 1; n <= doc.numPages; n++) {
        const pdfPage = await doc.getPage(n);
        const { width } = pdfPage.getViewport({ scale: 1 });
        const items = (await pdfPage.getTextContent()).items.flatMap((i) =>
          'str' in i && i.str.trim() !== '' ? [i] : [],
        );
        const rightEdge = Math.max(...items.map((i) => i.transform[4] + i.width));
        expect(rightEdge, `page ${n}`).toBeLessThanOrEqual(width - (15 / 25.4) * 72 + 1);
        if (n === 1) {
          // The largest text on the first page (motto, title) is set at 14 pt: not shrunk.
          const size = Math.max(...items.map((i) => Math.hypot(i.transform[0], i.transform[1])));
          expect(size).toBeGreaterThanOrEqual(13);
          expect(size).toBeLessThanOrEqual(14.1);
        }
      }
      await page.emulateMedia({ media: 'print' });
      await expect.poll(() => banner.isVisible()).toBe(false);
    } finally {
      await desk.close();
    }
  });

  it('a commune officer opens the print view offline and it is set in its own serif (fonts precached)', async () => {
    const phoneContext = await newPhoneContext(env.browser);
    try {
      const phone = await phoneContext.newPage();
      await login(phone, env.baseUrl, OFFICERS.lan);
      await waitUntilOfflineReady(phone);
      await goOffline(phoneContext);
      const year = new Date().getFullYear();
      await phone.evaluate(
        (hash) => (window.location.hash = hash),
        `#/reports/print?unit=30742&geography=an-giang-2025&from=${year}-01-01&to=${year}-06-30`,
      );
      await phone.getByText(R.printView.motto).waitFor();
      // Tinos stands in for Times New Roman (which phones do not have): its files must come
      // from the precache, or the page falls back to whatever serif the phone has.
      const faces = await phone.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts]
          .filter((f) => f.family.includes('Tinos'))
          .map((f) => `${f.weight} ${f.unicodeRange.slice(0, 12)}: ${f.status}`);
      });
      expect(faces.length).toBeGreaterThan(0);
      expect(faces.filter((f) => f.endsWith('error'))).toEqual([]);
      // On the phone's screen the page itself does not scroll sideways: the wide tables do, inside
      // the document.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      await goOnline(phoneContext);
    } finally {
      await phoneContext.close();
    }
  });
});
