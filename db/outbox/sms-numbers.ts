import type { Types } from 'mongoose';
import { smsNumberCollection, type SmsNumberDoc } from '../models/index';

export async function findSmsNumber(e164: string): Promise<SmsNumberDoc | null> {
  return smsNumberCollection.findOne({ _id: e164 });
}

/** Notes that `contactId` is texted at `e164`, so a STOP from that number finds the contact without a scan. */
export async function noteSmsRecipient(e164: string, contactId: Types.ObjectId, at: Date): Promise<void> {
  await smsNumberCollection.updateOne({ _id: e164 }, { $addToSet: { contactIds: contactId }, $setOnInsert: { optedOut: false, at } }, { upsert: true });
}

/** Records a STOP (optedOut true) or START from `e164`. */
export async function setSmsOptOut(e164: string, o: { optedOut: boolean; keyword: string; at: Date }): Promise<SmsNumberDoc | null> {
  return smsNumberCollection.findOneAndUpdate({ _id: e164 }, { $set: { optedOut: o.optedOut, keyword: o.keyword, at: o.at }, $setOnInsert: { contactIds: [] } }, { upsert: true, returnDocument: 'after' });
}
