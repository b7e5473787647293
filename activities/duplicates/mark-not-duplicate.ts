import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { recordNotDuplicatePair, updateSuggestions } from '../../db/duplicates/suggestions';

/** "Not a duplicate": remembers the pair, drops it from both contacts' suggestions and audits who decided. */
export async function markNotDuplicate(a: Types.ObjectId, b: Types.ObjectId, actor: Actor): Promise<void> {
  await recordNotDuplicatePair(a, b, actor);
  await updateSuggestions(a, (old) => old.filter((e) => e.otherId !== String(b)));
  await updateSuggestions(b, (old) => old.filter((e) => e.otherId !== String(a)));
  await audit(actor, 'contact.not-duplicate', { type: 'Contact', id: a }, { otherId: String(b) });
}
