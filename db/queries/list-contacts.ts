import { Types } from 'mongoose';
import { foldedTokens } from '../../domain/fold-text';
import { normalizeEmail } from '../../domain/normalize-email';
import { normalizePhone, phoneDigits } from '../../domain/normalize-phone';
import { Contact, type ContactDoc } from '../models/contact';

export type AppStatusFilter = 'all' | 'installed' | 'not_installed';

export type ListContactsOptions = {
  appStatus?: AppStatusFilter;
  q?: string;
  tag?: string;
  caseStatus?: string;
  /** Opaque keyset cursor from the previous page's nextCursor. */
  after?: string;
  limit?: number;
  defaultRegion: string;
};

export type ContactListPage = {
  rows: ContactDoc[];
  total: number;
  nextCursor?: string;
};

// Loose on purpose: the filter mixes dotted paths and operators Mongoose's types cannot follow.
type Filter = Record<string, any>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the filter for the contacts list; shared by the list, its count and the export. */
export function contactListFilter(o: Omit<ListContactsOptions, 'after' | 'limit'>): Filter {
  const filter: Filter = { mergedInto: { $exists: false } };
  if (o.appStatus === 'installed') filter['appStatus.installed'] = true;
  if (o.appStatus === 'not_installed') filter['appStatus.installed'] = false;
  if (o.tag) filter.tags = o.tag;
  if (o.caseStatus) filter.caseStatuses = o.caseStatus;
  const q = o.q?.trim();
  if (q) Object.assign(filter, searchFilter(q, o.defaultRegion));
  return filter;
}

/** Email, phone in any format, or name words (each a prefix of some name word). */
function searchFilter(q: string, region: string): Filter {
  if (q.includes('@')) {
    const email = normalizeEmail(q);
    return email.ok ? { emailKeys: email.canonical } : { emailKeys: { $regex: `^${escapeRegex(q.toLowerCase())}` } };
  }
  const digits = phoneDigits(q);
  if (digits.length >= 3 && digits.length >= q.replace(/[\s()+.-]/g, '').length) {
    const phone = normalizePhone(q, region);
    if (phone.ok) return { phoneKeys: phone.e164 };
    return { phoneKeys: { $regex: `${escapeRegex(digits.slice(-7))}$` } };
  }
  const tokens = foldedTokens(q).slice(0, 4);
  if (tokens.length === 0) return {};
  return { $and: tokens.map((t) => ({ nameTokens: { $regex: `^${escapeRegex(t)}` } })) };
}

type Cursor = [string, string];

function decodeCursor(after: string | undefined): Cursor | undefined {
  if (!after) return undefined;
  try {
    const value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && Types.ObjectId.isValid(value[1])) return value as Cursor;
  } catch {
    // a tampered or stale cursor just restarts at the first page
  }
  return undefined;
}

function encodeCursor(row: ContactDoc): string {
  return Buffer.from(JSON.stringify([row.sortName, String(row._id)])).toString('base64url');
}

/** One page of contacts ordered by name, keyset-paginated on (sortName, _id). */
export async function listContacts(o: ListContactsOptions): Promise<ContactListPage> {
  const limit = Math.min(Math.max(o.limit ?? 25, 1), 100);
  const filter = contactListFilter(o);
  const cursor = decodeCursor(o.after);
  const pageFilter: Filter = cursor
    ? { $and: [filter, { $or: [{ sortName: { $gt: cursor[0] } }, { sortName: cursor[0], _id: { $gt: new Types.ObjectId(cursor[1]) } }] }] }
    : filter;
  const [rows, total] = await Promise.all([
    Contact.find(pageFilter).sort({ sortName: 1, _id: 1 }).limit(limit + 1).lean<ContactDoc[]>(),
    Contact.countDocuments(filter),
  ]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, total, nextCursor: hasMore ? encodeCursor(page[page.length - 1]!) : undefined };
}
