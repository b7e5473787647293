import { findLiveContacts } from '../../db/contacts/contacts';
import { candidateIdsFromDatabase } from '../../db/duplicates/duplicate-candidates';
import { notDuplicatesOf } from '../../db/duplicates/suggestions';
import type { ContactDoc } from '../../db/models/index';
import type { EmailRules } from '../../domain/contacts/normalize-email';
import type { MatchInput } from '../../domain/duplicates/match-record';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { prepareRecord } from '../../domain/duplicates/prepare-record';
import { scorePair, type MatchBand } from '../../domain/duplicates/score-pair';
import { foldText } from '../../domain/text/fold-text';
import { phonesOneSlipAway, typoTolerantNameQueries } from '../../domain/duplicates/check-candidate-keys';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { listContacts } from '../contacts/list-contacts';
import type { ContactListIndexService } from '../contacts/contact-list-index';
import { defaultMatcher } from './default-matcher';
import { explainScore, type PairExplanation } from './explain-pair';

/** reasons/against: the engine's wording (stored with suggestions, shown under Details); plainFor/plainAgainst: staff's words. */
export type DuplicateCandidate = { contact: ContactDoc; score: number; band: Exclude<MatchBand, 'unlikely'>; reasons: string[]; against: string[] } & Pick<PairExplanation, 'plainFor' | 'plainAgainst' | 'details'>;

/** How candidates are found and judged: the phone region and email rules, and the in-memory index when the web server has one. */
export type CandidateSearch = { region: string; emailRules: EmailRules; limit?: number; index?: ContactListIndexService; excludeId?: string };

const CANDIDATES_PER_KEY = 40;

/**
 * Existing contacts that may be the same person as `input`, scored by the
 * matching engine, best first, with the reasons for and against. Candidates
 * share a phone, an email, or a surname (either way round, for swapped
 * names); the engine then judges nicknames, typos and birth dates. Pairs
 * staff marked "not a duplicate" and merged-away contacts are left out.
 */
export async function findDuplicateCandidates(input: MatchInput, o: CandidateSearch): Promise<DuplicateCandidate[]> {
  const ctx = defaultMatcher();
  const prepare = { defaultRegion: o.region, emailRules: o.emailRules };
  const me = prepareRecord(input, prepare);
  const ids = await candidateIds(me.phones, me.emails, [foldText(input.lastName), foldText(input.firstName)].filter(Boolean), o.index);
  // As the sweep would meet them: a name with one typo, a phone one slip away (see check-candidate-keys.ts).
  for (const id of await nearCandidateIds(foldText(input.firstName), foldText(input.lastName), me.phones, o)) ids.add(id);
  ids.delete(o.excludeId ?? '');
  const contacts = await findLiveContacts([...ids]);
  const scored: DuplicateCandidate[] = [];
  for (const contact of contacts) {
    const other = contactMatchInput(contact);
    const result = scorePair(me, prepareRecord(other, prepare), ctx);
    if (result.band === 'unlikely') continue;
    const { plainFor, plainAgainst, details } = explainScore(result, input, other, o.region);
    scored.push({
      plainFor,
      plainAgainst,
      details,
      contact,
      score: result.score,
      band: result.band,
      reasons: result.reasons.filter((r) => r.weight > 0 || r.level === 'swapped').map((r) => r.text),
      against: result.reasons.filter((r) => r.weight < 0).map((r) => r.text),
    });
  }
  const notDuplicates = o.excludeId ? await notDuplicatesOf(o.excludeId, scored.map((s) => String(s.contact._id))) : new Set<string>();
  return scored
    .filter((s) => !notDuplicates.has(String(s.contact._id)))
    .sort((a, b) => b.score - a.score)
    .slice(0, o.limit ?? 5);
}

async function nearCandidateIds(first: string, last: string, phones: string[], o: CandidateSearch): Promise<string[]> {
  const found: string[] = [];
  for (const q of typoTolerantNameQueries(first, last)) {
    const page = await listContacts({ q, limit: CANDIDATES_PER_KEY, index: o.index, defaultRegion: o.region });
    found.push(...page.rows.map((r) => r.id));
  }
  const near = phones.filter((p) => p.startsWith('+')).flatMap((p) => phonesOneSlipAway(p, callingCodeDigits(p)));
  if (near.length) found.push(...(await candidateIds(near, [], [], o.index)));
  return found;
}

/** How many digits the number's country calling code has (+1: 1, +44: 2, +353: 3). */
function callingCodeDigits(e164: string): number {
  return parsePhoneNumberFromString(e164)?.countryCallingCode.length ?? 1;
}

async function candidateIds(phones: string[], emails: string[], surnames: string[], index?: ContactListIndexService): Promise<Set<string>> {
  const prefixes = surnames.map((s) => `${s} `);
  const phoneKeys = phones.filter((p) => p.startsWith('+'));
  if (index) {
    const found = new Set<string>();
    const first = await index.lookup({ phoneKeys, emailKeys: emails, limit: CANDIDATES_PER_KEY });
    if (first) {
      first.forEach((id) => found.add(id));
      for (const prefix of prefixes) (await index.lookup({ phoneKeys: [], emailKeys: [], sortNamePrefix: prefix, limit: CANDIDATES_PER_KEY }))?.forEach((id) => found.add(id));
      return found;
    }
  }
  // Without the in-memory index (MongoDB, or while it builds) the database's indexes answer.
  return candidateIdsFromDatabase({ phoneKeys, emailKeys: emails, sortNamePrefixes: prefixes, limit: CANDIDATES_PER_KEY * 3 });
}
