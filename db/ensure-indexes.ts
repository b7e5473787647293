import mongoose from 'mongoose';
import type { DatabaseEngine } from './detect-engine';
import './models/index';

/**
 * Creates every model's collection and indexes. Safe to run at every start.
 * On FerretDB v1, which never reads secondary indexes (only _id look-ups are
 * indexed there), non-unique indexes are skipped: they would only slow writes.
 * Unique ones are kept because they enforce rules.
 */
export async function ensureIndexes(engine: DatabaseEngine = 'mongodb'): Promise<{ created: number; unsupported: string[] }> {
  // Every collection is created up front: FerretDB can deadlock when two
  // writers create the same collection implicitly at the same moment.
  const db = mongoose.connection.db!;
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of ['files.files', 'files.chunks']) {
    if (!existing.has(name)) await db.createCollection(name).catch(ignoreExists);
  }
  for (const model of Object.values(mongoose.models)) {
    if (!existing.has(model.collection.collectionName)) await model.createCollection().catch(ignoreExists);
  }
  const unsupported: string[] = [];
  for (const { collection, fields, options } of plannedIndexes(engine)) {
    await db
      .collection(collection)
      .createIndex(fields, options)
      .catch((err: { codeName?: string }) => {
        // A server that lacks an index feature (FerretDB and TTL indexes, when told to act as MongoDB) says so;
        // the index is reported and the rest are made. Real MongoDB has them all.
        if (err.codeName !== 'NotImplemented') throw err;
        unsupported.push(`${collection} ${JSON.stringify(fields)}`);
      });
  }
  return { created: plannedIndexes(engine).length - unsupported.length, unsupported };
}

export type PlannedIndex = { collection: string; fields: Record<string, 1 | -1>; options: Record<string, unknown> };

/** The indexes ensureIndexes creates on an engine, from every model's schema. */
export function plannedIndexes(engine: DatabaseEngine): PlannedIndex[] {
  return Object.values(mongoose.models).flatMap((model) =>
    // indexes() includes both schema.index() calls and `unique`/`index` path options.
    model.schema
      .indexes()
      .filter(([, options]) => engine !== 'ferretdb' || options?.unique)
      .map(([fields, options]) => ({ collection: model.collection.collectionName, fields: fields as Record<string, 1 | -1>, options: { ...options } as Record<string, unknown> })),
  );
}

function ignoreExists(err: { codeName?: string }) {
  if (err.codeName !== 'NamespaceExists') throw err;
}
