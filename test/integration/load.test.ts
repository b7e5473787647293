import { describe, expect, inject, it } from 'vitest';
import { runLoad } from '../../scripts/bench/load';

// The `load` benchmark at a small size (issue #15, part 4): ten clients on the real web server process while an
// import and a sweep run on real workers. No errors, every route answered, every workflow finished with every row
// accounted for. The figures themselves are the bench's (npm run bench -- load), not asserted here.
describe('ten staff clients while an import and a sweep run', () => {
  it('serves every request and finishes both workflows with nothing lost', async () => {
    const s = inject('testServices');
    const report = await runLoad({
      contacts: 2000,
      importRows: 1000,
      seconds: 6,
      dbName: 'casebook_test_load',
      services: { mongodbUri: s.mongodbUri, temporalAddress: s.temporalAddress, captureUrl: s.captureUrl, rungs: { temporal: 'test', database: 'test' }, started: [], stop: async () => undefined },
      log: () => undefined,
    });
    expect(report.failures).toEqual({});
    expect(report.errors).toBe(0);
    for (const route of Object.values(report.routes)) expect(route.requests).toBeGreaterThan(0);
    expect(report.import.accounted).toBe(1000);
    expect(report.sweep.contactsRead).toBeGreaterThanOrEqual(2000);
    expect(report.notes.acknowledged).toBeGreaterThan(0);
    expect(report.notes.stored).toBe(report.notes.acknowledged);
  }, 300_000);
});
