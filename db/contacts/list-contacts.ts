import { Types } from 'mongoose';
import { parseContactSearch, type ContactSearch } from '../../domain/contacts/parse-contact-search';
import type { ContactListIndexService } from '../../activities/contacts/contact-list-index';
import { decodeListCursor, encodeListCursor } from '../../domain/contacts/contact-list-cursor';
import { LIST_ROW_PROJECTION, toListRow, type ContactListRow } from '../../domain/contacts/contact-list-row';
import { Contact, type ContactDoc } from '../models/contact';
import { openSuggestionCounts } from '../duplicates/open-suggestion-counts';

export type AppStatusFilter = 'installed' | 'not_installed';

export type ListContactsOptions = {
  appStatus?: AppStatusFilter;
  q?: string;
  tag?: string;
  caseStatus?: string;
  sort?: 'name' | 'name_desc';
  /** Opaque keyset cursor from the previous page's nextCursor. */
  after?: string;
  limit?: number;
  defaultRegion: string;
  /** In-memory index, used when present and ready (FerretDB); otherwise the database's indexes answer. */
  index?: ContactListIndexService;
};

export type ContactListPage = { rows: ContactListRow[]; total: number; nextCursor?: string; source: 'memory' | 'database' };
/** A listed contact with its count of open duplicate suggestions (the list's badge). */
export type ListedContact = ContactListRow & { duplicates: number };

// Loose on purpose: the filter mixes dotted paths and operators Mongoose's types cannot follow.
type Filter = Record<string, any>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The database filter for the contacts list; shared by the list, its count and the export. */
export function contactListFilter(o: Omit<ListContactsOptions, 'after' | 'limit' | 'index'>): Filter {
  const filter: Filter = { mergedInto: { $exists: false } };
  if (o.appStatus === 'installed') filter['appStatus.installed'] = true;
  if (o.appStatus === 'not_installed') filter['appStatus.installed'] = false;
  if (o.tag) filter.tags = o.tag;
  if (o.caseStatus) filter.caseStatuses = o.caseStatus;
  Object.assign(filter, searchFilter(parseContactSearch(o.q, o.defaultRegion)));
  return filter;
}

function searchFilter(s: ContactSearch): Filter {
  switch (s.kind) {
    case 'email':
      return { emailKeys: s.canonical };
    case 'emailPrefix':
      return { emailKeys: { $regex: `^${escapeRegex(s.prefix)}` } };
    case 'phone':
      return { phoneKeys: s.e164 };
    case 'phoneDigits':
      return { phoneKeys: s.digits };
    case 'name':
      return { $and: s.words.map((w) => ({ nameTokens: { $regex: `^${escapeRegex(w)}` } })) };
    case 'none':
      return {};
  }
}

/** One page of contacts ordered by name, keyset-paginated on (sortName, _id). */
export async function listContacts(o: ListContactsOptions): Promise<ContactListPage> {
  const limit = Math.min(Math.max(o.limit ?? 25, 1), 100);
  const fromMemory = await o.index?.query({ ...o, limit });
  if (fromMemory) return { ...fromMemory, source: 'memory' };

  const filter = contactListFilter(o);
  const cursor = decodeListCursor(o.after);
  const desc = o.sort === 'name_desc';
  const beyond = desc ? '$lt' : '$gt';
  const pageFilter: Filter = cursor
    ? { $and: [filter, { $or: [{ sortName: { [beyond]: cursor[0] } }, { sortName: cursor[0], _id: { [beyond]: new Types.ObjectId(cursor[1]) } }] }] }
    : filter;
  const [docs, total] = await Promise.all([
    Contact.find(pageFilter, LIST_ROW_PROJECTION).sort(desc ? { sortName: -1, _id: -1 } : { sortName: 1, _id: 1 }).limit(limit + 1).lean<ContactDoc[]>(),
    Contact.countDocuments(filter),
  ]);
  const rows = docs.slice(0, limit).map(toListRow);
  const last = rows[rows.length - 1];
  return { rows, total, nextCursor: docs.length > limit && last ? encodeListCursor(last.sortName, last.id) : undefined, source: 'database' };
}

/** The page with each row's duplicate-badge count, for the pages that render the contacts list (not a search box or a total). */
export async function withDuplicateCounts(page: ContactListPage): Promise<Omit<ContactListPage, 'rows'> & { rows: ListedContact[] }> {
  const counts = await openSuggestionCounts(page.rows.map((r) => r.id));
  return { ...page, rows: page.rows.map((r) => ({ ...r, duplicates: counts.get(r.id) ?? 0 })) };
}
