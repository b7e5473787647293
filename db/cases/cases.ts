import type { Types } from 'mongoose';
import type { CaseStatus } from '../../domain/cases/case-fields';
import type { CaseStage } from '../../domain/cases/case-stages';
import { findByIds, linkedRecords } from '../contacts/contact-links';
import { Case, type CaseDoc } from '../models/index';

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
}

/** The cases a contact is linked to, most recently linked first (from its link list, then by _id). */
export async function casesOfContact(contactId: Types.ObjectId, limit = 500): Promise<CaseDoc[]> {
  const { refs } = await linkedRecords('case', contactId, { limit });
  return findByIds<CaseDoc>(Case, refs.map((r) => r.id));
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A page of the case list, newest number first, by status and by a number prefix or words of the title. */
export async function listCases(o: { status?: CaseStatus; q?: string; page: number; perPage: number }): Promise<{ cases: CaseDoc[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (o.status) filter.status = o.status;
  if (o.q) filter.$or = [{ number: { $regex: `^${o.q.replace(/[^\w-]/g, '')}` } }, { title: { $regex: escapeRegex(o.q), $options: 'i' } }];
  const [cases, total] = await Promise.all([
    Case.find(filter).sort({ number: -1 }).skip((o.page - 1) * o.perPage).limit(o.perPage).lean<CaseDoc[]>(),
    Case.countDocuments(filter),
  ]);
  return { cases, total };
}

/** Moves a case to a stage (the portal's timeline), keeping the move; false when it is at that stage already. */
export async function moveCaseStage(id: Types.ObjectId, stage: CaseStage, by: string, at: Date): Promise<boolean> {
  const r = await Case.updateOne({ _id: id, stage: { $ne: stage } }, { $set: { stage }, $push: { stageHistory: { stage, at, by } } });
  return r.modifiedCount === 1;
}
