import type { Model, mongo } from 'mongoose';

/**
 * A model's driver collection, typed by the shape its documents really have.
 * Mongoose types `Model.collection` for documents with ObjectId ids and no
 * known fields; many of Casebook's collections are keyed by strings (FerretDB
 * serves _id look-ups from its index only for strings and ObjectIds) and
 * hold packed values, so each model names its stored shape here once,
 * instead of every query casting its filter.
 */
export function typedCollection<T extends mongo.Document>(model: Model<any>): mongo.Collection<T> {
  return model.collection as unknown as mongo.Collection<T>;
}
