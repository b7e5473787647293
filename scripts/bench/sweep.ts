import { estimatedCount } from '../../db/estimated-count';
import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { connectDatabase } from '../../db/connection';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { allGroupMembers } from '../../db/duplicates/duplicate-groups';
import { findSweepRun } from '../../db/duplicates/sweep-runs';
import { Contact, DuplicateGroup, type SweepRunDoc } from '../../db/models/index';
import { buildContactRecord } from '../../domain/contacts/build-contact-record';
import { generateSyntheticPeople, type SyntheticRow } from '../../domain/demo-data/generate-synthetic-people';
import { rowToMatchInput } from '../../domain/duplicates/dedupe-rows';
import { pairwiseQuality } from '../../domain/duplicates/pairwise-quality';
import { prepareRecord } from '../../domain/duplicates/prepare-record';
import { runSweep } from '../../domain/duplicates/sweep/run-sweep';
import { startDedupeSweep } from '../../temporal/dedupe-sweep';
import { devTools } from '../../config/dev-tools';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';
import { connectTemporal } from '../../temporal/connection';
import { TEST_NAMESPACE } from '../services/index';
import { join } from 'node:path';
import { startWorkerProcess } from '../services/worker-process';
import { readSweepProgress, type SweepProgress } from '../../temporal/dedupe-sweep';
import { buildWorkflowBundle } from '../build-workflow-bundle';
import { dataDir } from '../services/paths';
import { round } from './stats';
import type { BenchEntry, BenchMeasurement } from './types';

/**
 * The dedupe sweep on `size` generated contacts with known truth (per-entity
 * sub-seeds, about 15% with duplicates, hard negatives). Two runs:
 * the matching stage alone in memory (block, score, cluster, pairs per
 * contact, pair completeness of the blocking, precision and recall), then
 * the same contacts written to the database and swept end to end through
 * DedupeSweepWorkflow on a real worker process (see endToEnd).
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
    { metric: 'memory: prepare (normalize raw rows: phones parsed, names coded)', value: round(prepareMs / 1000, 2), unit: 's' },
    { metric: 'memory: block', value: round(result.times.block / 1000, 2), unit: 's' },
    { metric: 'memory: score', value: round(result.times.score / 1000, 2), unit: 's' },
    { metric: 'memory: cluster', value: round(result.times.cluster / 1000, 2), unit: 's' },
    { metric: 'memory: matching stage (engine on prepared records: block + score + cluster)', value: round((result.times.block + result.times.score + result.times.cluster) / 1000, 2), unit: 's' },
    { metric: 'memory: prepare + matching stage', value: round((prepareMs + result.times.block + result.times.score + result.times.cluster) / 1000, 2), unit: 's' },
    { metric: 'candidate pairs per contact', value: round(result.candidatePairs / rows.length, 2), unit: 'pairs' },
    { metric: 'pair completeness of blocking', value: round(truePairs ? reached / truePairs : 1, 4), unit: 'ratio' },
    { metric: 'memory: pairwise precision', value: round(q.precision, 4), unit: 'ratio' },
    { metric: 'memory: pairwise recall', value: round(q.recall, 4), unit: 'ratio' },
    { metric: 'memory: heap used after matching', value: round(process.memoryUsage().heapUsed / 2 ** 20), unit: 'MB' },
  ];
}

const MB = 2 ** 20;

/**
 * End to end through Temporal on a worker process of its own (so its peak
 * memory is its own, and it can be killed): a first sweep on a cold
 * database (it packs every contact's matching fields and writes every
 * group), a second full sweep as the nightly run sees it (packed records,
 * previous result), and a third after emptying the groups, with the worker
 * killed (SIGKILL) while partitions are scored and restarted: its groups
 * must equal the second sweep's.
 */
