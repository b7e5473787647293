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
  for (const model of Object.values(mongoose.models)) {
    await model.createCollection().catch((err: { codeName?: string }) => {
      if (err.codeName !== 'NamespaceExists') throw err;
    });
    // indexes() includes both schema.index() calls and `unique`/`index` path options.
    for (const [fields, options] of model.schema.indexes()) {
      if (engine === 'ferretdb' && !options?.unique) continue;
      await model.collection.createIndex(fields as Record<string, 1 | -1>, options as Record<string, unknown>);
    }
  }
}
