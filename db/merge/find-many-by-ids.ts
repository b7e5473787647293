import type { mongo, Types } from 'mongoose';

type Collection = mongo.Collection<mongo.Document>;
type Document = mongo.Document;

/**
 * Reads documents by _id in one round trip per thousand ids ($in), so the
 * number of round trips does not grow with small lists. (FerretDB v1 scans
 * the collection for $in; at merge sizes that is still one request.)
 */
export async function findManyByIds(collection: Collection, ids: Types.ObjectId[]): Promise<Document[]> {
  const out: Document[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    out.push(...(await collection.find({ _id: { $in: ids.slice(i, i + 1000) } } as never).toArray()));
  }
  return out;
}
