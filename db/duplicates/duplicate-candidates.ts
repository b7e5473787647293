import { Contact } from '../models/index';

/**
 * Ids of live contacts that share a phone key or an email key, or whose
 * sortName starts with one of the prefixes, from the database's indexes
 * (MongoDB; on FerretDB the in-memory list index answers instead).
 */
export async function candidateIdsFromDatabase(o: { phoneKeys: string[]; emailKeys: string[]; sortNamePrefixes: string[]; limit: number }): Promise<Set<string>> {
  const or: Record<string, unknown>[] = [];
  if (o.phoneKeys.length) or.push({ phoneKeys: { $in: o.phoneKeys } });
  if (o.emailKeys.length) or.push({ emailKeys: { $in: o.emailKeys } });
  for (const prefix of o.sortNamePrefixes) or.push({ sortName: { $regex: `^${prefix.replace(/[^a-z0-9 ]/g, '')}` } });
  if (!or.length) return new Set();
  const docs = await Contact.find({ $or: or, mergedInto: { $exists: false } }, { _id: 1 }).limit(o.limit).lean();
  return new Set(docs.map((d) => String(d._id)));
}
