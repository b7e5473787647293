import type { Comparator } from './compare-fields';
import type { LevelWeights } from './match-weights';

/**
 * Starting values for comparators that a training set does not contain
 * (FEBRL has no phones, emails, middle names or countries). They encode
 * what is known about such fields, stated here so they can be argued with:
 * - a duplicate keeps its phone about 75% of the time, its email about 70%;
 *   one digit off is a typing slip (5%); otherwise it is a new number;
 * - two different people share a phone about 1 in 2,000 pairs of candidates
 *   (households, firm switchboards), an email 1 in 5,000;
 * - a middle name is given in full or as an initial; different middle names
 *   are strong evidence of different people (father and son).
 * Training replaces every comparator that its data has.
 */
export const PRIOR_LEVELS: Partial<Record<Comparator, Record<string, LevelWeights>>> = {
  phone: { same: { m: 0.75, u: 0.0005 }, oneDigit: { m: 0.05, u: 0.002 }, different: { m: 0.2, u: 0.9975 } },
  email: { same: { m: 0.7, u: 0.0002 }, sameLocalPart: { m: 0.08, u: 0.001 }, typo: { m: 0.05, u: 0.001 }, different: { m: 0.17, u: 0.9978 } },
  middleName: { exact: { m: 0.6, u: 0.02 }, initial: { m: 0.3, u: 0.05 }, different: { m: 0.1, u: 0.93 } },
  country: { same: { m: 0.97, u: 0.8 }, different: { m: 0.03, u: 0.2 } },
};
