import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { connectDatabase } from '../../db/connection';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { Contact, DuplicateGroup, SweepRun, type SweepRunDoc } from '../../db/models/index';
import { buildContactRecord } from '../../domain/build-contact-record';
import { generateSyntheticPeople, type SyntheticRow } from '../../domain/demo-data/generate-synthetic-people';
import { rowToMatchInput } from '../../domain/matching/dedupe-rows';
import { pairwiseQuality } from '../../domain/matching/pairwise-quality';
import { prepareRecord } from '../../domain/matching/prepare-record';
import { runSweep } from '../../domain/matching/sweep/run-sweep';
import { startDedupeSweep } from '../../lib/dedupe-schedule';
import { defaultMatcher } from '../../lib/matcher';
import { connectTemporal } from '../../lib/temporal-connection';
import { TEST_NAMESPACE } from '../services/index';
import { startBenchWorker } from './in-process-worker';
import { round } from './stats';
import type { BenchEntry, BenchMeasurement } from './types';

/**
 * The dedupe sweep on `size` generated contacts with known truth (per-entity
 * sub-seeds, about 15% with duplicates, hard negatives). Two runs:
 * the matching stage alone in memory (block, score, cluster, pairs per
 * contact, pair completeness of the blocking, precision and recall), then
 * the same contacts written to the database and swept end to end through
 * DedupeSweepWorkflow on a real worker (read, match, write; precision and
 * recall of the groups it stored).
 */
export const sweepBench: BenchEntry = {
  name: 'sweep',
  description: 'dedupe sweep: matching stage in memory, then end to end through Temporal and the database',
  defaultSize: 10_000,
  async run({ size, services, dbName, log }) {
    const rows = generateSyntheticPeople(size, { withContactDetails: true, seed: 2026 });
    const out = matchingStage(rows, log);
    out.push(...(await endToEnd(rows, services.mongodbUri, services.temporalAddress, dbName, log)));
    return out;
  },
};

function matchingStage(rows: SyntheticRow[], log: (m: string) => void): BenchMeasurement[] {
  let t = performance.now();
  const records = rows.map((r) => prepareRecord(rowToMatchInput(r.row), { defaultRegion: 'US' }));
  const prepareMs = performance.now() - t;
  t = performance.now();
  const result = runSweep(records, defaultMatcher());
  const truth = rows.map((r) => r.entity);
  const byEntity = new Map<string, number[]>();
  truth.forEach((e, i) => (byEntity.get(e) ?? byEntity.set(e, []).get(e)!).push(i));
  let truePairs = 0;
  let reached = 0;
  for (const members of byEntity.values()) {
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) {
      truePairs++;
      if (result.wasCandidate(members[x]!, members[y]!)) reached++;
    }
  }
  const q = pairwiseQuality(result.clusterOf.map(String), truth);
  log(`in memory: ${result.candidatePairs} candidate pairs, ${result.matchedPairs} matched, ${result.groups.length} groups`);
  return [
    { metric: 'memory: prepare (normalize)', value: round(prepareMs / 1000, 2), unit: 's' },
    { metric: 'memory: block', value: round(result.times.block / 1000, 2), unit: 's' },
    { metric: 'memory: score', value: round(result.times.score / 1000, 2), unit: 's' },
    { metric: 'memory: cluster', value: round(result.times.cluster / 1000, 2), unit: 's' },
    { metric: 'memory: matching stage total', value: round((prepareMs + result.times.block + result.times.score + result.times.cluster) / 1000, 2), unit: 's' },
    { metric: 'candidate pairs per contact', value: round(result.candidatePairs / rows.length, 2), unit: 'pairs' },
    { metric: 'pair completeness of blocking', value: round(truePairs ? reached / truePairs : 1, 4), unit: 'ratio' },
    { metric: 'memory: pairwise precision', value: round(q.precision, 4), unit: 'ratio' },
    { metric: 'memory: pairwise recall', value: round(q.recall, 4), unit: 'ratio' },
    { metric: 'memory: heap used after matching', value: round(process.memoryUsage().heapUsed / 2 ** 20), unit: 'MB' },
  ];
}

