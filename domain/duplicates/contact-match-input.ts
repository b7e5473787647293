import type { MatchInput } from './match-record';
export type ContactLike = {
  _id?: { toString(): string };
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
  phones?: { raw: string; e164?: string | null }[] | null;
  emails?: { address: string }[] | null;
  address?: { street?: string | null; city?: string | null; region?: string | null; postcode?: string | null; country?: string | null } | null;
};

/** A stored contact, or what is being typed into the new-contact form, as the matching engine reads it. */
export function contactMatchInput(c: ContactLike): MatchInput {
  return {
    id: c._id ? String(c._id) : 'new',
    firstName: c.firstName ?? '',
    middleName: c.middleName ?? '',
    lastName: c.lastName ?? '',
    dateOfBirth: c.dateOfBirth ?? '',
    phones: (c.phones ?? []).map((p) => p.e164 || p.raw),
    emails: (c.emails ?? []).map((e) => e.address),
    street: c.address?.street ?? '',
    city: c.address?.city ?? '',
    postcode: c.address?.postcode ?? '',
    state: c.address?.region ?? '',
    country: c.address?.country ?? '',
  };
}
