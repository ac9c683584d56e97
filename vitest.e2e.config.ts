import { defineConfig } from 'vitest/config';

// Real-browser scenarios (test/e2e). One file at a time, one worker: they start real servers
// and a real Chromium each, and a 2-core CI box has no room for more.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false },
    retry: 0,
    reporters: ['verbose'],
  },
});
