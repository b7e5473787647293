// The tokens of intake links, stored as their SHA-256 only and looked up by it (an _id look-up on every engine).
import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { intakeTokenCollection } from '../models/index';

export const hashIntakeToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const looksLikeIntakeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/** A fresh 256-bit token for an intake form; only its hash is kept. */
export async function newIntakeToken(requestId: Types.ObjectId, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await intakeTokenCollection.insertOne({ _id: hashIntakeToken(token), requestId, createdAt: now });
  return token;
}

export async function intakeRequestIdByToken(token: string): Promise<Types.ObjectId | undefined> {
  if (!looksLikeIntakeToken(token)) return undefined;
  return (await intakeTokenCollection.findOne({ _id: hashIntakeToken(token) }))?.requestId;
}
