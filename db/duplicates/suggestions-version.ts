import mongoose from 'mongoose';
import { Counter } from '../models/index';

const VERSION_ID = 'duplicate-suggestions';

/** Moves the suggestions' version on; every write to duplicate_suggestions calls it after writing. */
export async function bumpSuggestionsVersion(): Promise<void> {
  await Counter.updateOne({ _id: VERSION_ID }, { $inc: { seq: 1 }, $set: { at: new Date() } }, { upsert: true });
}

/**
 * The suggestions' version in the connected database: counts read under one
 * version stay true until it moves. With the time of the last write, so a
 * database dropped and written again does not repeat an old version.
 */
export async function suggestionsVersion(): Promise<string> {
  const counter = await Counter.findOne({ _id: VERSION_ID }).lean();
  return `${mongoose.connection.db!.databaseName}:${counter?.seq ?? 0}:${counter?.at?.getTime() ?? ''}`;
}
