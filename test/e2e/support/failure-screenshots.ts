import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach } from 'vitest';
import { RESULTS_DIR } from './repo-paths';

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/**
 * On a failed test, saves a full-page screenshot of every open page to test-results/, so a red
 * CI run shows what the officer would have seen.
 */
export function screenshotOnFailure(pages: () => Array<Page | null | undefined>): void {
  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const name = slug(`${ctx.task.file?.name ?? ''}-${ctx.task.name}`);
      let index = 0;
      for (const page of pages()) {
        if (!page || page.isClosed()) continue;
        index += 1;
        const path = join(RESULTS_DIR, `${name}-${index}.png`);
        await page.screenshot({ path, fullPage: true }).catch(() => undefined);
        console.error(`[e2e] screenshot of the failing page: ${path} (${page.url()})`);
      }
    });
  });
}
