import mongoose from 'mongoose';
import type { DatabaseEngine } from './detect-engine';
import './models/index';

/**
 * Creates every model's collection and indexes. Safe to run at every start.
 * On FerretDB v1, which never reads secondary indexes (only _id look-ups are
 * indexed there), non-unique indexes are skipped: they would only slow writes.
 * Unique ones are kept because they enforce rules.
 */
export async function ensureIndexes(engine: DatabaseEngine = 'mongodb'): Promise<void> {
  // Every collection is created up front: FerretDB can deadlock when two
  // writers create the same collection implicitly at the same moment.
  const db = mongoose.connection.db!;
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of ['files.files', 'files.chunks']) {
    if (!existing.has(name)) await db.createCollection(name).catch(ignoreExists);
  }
  for (const model of Object.values(mongoose.models)) {
    if (!existing.has(model.collection.collectionName)) await model.createCollection().catch(ignoreExists);
    // indexes() includes both schema.index() calls and `unique`/`index` path options.
    for (const [fields, options] of model.schema.indexes()) {
      if (engine === 'ferretdb' && !options?.unique) continue;
      await model.collection.createIndex(fields as Record<string, 1 | -1>, options as Record<string, unknown>);
    }
  }
}

function ignoreExists(err: { codeName?: string }) {
  if (err.codeName !== 'NamespaceExists') throw err;
}
