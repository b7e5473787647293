import type { ContactListIndexService } from '../../db/contact-list-index/index-service';
import { contactMatchInput } from '../../db/duplicates/contact-match-input';
import { findDuplicateCandidates, type DuplicateCandidate } from '../../db/duplicates/find-duplicate-candidates';
import type { ContactInput } from '../../domain/build-contact-record';

export type PossibleDuplicate = DuplicateCandidate;

/** Existing contacts that may be the person being typed into the new-contact form, scored with reasons. */
export async function findPossibleDuplicates(input: ContactInput, region: string, limit = 5, index?: ContactListIndexService): Promise<PossibleDuplicate[]> {
  return findDuplicateCandidates(contactMatchInput(input), { region, limit, index });
}
