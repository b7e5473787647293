import { sweepMatchPartCollection } from '../models/index';

// A partition's matched pairs, written in parts as it is scored (see activities/duplicates/score-sweep-partition.ts).

export const matchPartKey = (sweepId: string, partition: number, part: number) => `${sweepId}:${partition}:${part}`;

/** Writes (or rewrites, on a retry) one part: its matches as one JSON string. */
export async function saveMatchPart(o: { sweepId: string; partition: number; part: number; json: string }): Promise<void> {
  await sweepMatchPartCollection.replaceOne({ _id: matchPartKey(o.sweepId, o.partition, o.part) }, { sweepId: o.sweepId, json: o.json, at: new Date() }, { upsert: true });
}

/** A part's JSON, or undefined when it is missing. */
export async function readMatchPart(key: string): Promise<string | undefined> {
  return (await sweepMatchPartCollection.findOne({ _id: key }))?.json;
}

/** A finished sweep's parts (its groups are written). */
export async function deleteMatchPartsOf(sweepId: string): Promise<void> {
  await sweepMatchPartCollection.deleteMany({ sweepId });
}

/** Parts older than `before`, left by sweeps terminated before they finished. */
export async function deleteAbandonedMatchParts(before: Date): Promise<void> {
  await sweepMatchPartCollection.deleteMany({ at: { $lt: before } });
}
