import { findSmsNumber } from '../../db/outbox/sms-numbers';
import type { ReachableContact } from '../../domain/outbox/channel-availability';

/** Which of a contact's numbers replied STOP (one look-up by _id per number). */
export async function optedOutNumbersOf(contact: ReachableContact): Promise<Set<string>> {
  const numbers = (contact.phones ?? []).map((p) => p.e164).filter((n): n is string => Boolean(n));
  const docs = await Promise.all(numbers.map((n) => findSmsNumber(n)));
  return new Set(docs.filter((d) => d?.optedOut).map((d) => d!._id));
}
