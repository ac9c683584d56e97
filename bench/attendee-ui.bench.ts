import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppServer } from '../test/e2e/support/app-server';
import { launchBrowser, newPhoneContext } from '../test/e2e/support/chromium';
import { freePort } from '../test/e2e/support/free-port';
import { attendeeName, field, login, openNewForm } from '../test/e2e/support/officer-ui';
import { DIST_DIR } from '../test/e2e/support/repo-paths';
import { addUserWithCli, type Officer } from '../test/e2e/support/users-cli';
import { vi } from '../src/shared/i18n/vi';
import { heading, ms, ratio, row } from './support/report';

// Adding attendee 300 vs attendee 1, in the real form in Chromium at 360 px: time from the
// Enter key (keydown, capture phase) to the "Đã thêm … Tổng: N người" announcement being
// committed, and to the next frame after it.
const COUNT = Number(process.env.BENCH_ATTENDEES ?? 300);
const OFFICER: Officer = {
  username: 'bench.attendance',
  password: 'bench-password-1',
  role: 'commune',
  unit: '30742',
  name: 'Cán bộ Đo Đạc',
};

export interface AttendeeResult {
  count: number;
  /** ms per add, index 0 = attendee 1. */
  commit: number[];
  frame: number[];
}

export async function runAttendeeBench(clientDir = DIST_DIR): Promise<AttendeeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-attendee-'));
  const server = new AppServer({
    port: await freePort(),
    dataDir,
    label: 'bench-attendee',
    clientDir,
  });
  const browser = await launchBrowser();
  try {
    await server.start();
    await addUserWithCli(dataDir, OFFICER);
    const page = await (await newPhoneContext(browser)).newPage();
    await login(page, server.url, OFFICER);
    await openNewForm(page, 'community_talk');
    const mode = page.getByRole('radio', { name: vi.attendance.modeList, exact: true });
    await mode.check();
    const quickAdd = page.getByRole('group', { name: vi.attendance.quickAdd, exact: true });
    const status = await quickAdd.getByRole('status').elementHandle();
    await page.evaluate((el) => {
      const w = window as unknown as { commit: number[]; frame: number[] };
      w.commit = [];
      w.frame = [];
      let t0 = 0;
      document.addEventListener(
        'keydown',
        (e) => e.key === 'Enter' && (t0 = performance.now()),
        true,
      );
      new MutationObserver(() => {
        if (!t0) return;
        const start = t0;
        t0 = 0;
        w.commit.push(performance.now() - start);
        requestAnimationFrame(() => w.frame.push(performance.now() - start));
      }).observe(el!, { childList: true, characterData: true, subtree: true });
    }, status);
    for (let i = 0; i < COUNT; i++) {
      await field(quickAdd, vi.attendance.fullName).fill(attendeeName(i));
      await field(quickAdd, vi.attendance.sex).selectOption({
        label: i % 2 ? vi.sex.male : vi.sex.female,
      });
      await field(quickAdd, vi.attendance.birthYear).fill(String(1950 + (i % 50)));
      await field(quickAdd, vi.attendance.birthYear).press('Enter');
      await page.waitForFunction(
        (n) => (window as unknown as { frame: number[] }).frame.length >= n,
        i + 1,
      );
    }
    return {
      count: COUNT,
      ...(await page.evaluate(() => {
        const w = window as unknown as { commit: number[]; frame: number[] };
        return { commit: w.commit, frame: w.frame };
      })),
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export function printAttendee(r: AttendeeResult): void {
  heading(`Adding attendees in the real form (Chromium, 360 px), ${r.count} people`);
  const first = r.frame.slice(0, 10);
  const last = r.frame.slice(-10);
  row('attendee 1: to commit / to next frame', `${ms(r.commit[0]!)} / ${ms(r.frame[0]!)}`);
  row(
    `attendee ${r.count}: to commit / to next frame`,
    `${ms(r.commit.at(-1)!)} / ${ms(r.frame.at(-1)!)}`,
  );
  row('attendees 1–10, median to next frame', ms(median(first)));
  row(`attendees ${r.count - 9}–${r.count}, median to next frame`, ms(median(last)));
  row('ratio last 10 / first 10 (median)', `${ratio(median(last), median(first))}  (target ≈ 1×)`);
  row('mean over all adds, to next frame', ms(mean(r.frame)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printAttendee(await runAttendeeBench(process.argv[2] ?? DIST_DIR));
}
