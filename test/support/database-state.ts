import mongoose from 'mongoose';

const COLLECTIONS = ['contacts', 'cases', 'messages', 'notes', 'documents', 'contact_link_lists'];

/**
 * Everything a merge can touch, read straight from the database and sorted
 * by _id, for deep-equal comparisons. An empty link list counts as no list
 * (a merge may leave one behind), and merge-history lists are left out:
 * history is meant to outlive an unmerge.
 */
export async function databaseState(): Promise<Record<string, unknown[]>> {
  const db = mongoose.connection.db!;
  const state: Record<string, unknown[]> = {};
  for (const name of COLLECTIONS) {
    const docs = await db.collection(name).find({}).toArray();
    state[name] = docs
      .filter((d) => name !== 'contact_link_lists' || ((d.keys as string[]).length > 0 && !String(d._id).startsWith('merges:')))
      .sort((a, b) => String(a._id).localeCompare(String(b._id)));
  }
  return state;
}
