import { displayName } from './contact-search-keys';
import { foldedTokens } from '../text/fold-text';
import type { StoredContact } from './stored-contact';

/** One row of the contacts list: what the list shows and what its filters test. */
export type ContactListRow = {
  id: string;
  name: string;
  phone: string;
  email: string;
  installed: boolean;
  tags: string[];
  caseStatuses: string[];
  sortName: string;
  /** " last first middle preferred " folded, for word-prefix search by includes(" " + word). */
  words: string;
  phoneKeys: string[];
  emailKeys: string[];
};

const EMPTY: string[] = [];

/** The list row of a stored contact (read with CONTACT_LIST_ROW_FIELDS). */
export function toListRow(c: Pick<StoredContact, '_id' | 'firstName' | 'middleName' | 'lastName' | 'preferredName' | 'phones' | 'emails' | 'appStatus' | 'tags' | 'caseStatuses' | 'sortName' | 'nameTokens' | 'phoneKeys' | 'emailKeys'>): ContactListRow {
  const phone = c.phones?.find((p) => p.primary) ?? c.phones?.[0];
  const email = c.emails?.find((e) => e.primary) ?? c.emails?.[0];
  const words = [c.sortName, ...foldedTokens(c.preferredName)].join(' ');
  return {
    id: String(c._id),
    name: displayName(c),
    // E.164 when it parsed, so the list shows it formatted for the firm's region; else as typed.
    phone: phone?.e164 || phone?.raw || '',
    email: email?.address ?? '',
    installed: Boolean(c.appStatus?.installed),
    tags: c.tags?.length ? c.tags : EMPTY,
    caseStatuses: c.caseStatuses?.length ? c.caseStatuses : EMPTY,
    sortName: c.sortName,
    words: ` ${words} `,
    phoneKeys: c.phoneKeys?.length ? c.phoneKeys : EMPTY,
    emailKeys: c.emailKeys?.length ? c.emailKeys : EMPTY,
  };
}
