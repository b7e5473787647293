/**
 * A person as the matching engine sees it, whatever it came from: a contact
 * in the database, a row of an import file, a row of the dedupe CLI's CSV.
 * Every field is optional except id; raw values, not yet normalized.
 */
export type MatchInput = {
  id: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  /** Used for the name parts that are missing: "Dr. Robert J. Smith Jr.", "Smith, Robert". */
  fullName?: string;
  /** YYYY-MM-DD or YYYYMMDD. */
  dateOfBirth?: string;
  phones?: string[];
  emails?: string[];
  street?: string;
  city?: string;
  postcode?: string;
  state?: string;
  country?: string;
};

export type BirthDate = { year: string; month: string; day: string; digits: string };

/** A MatchInput normalized once, so that comparing two records does no parsing. */
export type PreparedRecord = {
  id: string;
  first: string;
  middle: string;
  last: string;
  firstCodes: string[]; // Double Metaphone codes
  lastCodes: string[];
  dob?: BirthDate;
  phones: string[]; // E.164, or the digits when a number could not be parsed
  emails: string[]; // canonical
  houseNumber: string;
  streetName: string; // folded street without the house number
  city: string;
  postcode: string;
  state: string;
  country: string;
};
