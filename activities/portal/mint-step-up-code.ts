import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Types } from 'mongoose';
import { addStepUpCodeHash } from '../../db/portal/portal-sessions';
import { STEP_UP_CODE_DIGITS } from '../../domain/portal/step-up-code';

/** A code's hash, bound to the session it was made for (the same digits mean nothing in another session). */
export const hashStepUpCode = (sessionId: string, code: string) => createHash('sha256').update(`${sessionId}:${code}`).digest('hex');

/**
 * A fresh code for the send step to put in the message (never stored: only
 * its hash, added before the code leaves this function); undefined when the
 * request is no longer the session's newest, has expired, or the session ended.
 */
export async function mintStepUpCode(sessionId: string, messageId: Types.ObjectId, now: Date): Promise<string | undefined> {
  const code = String(randomInt(0, 10 ** STEP_UP_CODE_DIGITS)).padStart(STEP_UP_CODE_DIGITS, '0');
  return (await addStepUpCodeHash(sessionId, messageId, hashStepUpCode(sessionId, code), now)) ? code : undefined;
}

/** Whether `code` is one the send step made for this request, compared in constant time. */
export function codeMatches(sessionId: string, code: string, hashes: readonly string[]): boolean {
  const typed = Buffer.from(hashStepUpCode(sessionId, code), 'hex');
  let found = false;
  for (const h of hashes) if (h.length === 64 && timingSafeEqual(typed, Buffer.from(h, 'hex'))) found = true;
  return found;
}
