// The dashboard's "Client activity": what clients did on the portal that
// staff have not looked at yet.
import { Types } from 'mongoose';
import { portalNoticeCollection, type PortalNoticeDoc } from '../models/index';

export async function insertPortalNotice(n: Omit<PortalNoticeDoc, '_id' | 'seenAt' | 'seenBy'>): Promise<void> {
  await portalNoticeCollection.insertOne({ _id: new Types.ObjectId(), ...n });
}

export async function unseenPortalNotices(limit = 100): Promise<PortalNoticeDoc[]> {
  return portalNoticeCollection.find({ seenAt: null }).sort({ at: -1 }).limit(limit).toArray();
}

export async function countUnseenPortalNotices(): Promise<number> {
  return portalNoticeCollection.countDocuments({ seenAt: null });
}

export async function recentPortalNotices(limit = 50): Promise<PortalNoticeDoc[]> {
  return portalNoticeCollection.find({ seenAt: { $ne: null } }).sort({ at: -1 }).limit(limit).toArray();
}

/** Marks a contact's notices on a case seen (staff opened the thread or the documents they are about). */
export async function markPortalNoticesSeen(filter: { contactId: Types.ObjectId; caseId?: Types.ObjectId; kind?: PortalNoticeDoc['kind'] }, by: string, at: Date): Promise<void> {
  await portalNoticeCollection.updateMany({ ...filter, seenAt: null }, { $set: { seenAt: at, seenBy: by } });
}

/** Marks every notice of one kind on a case seen (staff opened the case's Tasks tab). */
export async function markCaseNoticesSeen(caseId: Types.ObjectId, kind: PortalNoticeDoc['kind'], by: string, at: Date): Promise<void> {
  await portalNoticeCollection.updateMany({ caseId, kind, seenAt: null }, { $set: { seenAt: at, seenBy: by } });
}

export async function markPortalNoticeSeen(id: Types.ObjectId, by: string, at: Date): Promise<void> {
  await portalNoticeCollection.updateOne({ _id: id, seenAt: null }, { $set: { seenAt: at, seenBy: by } });
}
