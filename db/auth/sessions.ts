import type { Types } from 'mongoose';
import { Session, type SessionDoc } from '../models/index';

// A session's _id is the SHA-256 of its cookie token (see activities/auth/sessions.ts):
// every request's look-up is by _id, which every engine serves from an index.

export async function insertSession(session: { _id: string; userId: Types.ObjectId; csrfToken: string; expiresAt: Date; userAgent?: string }): Promise<void> {
  await Session.create(session);
}

export async function findSession(tokenHash: string): Promise<SessionDoc | null> {
  return Session.findOne({ _id: tokenHash }).lean<SessionDoc>();
}

export async function markSessionRevoked(tokenHash: string): Promise<void> {
  await Session.updateOne({ _id: tokenHash }, { $set: { revokedAt: new Date() } });
}
