import { sweepRunCollection, type SweepRunDoc } from '../models/index';

// One record per dedupe sweep, _id = its workflow id: its progress, figures and stage times.

export async function findSweepRun(sweepId: string): Promise<SweepRunDoc | null> {
  return sweepRunCollection.findOne({ _id: sweepId });
}

/** The most recent finished sweep other than `exceptId` (an incremental sweep scores what changed since it). */
export async function lastFinishedSweep(exceptId: string): Promise<SweepRunDoc | undefined> {
  // Sweeps are few (one a night): sorting them here is fine on every engine.
  const finished = await sweepRunCollection.find({ finishedAt: { $exists: true } }).toArray();
  return finished.filter((r) => r._id !== exceptId).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
}

/** The latest sweeps, newest first, for the review queue's "recent sweeps". */
export async function recentSweepRuns(limit: number): Promise<SweepRunDoc[]> {
  const all = await sweepRunCollection.find({}).toArray();
  return all.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(0, limit);
}

export async function insertSweepRun(run: SweepRunDoc): Promise<void> {
  await sweepRunCollection.insertOne(run);
}

/** Sets fields of a sweep's record (dotted paths into `seconds` allowed); `unset` removes fields. */
export async function updateSweepRun(sweepId: string, set: Partial<SweepRunDoc> & Record<`seconds.${string}`, number | undefined>, unset: (keyof SweepRunDoc)[] = []): Promise<void> {
  await sweepRunCollection.updateOne({ _id: sweepId }, { $set: set, ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, ''])) } : {}) });
}
