import { Types } from 'mongoose';
import { decodeListCursor, encodeListCursor } from '../../domain/contacts/contact-list-cursor';
import { toListRow, type ContactListRow } from '../../domain/contacts/contact-list-row';
import { parseContactSearch, type ContactSearch } from '../../domain/contacts/parse-contact-search';
import { Contact, type ContactDoc } from '../models/index';

export type AppStatusFilter = 'installed' | 'not_installed';

/** The contacts page's filters. */
export type ContactListFilters = {
  appStatus?: AppStatusFilter;
  q?: string;
  tag?: string;
  caseStatus?: string;
  defaultRegion: string;
};

export type ContactListPage = { rows: ContactListRow[]; total: number; nextCursor?: string; source: 'memory' | 'database' };

/** Fields to read from the database to build list rows. */
export const CONTACT_LIST_ROW_FIELDS = {
  firstName: 1, middleName: 1, lastName: 1, preferredName: 1, phones: 1, emails: 1, appStatus: 1, tags: 1,
  caseStatuses: 1, sortName: 1, nameTokens: 1, phoneKeys: 1, emailKeys: 1, mergedInto: 1,
} as const;

// Loose on purpose: the filter mixes dotted paths and operators Mongoose's types cannot follow.
type Filter = Record<string, any>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The database filter for the contacts list; shared by the list, its count and the export. */
export function contactListFilter(o: ContactListFilters): Filter {
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
    case 'refused':
      return { _id: { $exists: false } }; // no contact
  }
}

/** One page of contacts ordered by name from the database's indexes, keyset-paginated on (sortName, _id). */
export async function listContactsFromDatabase(o: ContactListFilters & { sort?: 'name' | 'name_desc'; after?: string; limit: number }): Promise<ContactListPage> {
  const filter = contactListFilter(o);
  const cursor = decodeListCursor(o.after);
  const desc = o.sort === 'name_desc';
  const beyond = desc ? '$lt' : '$gt';
  const pageFilter: Filter = cursor
    ? { $and: [filter, { $or: [{ sortName: { [beyond]: cursor[0] } }, { sortName: cursor[0], _id: { [beyond]: new Types.ObjectId(cursor[1]) } }] }] }
    : filter;
  const [docs, total] = await Promise.all([
    Contact.find(pageFilter, CONTACT_LIST_ROW_FIELDS).sort(desc ? { sortName: -1, _id: -1 } : { sortName: 1, _id: 1 }).limit(o.limit + 1).lean<ContactDoc[]>(),
    Contact.countDocuments(filter),
  ]);
  const rows = docs.slice(0, o.limit).map(toListRow);
  const last = rows[rows.length - 1];
  return { rows, total, nextCursor: docs.length > o.limit && last ? encodeListCursor(last.sortName, last.id) : undefined, source: 'database' };
}

/** Every live contact's list fields, streamed (the in-memory list index's first build). */
export function streamLiveListRows(): AsyncIterable<ContactDoc> {
  return Contact.find({ mergedInto: { $exists: false } }, CONTACT_LIST_ROW_FIELDS).lean<ContactDoc[]>().cursor({ batchSize: 2000 }) as AsyncIterable<ContactDoc>;
}

const FETCH_CONCURRENCY = 16;

/** The list fields of these contacts, by id (null where a contact is gone); one look-up by _id each, which every engine serves from its index. */
export async function readListRows(ids: string[]): Promise<(ContactDoc | null)[]> {
  const out: (ContactDoc | null)[] = [];
  for (let i = 0; i < ids.length; i += FETCH_CONCURRENCY) {
    out.push(...(await Promise.all(ids.slice(i, i + FETCH_CONCURRENCY).map((id) => Contact.findOne({ _id: id }, CONTACT_LIST_ROW_FIELDS).lean<ContactDoc>()))));
  }
  return out;
}
