import { Types } from 'mongoose';

/** Keyset cursor (sortName, id) shared by the database and in-memory list paths. */
export type ListCursor = [sortName: string, id: string];

export function encodeListCursor(sortName: string, id: string): string {
  return Buffer.from(JSON.stringify([sortName, id])).toString('base64url');
}

export function decodeListCursor(after: string | undefined): ListCursor | undefined {
  if (!after) return undefined;
  try {
    const value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && Types.ObjectId.isValid(value[1])) return [value[0], String(value[1])];
  } catch {
    // a tampered or stale cursor just restarts at the first page
  }
  return undefined;
}
