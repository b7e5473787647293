import type { mongo } from 'mongoose';

/**
 * Inserts documents, treating "already exists" as done (a retried batch),
 * and returns the documents this call inserted: a caller that describes
 * what it wrote (the contact change log's list rows) must describe only
 * those, as one that already existed may have been edited since.
 */
export async function insertMissing<T extends mongo.Document>(collection: mongo.Collection<T>, docs: mongo.OptionalUnlessRequiredId<T>[]): Promise<mongo.OptionalUnlessRequiredId<T>[]> {
  if (docs.length === 0) return [];
  try {
    await collection.insertMany(docs, { ordered: false });
    return docs;
  } catch (err) {
    const e = err as { code?: number; writeErrors?: { code?: number; index?: number }[] | { code?: number; index?: number } };
    const errors = e.writeErrors === undefined ? [] : Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
    const onlyDuplicates = errors.length > 0 ? errors.every((w) => w.code === 11000) : e.code === 11000;
    if (!onlyDuplicates) throw err;
    // Without positions (one error for the whole call) nothing is known to be new.
    if (errors.length === 0 || errors.some((w) => typeof w.index !== 'number')) return [];
    const existed = new Set(errors.map((w) => w.index));
    return docs.filter((_, i) => !existed.has(i));
  }
}
