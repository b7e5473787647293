import type { AppPlatform, Channel, EmailType, PhoneType } from './contact-fields';
import type { NameParts } from './contact-search-keys';

/**
 * A contact as Casebook stores it, in the terms the pure code reads it: a
 * database document is one, and so is a test's plain object. (db/models
 * defines the schema; this is what domain code may rely on.)
 */
export type StoredContact = NameParts & {
  _id: { toString(): string };
  phones: { type?: PhoneType | null; raw: string; e164?: string | null; primary?: boolean | null }[];
  emails: { type?: EmailType | null; address: string; canonical: string; primary?: boolean | null }[];
  address?: { street?: string | null; city?: string | null; region?: string | null; postcode?: string | null; country?: string | null } | null;
  dateOfBirth?: string | null;
  timezone?: string | null;
  preferences?: {
    channel?: Channel | null;
    doNotContact?: { sms?: boolean | null; email?: boolean | null; phone?: boolean | null; mail?: boolean | null } | null;
    bestHours?: { start?: string | null; end?: string | null } | null;
  } | null;
  appStatus?: { installed?: boolean | null; at?: Date | null; platform?: AppPlatform | null } | null;
  tags: string[];
  source?: string | null;
  sortName: string;
  nameTokens: string[];
  phoneKeys: string[];
  emailKeys: string[];
  caseStatuses: string[];
  mergedInto?: { toString(): string } | null;
};