async function endToEnd(rows: SyntheticRow[], mongodbUri: string, temporalAddress: string, dbName: string, log: (m: string) => void): Promise<BenchMeasurement[]> {
  await connectDatabase(mongodbUri, dbName);
  await mongoose.connection.db!.dropDatabase();
  await ensureIndexes(await detectDatabaseEngine());
  const entityOf = new Map<string, string>();
  let t = performance.now();
  for (let i = 0; i < rows.length; i += 2000) {
    const docs = rows.slice(i, i + 2000).map((r) => {
      const { record } = buildContactRecord(
        {
          firstName: r.row.first_name,
          middleName: r.row.middle_name,
          lastName: r.row.last_name,
          dateOfBirth: r.row.dob,
          phones: r.row.phone ? [{ raw: r.row.phone }] : [],
          emails: r.row.email ? [{ address: r.row.email }] : [],
          address: { street: r.row.street, city: r.row.city, region: r.row.state, postcode: r.row.postcode, country: 'US' },
        },
        'US',
      );
      const _id = new Types.ObjectId();
      entityOf.set(String(_id), r.entity);
      return { _id, ...record, caseStatuses: [], duplicateSuggestions: 0, createdAt: new Date(), updatedAt: new Date() };
    });
    await Contact.collection.insertMany(docs as never[], { ordered: false });
  }
  log(`wrote ${rows.length} contacts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const connection = await connectTemporal(temporalAddress);
  const client = new Client({ connection, namespace: TEST_NAMESPACE });
  const taskQueue = `bench-sweep-${Date.now()}`;
  const worker = await startBenchWorker(temporalAddress, TEST_NAMESPACE, taskQueue);
  try {
    t = performance.now();
    const handle = await startDedupeSweep(client, { taskQueue, actorId: 'bench' });
    const result = await handle.result();
    const seconds = (performance.now() - t) / 1000;
    const run = (await SweepRun.collection.findOne({ _id: handle.workflowId } as never)) as unknown as SweepRunDoc;
    const clusterOf = new Map<string, string>();
    for (const g of await DuplicateGroup.collection.find({}).toArray()) for (const m of g.members as string[]) clusterOf.set(m, String(g._id));
    const ids = [...entityOf.keys()];
    const q = pairwiseQuality(ids.map((id) => clusterOf.get(id) ?? id), ids.map((id) => entityOf.get(id)!));
    log(`end to end: ${result.contactsRead} contacts, ${result.groupsFound} groups in ${seconds.toFixed(1)} s`);
    // Again: the first sweep packed every contact's matching fields (match_record_chunks); later sweeps read those.
    const t2 = performance.now();
    const again = await client.workflow.getHandle((await startDedupeSweep(client, { taskQueue, actorId: 'bench' })).workflowId);
    await again.result();
    const secondSeconds = (performance.now() - t2) / 1000;
    const secondRun = (await SweepRun.collection.findOne({ _id: again.workflowId } as never)) as unknown as SweepRunDoc;
    return [
      { metric: 'end to end: sweep wall time', value: round(seconds, 2), unit: 's' },
      { metric: 'end to end: read (and prepare)', value: round(run.seconds?.read ?? 0, 2), unit: 's' },
      { metric: 'end to end: block', value: round(run.seconds?.block ?? 0, 2), unit: 's' },
      { metric: 'end to end: score (partitions)', value: round(run.seconds?.score ?? 0, 2), unit: 's' },
      { metric: 'end to end: cluster', value: round(run.seconds?.cluster ?? 0, 2), unit: 's' },
      { metric: 'end to end: write groups and suggestions', value: round(run.seconds?.write ?? 0, 2), unit: 's' },
      { metric: 'end to end: second full sweep wall time', value: round(secondSeconds, 2), unit: 's' },
      { metric: 'end to end: second sweep read (packed records)', value: round(secondRun.seconds?.read ?? 0, 2), unit: 's' },
      { metric: 'end to end: second sweep write', value: round(secondRun.seconds?.write ?? 0, 2), unit: 's' },
      { metric: 'end to end: pairwise precision', value: round(q.precision, 4), unit: 'ratio' },
      { metric: 'end to end: pairwise recall', value: round(q.recall, 4), unit: 'ratio' },
      { metric: 'end to end: worker process RSS after', value: round(process.memoryUsage().rss / 2 ** 20), unit: 'MB' },
    ];
  } finally {
    await worker.stop();
    await connection.close();
    await mongoose.disconnect();
  }
}
