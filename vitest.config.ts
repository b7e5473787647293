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
      {
        // MongoDB's code path, run on FerretDB (issue #15): the contact list from the database's compound indexes with
        // keyset queries and estimatedDocumentCount instead of the in-memory index. The screens that read those paths,
        // after the other projects (it is slow on FerretDB and shares its two cores).
        test: {
          name: 'database-mode',
          include: ['test/e2e/contacts-list.test.ts', 'test/e2e/merge-contacts.test.ts', 'test/e2e/import-contacts.test.ts', 'test/integration/merge-contacts.test.ts', 'test/integration/import-contacts.test.ts', 'test/integration/case-list.test.ts'],
          env: { DATABASE_ENGINE: 'mongodb', CONTACT_LIST_INDEX: 'database' },
          sequence: { groupOrder: 1 },
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
