import { listContactsFromDatabase, type ContactListFilters, type ContactListPage } from '../../db/contacts/list-contacts';
import { openSuggestionCounts } from '../../db/duplicates/open-suggestion-counts';
import { suggestionsVersion } from '../../db/duplicates/suggestion-count-log';
import type { ContactListRow } from '../../domain/contacts/contact-list-row';
import type { ContactListIndexService } from './contact-list-index';

export type { ContactListFilters, ContactListPage };

export type ListContactsOptions = ContactListFilters & {
  sort?: 'name' | 'name_desc';
  /** Opaque keyset cursor from the previous page's nextCursor. */
  after?: string;
  limit?: number;
  /** In-memory index, used when present and ready (FerretDB); otherwise the database's indexes answer. */
  index?: ContactListIndexService;
};

/** A listed contact with its count of open duplicate suggestions (the list's badge). */
export type ListedContact = ContactListRow & { duplicates: number };

/** One page of contacts ordered by name, keyset-paginated on (sortName, id): from memory when the index is ready, else the database. */
export async function listContacts(o: ListContactsOptions): Promise<ContactListPage> {
  const limit = Math.min(Math.max(o.limit ?? 25, 1), 100);
  const fromMemory = await o.index?.query({ ...o, limit });
  if (fromMemory) return { ...fromMemory, source: 'memory' };
  return listContactsFromDatabase({ ...o, limit });
}

/**
 * One page with each row's duplicate-badge count, for the pages that render
 * the contacts list (not a search box or a total). With the in-memory index
 * the counts come from memory beside the rows; otherwise the suggestions'
 * version is read beside the page, not after it (one database round trip
 * less before a list answers), and the counts from the database.
 */
export async function listContactsWithDuplicateCounts(o: ListContactsOptions): Promise<Omit<ContactListPage, 'rows'> & { rows: ListedContact[] }> {
  const inMemory = o.index?.duplicateBadges.ready ? o.index.duplicateBadges.current() : undefined;
  const [page, badges, version] = await Promise.all([listContacts(o), inMemory, inMemory ? undefined : suggestionsVersion()]);
  const counts = badges ?? (await openSuggestionCounts(page.rows.map((r) => r.id), version));
  return { ...page, rows: page.rows.map((r) => ({ ...r, duplicates: counts.get(r.id) ?? 0 })) };
}
