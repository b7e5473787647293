import type { Types } from 'mongoose';
import { saveSuggestions } from '../../db/duplicates/suggestions';
import { contactMatchInput, type ContactLike } from '../../domain/duplicates/contact-match-input';
import { findDuplicateCandidates, type CandidateSearch, type DuplicateCandidate } from './find-duplicate-candidates';

/**
 * Recomputes a contact's possible duplicates and stores them as its open
 * suggestions (after it is created or edited, and when its profile asks);
 * returns them, best first.
 */
export async function refreshSuggestions(contact: ContactLike & { _id: Types.ObjectId }, o: Omit<CandidateSearch, 'excludeId'>): Promise<DuplicateCandidate[]> {
  const found = await findDuplicateCandidates(contactMatchInput(contact), { ...o, excludeId: String(contact._id) });
  await saveSuggestions(contact._id, found.map((f) => ({ otherId: String(f.contact._id), score: f.score, band: f.band, reasons: f.reasons })));
  return found;
}
