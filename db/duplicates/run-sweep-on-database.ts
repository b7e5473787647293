import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { prepareRecord } from '../../domain/matching/prepare-record';
import { runSweep } from '../../domain/matching/sweep/run-sweep';
import type { PreparedRecord } from '../../domain/matching/match-record';
import { defaultMatcher } from '../../lib/matcher';
import { currentChangeSeq, recordContactChanges } from '../contact-changes';
import { Contact, DuplicateGroup, DuplicateSuggestions, NotDuplicatePair, SweepRun, type SuggestionEntry, type SweepRunDoc } from '../models/index';
import { changedContactIds, loadMatchInputs } from './match-record-store';

export type SweepProgress = { stage: 'reading' | 'matching' | 'writing' | 'done'; contactsRead: number; pairsScored: number; groupsFound: number };

export const groupId = (members: string[]) => createHash('sha256').update([...members].sort().join(',')).digest('hex').slice(0, 24);

/**
 * One full sweep: reads every live contact's matching fields, runs the
 * in-memory sweep (domain/matching/sweep), leaves out pairs staff marked
 * "not a duplicate", and writes duplicate groups and each contact's
 * suggestions. Writes are keyed by the group's members, so running it again
 * after a crash writes the same result; resolved groups are never reopened.
 */
export type SweepMode = 'full' | 'incremental';

export async function runSweepOnDatabase(o: { sweepId: string; mode: SweepMode; region: string; report: (p: SweepProgress) => void }): Promise<SweepProgress & { mode: SweepMode }> {
  const progress: SweepProgress = { stage: 'reading', contactsRead: 0, pairsScored: 0, groupsFound: 0 };
  const startedAt = new Date();
  const previous = (await SweepRun.collection.find({ finishedAt: { $exists: true } }).toArray()) as unknown as SweepRunDoc[];
  const last = previous.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  const expectedContacts = last?.contactsRead;
  // Incremental: only pairs with a contact changed since the last finished sweep are scored
  // (every contact is still read, so a changed one is compared with all). No earlier sweep: full.
  const changeSeq = (await currentChangeSeq()).seq;
  const mode: SweepMode = o.mode === 'incremental' && last?.changeSeq !== undefined ? 'incremental' : 'full';
  const changed = mode === 'incremental' ? await changedContactIds(last!.changeSeq!, changeSeq) : undefined;
  const seconds = { read: 0, match: 0, write: 0 };
  let lastSaved = 0;
  const save = async (force = false) => {
    o.report(progress);
    if (!force && Date.now() - lastSaved < 1000) return;
    lastSaved = Date.now();
    await SweepRun.collection.updateOne(
      { _id: o.sweepId } as never,
      { $set: { ...progress, mode, updatedAt: new Date(), seconds, ...(progress.stage === 'done' ? { finishedAt: new Date() } : {}) }, $setOnInsert: { startedAt, expectedContacts, changeSeq } },
      { upsert: true },
    );
  };
  await save(true);
  let t = performance.now();
  const prepare = { defaultRegion: o.region };
  const { inputs } = await loadMatchInputs(async (read) => {
    progress.contactsRead = read;
    await save();
  });
  progress.contactsRead = inputs.length;
  const ids = inputs.map((i) => i.id);
  const records: PreparedRecord[] = inputs.map((i) => prepareRecord(i, prepare));
  seconds.read = (performance.now() - t) / 1000;
  progress.stage = 'matching';
  await save(true);
  t = performance.now();
  const onlyChanged = changed ? new Set(ids.flatMap((id, i) => (changed.has(id) ? [i] : []))) : undefined;
  const result = runSweep(records, defaultMatcher(), { onlyChanged });
  seconds.match = (performance.now() - t) / 1000;
  progress.pairsScored = result.candidatePairs;
  progress.stage = 'writing';
  await save(true);
  t = performance.now();

  const notDuplicate = new Set((await NotDuplicatePair.collection.find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
  const suggestions = new Map<string, SuggestionEntry[]>();
  const now = new Date();
  const groupOps = [];
  for (const g of result.groups) {
    const members = g.members.map((i) => ids[i]!).sort();
    if (members.length < 2) continue;
    const pairKeys = members.flatMap((a, x) => members.slice(x + 1).map((b) => `${a}:${b}`));
    if (pairKeys.every((k) => notDuplicate.has(k))) continue; // staff already said these are different people
    progress.groupsFound++;
    const _id = groupId(members);
    groupOps.push({ updateOne: { filter: { _id }, update: { $setOnInsert: { _id, members, score: g.score, kinds: g.kinds, reasons: g.reasons, status: 'open', sweepId: o.sweepId, foundAt: now } }, upsert: true } });
    for (const id of members) {
      const entries = suggestions.get(id) ?? suggestions.set(id, []).get(id)!;
      for (const other of members) {
        if (other !== id && !notDuplicate.has(id < other ? `${id}:${other}` : `${other}:${id}`)) entries.push({ otherId: other, score: g.score, band: 'likely', reasons: g.reasons, at: now });
      }
    }
  }
  for (let i = 0; i < groupOps.length; i += 500) await DuplicateGroup.collection.bulkWrite(groupOps.slice(i, i + 500) as never, { ordered: false });
  // Groups staff resolved keep their status; their members' suggestions stay closed.
  const resolved = new Set<string>();
  if (groupOps.length) {
    for (let i = 0; i < groupOps.length; i += 1000) {
      const batch = groupOps.slice(i, i + 1000).map((op) => op.updateOne.filter._id);
      for (const g of await DuplicateGroup.collection.find({ _id: { $in: batch } as never, status: { $ne: 'open' } }, { projection: { members: 1 } }).toArray()) for (const m of g.members as string[]) resolved.add(m);
    }
  }
  const entries = [...suggestions].filter(([id]) => !resolved.has(id));
  for (let i = 0; i < entries.length; i += 500) {
    const batch = entries.slice(i, i + 500);
    await DuplicateSuggestions.collection.bulkWrite(batch.map(([id, list]) => ({ updateOne: { filter: { _id: new Types.ObjectId(id) }, update: { $set: { entries: list } }, upsert: true } })), { ordered: false });
    await Contact.collection.bulkWrite(batch.map(([id, list]) => ({ updateOne: { filter: { _id: new Types.ObjectId(id) }, update: { $set: { duplicateSuggestions: list.length } } } })), { ordered: false });
    await recordContactChanges(batch.map(([id]) => new Types.ObjectId(id)), 'sweep');
  }
  seconds.write = (performance.now() - t) / 1000;
  progress.stage = 'done';
  await save(true);
  return { ...progress, mode };
}
