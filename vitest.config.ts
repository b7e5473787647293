import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests beside the code, integration tests against
// the real Temporal dev server and database, browser tests in Chromium.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['{config,logging,storage,temporal,domain,db,activities,workflows,web,scripts}/**/*.test.ts', 'test/architecture/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Polls wait for the page to settle; 1 s (the default) is too short when CI runs everything at once.
          expect: { poll: { timeout: 10_000 } },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