async function endToEnd(rows: SyntheticRow[], mongodbUri: string, temporalAddress: string, dbName: string, log: (m: string) => void): Promise<BenchMeasurement[]> {
  await connectDatabase(mongodbUri, dbName);
  // Contact ids follow the generator's rows, so a database left by an earlier run of the same size is reused (1M contacts take minutes to write).
  const idOf = (i: number) => new Types.ObjectId(i.toString(16).padStart(24, '0'));
  const entityOf = new Map(rows.map((r, i) => [String(idOf(i)), r.entity]));
  const reusable = (await estimatedCount('contacts')) === rows.length && (await Contact.collection.findOne({ _id: idOf(rows.length - 1) })) !== null;
  const kept = reusable && devTools.CASEBOOK_BENCH_SWEEP_KEEP;
  if (kept) {
    log(`reusing the ${rows.length} contacts and the derived data of an earlier run (CASEBOOK_BENCH_SWEEP_KEEP=1): the first sweep is not cold`);
  } else if (reusable) {
    for (const name of ['match_record_chunks', 'sweep_result_chunks', 'sweep_runs', 'sweep_match_parts', 'duplicate_groups', 'duplicate_suggestions', 'duplicate_suggestion_counts', 'counters', 'contact_changes']) await mongoose.connection.db!.collection(name).drop().catch(() => undefined);
    log(`reusing the ${rows.length} contacts already in ${dbName}; derived data cleared`);
  } else {
    await mongoose.connection.db!.dropDatabase();
    await ensureIndexes(await detectDatabaseEngine());
    const t = performance.now();
    for (let i = 0; i < rows.length; i += 2000) {
      const docs = rows.slice(i, i + 2000).map((r, k) => {
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
        return { _id: idOf(i + k), ...record, caseStatuses: [], createdAt: new Date(), updatedAt: new Date() };
      });
      await Contact.collection.insertMany(docs, { ordered: false });
    }
    log(`wrote ${rows.length} contacts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const connection = await connectTemporal(temporalAddress);
  const client = new Client({ connection, namespace: TEST_NAMESPACE });
  const taskQueue = `bench-sweep-${Date.now()}`;
  const bundlePath = await buildWorkflowBundle(join(dataDir, 'bench', 'workflow-bundle.js'));
  const startWorker = () => startWorkerProcess({ mongodbUri, dbName, temporalAddress, namespace: TEST_NAMESPACE, taskQueue, bundlePath });
  let worker = await startWorker();
  const idle = worker.peakRssBytes();
  const groupsNow = async () => (await allGroupMembers()).map((g) => `${g._id}:${g.members.join(',')}`).sort();
  const sweep = async (label: string, o: { killAfterPartitions?: number } = {}) => {
    const t = performance.now();
    const handle = await startDedupeSweep(client, { taskQueue, actorId: 'bench', mode: 'full' });
    let killed = false;
    if (o.killAfterPartitions !== undefined) {
      // A small sweep can finish scoring between two polls: then it is not killed, and says so.
      let p: SweepProgress | undefined;
      for (;;) {
        p = await readSweepProgress(client, handle.workflowId);
        if (p && (p.stage === 'writing' || p.stage === 'done' || (p.stage === 'matching' && p.partitionsDone >= o.killAfterPartitions))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      if (p?.stage === 'matching') {
        await worker.kill('SIGKILL');
        killed = true;
        worker = await startWorker();
      }
    }
    const result = await handle.result();
    const seconds = (performance.now() - t) / 1000;
    const run = (await findSweepRun(handle.workflowId))!;
    log(`${label}: ${result.contactsRead} contacts, ${result.pairsScored} pairs, ${result.groupsFound} groups in ${seconds.toFixed(1)} s${killed ? ' (worker killed and restarted)' : ''}; stages ${JSON.stringify(run.seconds)}`);
    return { seconds, run, result, killed };
  };
  const stageRows = (label: string, s: { seconds: number; run: SweepRunDoc }): BenchMeasurement[] => [
    { metric: `${label}: wall time`, value: round(s.seconds, 1), unit: 's' },
    { metric: `${label}: read (and prepare)`, value: round(s.run.seconds?.read ?? 0, 1), unit: 's' },
    { metric: `${label}: block`, value: round(s.run.seconds?.block ?? 0, 1), unit: 's' },
    { metric: `${label}: score (${s.run.partitions} partitions)`, value: round(s.run.seconds?.score ?? 0, 1), unit: 's' },
    { metric: `${label}: cluster`, value: round(s.run.seconds?.cluster ?? 0, 1), unit: 's' },
    { metric: `${label}: write groups and suggestions`, value: round(s.run.seconds?.write ?? 0, 1), unit: 's' },
  ];
  try {
    const firstLabel = kept ? 'first sweep (derived data kept)' : 'first sweep (cold)';
    const cold = await sweep(firstLabel);
    const coldPeak = worker.peakRssBytes();
    const warm = await sweep('second full sweep');
    const groups = await groupsNow();
    const clusterOf = new Map<string, string>();
    for (const g of groups) for (const m of g.split(':')[1]!.split(',')) clusterOf.set(m, g);
    const ids = [...entityOf.keys()];
    const q = pairwiseQuality(ids.map((id) => clusterOf.get(id) ?? id), ids.map((id) => entityOf.get(id)!));
    const warmPeak = worker.peakRssBytes();
    // Dropped, not emptied: FerretDB deletes all matching ids in one SQL statement, which fails past ~32,000.
    await DuplicateGroup.collection.drop();
    const partitions = warm.run.partitions ?? 2;
    const crashed = await sweep('third sweep, worker killed mid-scoring', { killAfterPartitions: Math.floor(partitions / 3) });
    const same = (await groupsNow()).join('\n') === groups.join('\n');
    return [
      ...stageRows(`end to end, ${firstLabel}`, cold),
      ...stageRows('end to end, full sweep (warm)', warm),
      { metric: 'end to end: contacts per second (warm full sweep)', value: round(rows.length / warm.seconds, 0), unit: 'contacts/s' },
      { metric: 'end to end: pairwise precision', value: round(q.precision, 4), unit: 'ratio' },
      { metric: 'end to end: pairwise recall', value: round(q.recall, 4), unit: 'ratio' },
      { metric: 'end to end: groups found', value: warm.result.groupsFound, unit: 'groups' },
      { metric: 'worker memory idle (VmHWM)', value: round(idle / MB), unit: 'MB' },
      { metric: 'worker peak memory, first sweep (VmHWM)', value: round(coldPeak / MB), unit: 'MB' },
      { metric: 'worker peak memory, both sweeps (VmHWM)', value: round(warmPeak / MB), unit: 'MB' },
      { metric: 'killed mid-sweep: wall time', value: round(crashed.seconds, 1), unit: 's' },
      { metric: 'killed mid-sweep: worker was killed while scoring', value: crashed.killed ? 1 : 0, unit: 'yes=1' },
      { metric: 'killed mid-sweep: same groups as uninterrupted', value: same ? 1 : 0, unit: 'yes=1' },
    ];
  } finally {
    await worker.kill();
    await connection.close();
    await mongoose.disconnect();
  }
}
