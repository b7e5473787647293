// A bundle's emailed link, stored only as the SHA-256 of its token and
// looked up by it (documenso's get-recipient-by-token does the same).
import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { bundleLinkCollection, type BundleLinkDoc } from '../models/index';

/** 256 bits from the CSPRNG, URL-safe. */
export const newLinkToken = () => randomBytes(32).toString('base64url');
export const hashLinkToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export async function insertBundleLink(token: string, bundleId: Types.ObjectId, expiresAt: Date, now: Date): Promise<void> {
  await bundleLinkCollection.insertOne({ _id: hashLinkToken(token), bundleId, createdAt: now, expiresAt });
}

/** The link a token opens, or null; a token that is not one of ours (wrong length, wrong alphabet) is not even looked up. */
export async function findBundleLinkByToken(token: string): Promise<BundleLinkDoc | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return bundleLinkCollection.findOne({ _id: hashLinkToken(token) });
}
