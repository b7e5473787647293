import { Types } from 'mongoose';
import { toCaseListRow, type CaseListRow, type CaseSearch } from '../../domain/cases/case-list-row';
import type { CaseStatus } from '../../domain/cases/case-fields';
import type { CaseStage } from '../../domain/cases/case-stages';
import { findByIds, linkedRecords } from '../contacts/contact-links';
import { Case, type CaseDoc } from '../models/index';
import { recordCaseChanges } from './case-changes';

export type CaseLinkDoc = CaseDoc['contacts'][number];

export async function findCase(id: Types.ObjectId): Promise<CaseDoc | null> {
  return Case.findOne({ _id: id }).lean<CaseDoc>();
}

export async function findCaseByNumber(number: string): Promise<CaseDoc | null> {
  return Case.findOne({ number }).lean<CaseDoc>();
}

/** Replaces a case's contact links (linking, unlinking, changing a role). */
export async function setCaseContacts(id: Types.ObjectId, contacts: CaseLinkDoc[]): Promise<void> {
  await Case.updateOne({ _id: id }, { $set: { contacts } });
  await recordCaseChanges([id]); // the case list shows the count of contacts
}

/** The cases a contact is linked to, most recently linked first (from its link list, then by _id). */
export async function casesOfContact(contactId: Types.ObjectId, limit = 500): Promise<CaseDoc[]> {
  const { refs } = await linkedRecords('case', contactId, { limit });
  return findByIds<CaseDoc>(Case, refs.map((r) => r.id));
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A page of the case list from the database (MongoDB), newest number first:
 * by status, and a search by the number's beginning or the title's word
 * beginnings, each an anchored prefix on an indexed field (`number`,
 * `titleWords`). FerretDB serves the list from memory instead
 * (activities/cases/case-list-index.ts).
 */
export async function listCasesFromDatabase(o: { status?: CaseStatus; search?: CaseSearch; page: number; perPage: number }): Promise<{ rows: CaseListRow[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (o.status) filter.status = o.status;
  if (o.search) {
    const either: Record<string, unknown>[] = [];
    if (o.search.numberPrefix) either.push({ number: { $regex: `^${escapeRegex(o.search.numberPrefix)}` } });
    // One anchored regex per word on the multikey field (FerretDB answers no regex inside $all).
    if (o.search.terms.length) either.push({ $and: o.search.terms.map((t) => ({ titleWords: { $regex: `^${escapeRegex(t)}` } })) });
    if (!either.length) return { rows: [], total: 0 };
    filter.$or = either;
  }
  const [docs, total] = await Promise.all([
    Case.find(filter, { number: 1, title: 1, practiceArea: 1, status: 1, 'contacts.contactId': 1 }).sort({ number: -1 }).skip((o.page - 1) * o.perPage).limit(o.perPage).lean<CaseDoc[]>(),
    Case.countDocuments(filter),
  ]);
  return { rows: docs.map(toCaseListRow), total };
}

/** Every case's list row, for the case list index's first build when the change log does not account for every case. */
export async function* streamCaseListRows(): AsyncGenerator<CaseListRow> {
  for await (const doc of Case.find({}, { number: 1, title: 1, practiceArea: 1, status: 1, 'contacts.contactId': 1 }).lean<CaseDoc[]>().cursor()) yield toCaseListRow(doc as CaseDoc);
}

/** The list rows of these cases, null for one that no longer exists, by _id look-ups. */
export async function readCaseListRows(ids: readonly string[]): Promise<(CaseListRow | null)[]> {
  const docs = await findByIds<CaseDoc>(Case, ids.map((id) => new Types.ObjectId(id)), { number: 1, title: 1, practiceArea: 1, status: 1, 'contacts.contactId': 1 });
  const byId = new Map(docs.map((d) => [String(d._id), toCaseListRow(d)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Moves a case to a stage (the portal's timeline), keeping the move; false when it is at that stage already. */
export async function moveCaseStage(id: Types.ObjectId, stage: CaseStage, by: string, at: Date): Promise<boolean> {
  const r = await Case.updateOne({ _id: id, stage: { $ne: stage } }, { $set: { stage }, $push: { stageHistory: { stage, at, by } } });
  return r.modifiedCount === 1;
}
