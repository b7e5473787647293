import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { ContactListIndexService } from '../../activities/contacts/contact-list-index';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';
import { findDuplicateCandidates } from '../../activities/duplicates/find-duplicate-candidates';
import { emailRules } from '../../config/config';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { prepareRecord } from '../../domain/duplicates/prepare-record';
import { scorePair } from '../../domain/duplicates/score-pair';
import { logger } from '../../logging/logger';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin } from '../support/web-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The new-contact form's duplicate check (issue #16) finds what the sweep's engine scores as a duplicate: a surname
// with one typo, a phone one digit off, an email one character off. Asked of the real database, with and without
// the in-memory list index (FerretDB's path and MongoDB's).
describe('the as-you-type duplicate check agrees with the engine', () => {
  let env: TestEnv;
  let index: ContactListIndexService;
  const existing = { firstName: 'Katherine', lastName: 'Bodebatz', phones: [{ raw: '(312) 750-8527' }], emails: [{ address: 'kathryn.bodebatz20@gmail.com' }], dateOfBirth: '1985-04-12', address: { street: '1432 W Belmont Ave', city: 'Chicago', region: 'IL', postcode: '60657' } };
  const variants: [string, Record<string, unknown>][] = [
    ['surname with one typo', { ...existing, lastName: 'Bodebats', phones: [], emails: [] }],
    ['first name with one typo', { ...existing, firstName: 'Katherin', phones: [], emails: [] }],
    ['phone one digit off, no name yet', { firstName: '', lastName: '', phones: [{ raw: '(312) 750-8528' }], dateOfBirth: '1985-04-12' }],
    ['phone one digit off', { firstName: 'Katherine', lastName: 'Bodebatz', phones: [{ raw: '(312) 750-8528' }] }],
    ['email one character off', { firstName: 'Kathryn', lastName: 'Bodebatz', emails: [{ address: 'kathryn.bodebats20@gmail.com' }] }],
    ['names swapped', { firstName: 'Bodebatz', lastName: 'Katherine', phones: [], emails: [] }],
  ];

  beforeAll(async () => {
    env = await openTestEnv('duplicate_check');
    const admin = await createTestAdmin();
    const actor = { id: admin._id, name: 'Tess Admin' };
    // The person, and others sharing parts of the name, so a candidate has to be picked out, not just be the only one.
    await createContact({ input: existing, actor, region: 'US' });
    for (const [first, last] of [['Kate', 'Boden'], ['Katherine', 'Bode'], ['Karl', 'Bodebatz'], ['Bo', 'Katz']]) await createContact({ input: { firstName: first, lastName: last }, actor, region: 'US' });
    index = new ContactListIndexService({ dataDir: mkdtempSync(join(tmpdir(), 'casebook-dupcheck-')), dbName: 'duplicate_check', log: logger });
    await index.start();
    await index.settled();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('says each reason once: a house number and a street name agreeing read as one street address', async () => {
    const { explainPair } = await import('../../activities/duplicates/explain-pair');
    const e = explainPair(contactMatchInput(existing as never), contactMatchInput(existing as never), { region: 'US', emailRules });
    expect(e.plainFor.filter((r) => r.startsWith('same street address'))).toEqual(['same street address, 1432 W Belmont Ave']);
    expect(new Set(e.plainFor).size).toBe(e.plainFor.length);
  });

  for (const [name, typed] of variants) {
    it(`finds the contact when the new one has a ${name}`, async () => {
      const prepare = { defaultRegion: 'US', emailRules };
      const engine = scorePair(prepareRecord(contactMatchInput(typed), prepare), prepareRecord(contactMatchInput(existing as never), prepare), defaultMatcher());
      // What the engine (and so the sweep) makes of the pair, for the record of this test.
      expect(engine.band, `engine: ${engine.reasons.map((r) => r.text).join('; ')}`).not.toBe('unlikely');
      for (const withIndex of [index, undefined]) {
        const found = await findDuplicateCandidates(contactMatchInput(typed), { region: 'US', emailRules, index: withIndex, limit: 5 });
        expect(found.map((f) => `${f.contact.firstName} ${f.contact.lastName}`), withIndex ? 'from the in-memory index' : 'from the database').toContain('Katherine Bodebatz');
      }
    });
  }
});
