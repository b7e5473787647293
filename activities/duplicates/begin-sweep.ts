import { currentChangeSeq } from '../../db/contacts/contact-changes';
import { changedContactIds } from '../../db/duplicates/match-record-store';
import { deleteAbandonedMatchParts } from '../../db/duplicates/sweep-match-parts';
import { findSweepRun, insertSweepRun, lastFinishedSweep, updateSweepRun } from '../../db/duplicates/sweep-runs';
import { estimatedContactCount } from '../../db/contacts/contacts';
import type { SweepRunDoc } from '../../db/models/index';
import { sharesFrom } from '../../workflows/dedupe-sweep-progress';
import type { StageShares } from '../../workflows/messages/dedupe-sweep';
import { sweepSnapshot, type SweepSnapshot } from './sweep-snapshot';

export type SweepMode = 'full' | 'incremental';
export type SweepPlan = { mode: SweepMode; contacts: number; partitions: number; expectedContacts?: number; shares: StageShares };

// Partitions of about this many contacts; several workers take them side by side.
const CONTACTS_PER_PARTITION = 25_000;
const MAX_PARTITIONS = 64;
// More changed contacts than this and the sweep simply rewrites every suggestion it finds.
const MAX_LISTED_CHANGES = 100_000;

/**
 * The sweep's first step: decides full or incremental (incremental needs a
 * finished earlier sweep), notes the contacts changed since that sweep,
 * reads every live contact (the packed match records, brought up to date)
 * and files them into blocks. Retried after a crash, it keeps what its first
 * attempt noted.
 */
export async function beginSweep(o: {
  sweepId: string;
  mode: SweepMode;
  region: string;
  contactsPerPartition?: number;
  onProgress: (read: number, expectedContacts: number | undefined, shares: StageShares) => void | Promise<void>;
}): Promise<SweepPlan> {
  const previous = await lastFinishedSweep(o.sweepId);
  let run = await findSweepRun(o.sweepId);
  if (!run) {
    // Parts left by a sweep that was terminated before it finished (a finished one deletes its own).
    await deleteAbandonedMatchParts(new Date(Date.now() - 24 * 3600_000));
    const changeSeq = (await currentChangeSeq()).seq;
    const mode: SweepMode = o.mode === 'incremental' && previous?.changeSeq !== undefined ? 'incremental' : 'full';
    const changed = previous?.changeSeq !== undefined ? await changedContactIds(previous.changeSeq, changeSeq) : undefined;
    const listed = changed && changed.size <= MAX_LISTED_CHANGES;
    const fresh: SweepRunDoc = {
      _id: o.sweepId,
      startedAt: new Date(),
      updatedAt: new Date(),
      stage: 'reading',
      mode,
      changeSeq: changed?.upTo ?? changeSeq,
      contactsRead: 0,
      // The last sweep's count, or (first sweep) the contacts collection's own estimate, merged ones included.
      expectedContacts: previous?.contactsRead ?? (await estimatedContactCount()),
      pairsScored: 0,
      groupsFound: 0,
      ...(listed ? { changedIds: JSON.stringify([...changed]) } : { rewriteAll: true }),
    };
    // An incremental sweep with too many changes to list is a full one.
    if (!listed) fresh.mode = 'full';
    await insertSweepRun(fresh);
    run = fresh;
  }
  const expected = run.expectedContacts;
  // The progress bar divides its length between the stages as the last sweep spent its time.
  const shares = sharesFrom(previous?.seconds);
  const snapshot = await sweepSnapshot(o.sweepId, { region: o.region, onProgress: (read) => o.onProgress(read, expected, shares) });
  snapshot.blocks(); // filed now, so the partitions that land on this worker start scoring at once
  const contacts = snapshot.ids.length;
  const partitions = Math.min(MAX_PARTITIONS, Math.max(2, Math.ceil(contacts / (o.contactsPerPartition ?? CONTACTS_PER_PARTITION))));
  await updateSweepRun(o.sweepId, { stage: 'matching', contactsRead: contacts, partitions, partitionsDone: 0, scoringStartedAt: new Date(), updatedAt: new Date(), 'seconds.read': snapshot.seconds.read, 'seconds.block': snapshot.seconds.block });
  return { mode: run.mode ?? 'full', contacts, partitions, expectedContacts: run.expectedContacts, shares };
}

/** The contacts an incremental sweep scores (indexes into the snapshot), or undefined for all; read once per worker. */
export function changedForScoring(snapshot: SweepSnapshot): Promise<Set<number> | undefined> {
  const key = 'changedForScoring';
  if (!snapshot.memo.has(key)) snapshot.memo.set(key, readChangedForScoring(snapshot));
  return snapshot.memo.get(key) as Promise<Set<number> | undefined>;
}

async function readChangedForScoring(snapshot: SweepSnapshot): Promise<Set<number> | undefined> {
  const run = await findSweepRun(snapshot.sweepId);
  if (run?.mode !== 'incremental' || !run.changedIds) return undefined;
  const index = snapshot.indexOf();
  return new Set((JSON.parse(run.changedIds) as string[]).flatMap((id) => (index.has(id) ? [index.get(id)!] : [])));
}
