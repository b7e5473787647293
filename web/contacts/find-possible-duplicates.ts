import type { ContactListIndexService } from '../../activities/contacts/contact-list-index';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { findDuplicateCandidates, type DuplicateCandidate } from '../../activities/duplicates/find-duplicate-candidates';
import type { ContactInput } from '../../domain/contacts/build-contact-record';

export type PossibleDuplicate = DuplicateCandidate;

/** Existing contacts that may be the person being typed into the new-contact form, scored with reasons. */
export async function findPossibleDuplicates(input: ContactInput, region: string, limit = 5, index?: ContactListIndexService): Promise<PossibleDuplicate[]> {
  return findDuplicateCandidates(contactMatchInput(input), { region, limit, index });
}
