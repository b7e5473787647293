import { Types } from 'mongoose';
import type { Actor } from '../audit';
import { audit } from '../audit';
import { DuplicateSuggestions, NotDuplicatePair, pairId, type SuggestionEntry } from '../models/index';
import type { ContactListIndexService } from '../../activities/contacts/contact-list-index';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { findDuplicateCandidates, type DuplicateCandidate } from '../../activities/duplicates/find-duplicate-candidates';

/**
 * Stores what the engine found for a contact as its open suggestions (and
 * the mirror entry on each other contact); the contacts list counts them for
 * its badge when it renders. Suggestions are refreshed whenever a contact's
 * duplicates are computed: on its profile, after an edit, by the sweep.
 */
export async function saveSuggestions(contactId: Types.ObjectId, found: DuplicateCandidate[]): Promise<void> {
  const at = new Date();
  const entries: SuggestionEntry[] = found.map((f) => ({ otherId: String(f.contact._id), score: f.score, band: f.band, reasons: f.reasons, at }));
  await updateSuggestions(contactId, () => entries);
  for (const f of found) {
    const mirror: SuggestionEntry = { otherId: String(contactId), score: f.score, band: f.band, reasons: f.reasons, at };
    await updateSuggestions(f.contact._id, (old) => [...old.filter((e) => e.otherId !== mirror.otherId), mirror]);
  }
}

/** "Not a duplicate": remembers the pair, drops it from both contacts' suggestions and audits who decided. */
export async function markNotDuplicate(a: Types.ObjectId, b: Types.ObjectId, actor: Actor): Promise<void> {
  await NotDuplicatePair.collection.updateOne({ _id: pairId(String(a), String(b)) } as never, { $set: { by: { id: actor.id, name: actor.name }, at: new Date() } }, { upsert: true });
  await updateSuggestions(a, (old) => old.filter((e) => e.otherId !== String(b)));
  await updateSuggestions(b, (old) => old.filter((e) => e.otherId !== String(a)));
  await audit(actor, 'contact.not-duplicate', { type: 'Contact', id: a }, { otherId: String(b) });
}

/** Rewrites a contact's open suggestions; returns whether anything changed. */
export async function updateSuggestions(contactId: Types.ObjectId, update: (old: SuggestionEntry[]) => SuggestionEntry[]): Promise<boolean> {
  const doc = await DuplicateSuggestions.collection.findOne({ _id: contactId });
  const old = ((doc?.entries ?? []) as SuggestionEntry[]);
  const next = update(old);
  const same = old.length === next.length && old.every((e, i) => e.otherId === next[i]!.otherId && e.score === next[i]!.score);
  if (same && (doc || next.length === 0)) return false; // nothing to store
  await DuplicateSuggestions.collection.updateOne({ _id: contactId }, { $set: { entries: next } }, { upsert: true });
  return true;
}

/** Recomputes and stores a contact's open suggestions (after it is created or edited). */
export async function refreshSuggestions(contact: Parameters<typeof contactMatchInput>[0] & { _id: Types.ObjectId }, o: { region: string; index?: ContactListIndexService }): Promise<void> {
  const found = await findDuplicateCandidates(contactMatchInput(contact), { region: o.region, index: o.index, excludeId: String(contact._id) });
  await saveSuggestions(contact._id, found);
}
