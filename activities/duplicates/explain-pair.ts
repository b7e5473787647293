import type { EmailRules } from '../../domain/contacts/normalize-email';
import { contactMatchInput, type ContactLike } from '../../domain/duplicates/contact-match-input';
import type { MatchInput } from '../../domain/duplicates/match-record';
import { plainReason } from '../../domain/duplicates/plain-reasons';
import { prepareRecord } from '../../domain/duplicates/prepare-record';
import { scorePair, type MatchBand, type PairScore } from '../../domain/duplicates/score-pair';
import { displayFormat } from '../../domain/text/display-format';
import { defaultMatcher } from './default-matcher';

/** Why two records may be one person: in plain words for staff, and the engine's own wording for the details toggle. */
export type PairExplanation = {
  score: number;
  band: MatchBand;
  /** "same phone, (312) 750-8527", strongest first. */
  plainFor: string[];
  plainAgainst: string[];
  /** "same phone +13127508527 (+10.6)": normalized values and the evidence in bits. */
  details: string[];
};

/** Scores and explains a pair; `a` may be what is being typed into the new-contact form. */
export function explainPair(a: MatchInput, b: MatchInput, o: { region: string; emailRules: EmailRules }): PairExplanation {
  const prepare = { defaultRegion: o.region, emailRules: o.emailRules };
  return explainScore(scorePair(prepareRecord(a, prepare), prepareRecord(b, prepare), defaultMatcher()), a, b, o.region);
}

/** The explanation of a pair already scored (the new-contact check scores every candidate once). */
export function explainScore(s: PairScore, a: MatchInput, b: MatchInput, region: string): PairExplanation {
  // Phones and birth dates as the dashboard writes them; neither depends on the reader's timezone.
  const fmt = displayFormat({ timeZone: 'UTC', region });
  const formats = { phone: (p: string) => fmt.phone(p, p), date: fmt.calendarDate };
  const plain = (r: (typeof s.reasons)[number]) => plainReason(r, a, b, formats);
  return {
    score: s.score,
    band: s.band,
    // Once each: the house number and the street name agreeing read as one "same street address".
    plainFor: [...new Set(s.reasons.filter((r) => r.weight > 0 || r.level === 'swapped').map(plain))],
    plainAgainst: [...new Set(s.reasons.filter((r) => r.weight < 0).map(plain))],
    details: s.reasons.map((r) => `${r.text} (${r.weight >= 0 ? '+' : ''}${r.weight.toFixed(1)} bits)`),
  };
}

/** The same, for two stored contacts (the review queue's groups). */
export function explainContacts(a: ContactLike, b: ContactLike, o: { region: string; emailRules: EmailRules }): PairExplanation {
  return explainPair(contactMatchInput(a), contactMatchInput(b), o);
}
