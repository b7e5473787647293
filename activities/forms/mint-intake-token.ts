import type { Types } from 'mongoose';
import { findFormRequest } from '../../db/forms/form-requests';
import { newIntakeToken } from '../../db/forms/intake-tokens';

/** A fresh token for an open intake form, its hash stored before the token leaves (into the provider call only); undefined once the form is closed. */
export async function mintIntakeToken(requestId: Types.ObjectId, now: Date): Promise<string | undefined> {
  const request = await findFormRequest(requestId);
  if (!request || request.status !== 'open' || request.expiresAt <= now) return undefined;
  return newIntakeToken(requestId, now);
}
