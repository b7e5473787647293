import { describe, expect, it } from 'vitest';
import { checkFormAnswers, isDrawnSignature } from './check-form-answers';
import { checkFormTemplate } from './check-form-template';
import { visibleFields, type FormField } from './form-fields';
import { proposedContactChanges, withChange, withPartRestored, partTouched } from './proposed-contact-changes';
import type { StoredContact } from '../contacts/stored-contact';

const fields: FormField[] = [
  { key: 'about', type: 'heading', label: 'About you' },
  { key: 'first', type: 'short-text', label: 'First name', required: true, mapsTo: 'firstName' },
  { key: 'phone', type: 'phone', label: 'Phone', mapsTo: 'phone' },
  { key: 'injured', type: 'yes-no', label: 'Were you injured?', required: true },
  { key: 'injury', type: 'long-text', label: 'Describe the injury', required: true, showIf: { key: 'injured', equals: 'yes' } },
  { key: 'where', type: 'address', label: 'Home address', mapsTo: 'address' },
  { key: 'sign', type: 'signature', label: 'Signature', required: true },
];

describe('form templates', () => {
  it('makes keys from labels, refuses duplicates, conditions on later or non-choice fields, and bad mappings', () => {
    const ok = checkFormTemplate('Intake', [{ type: 'short-text', label: 'Date of birth' }, { type: 'date', label: 'Date of birth', mapsTo: 'dateOfBirth' }]);
    expect(ok.ok && ok.fields.map((f) => f.key)).toEqual(['date_of_birth', 'date_of_birth_2']);
    const bad = checkFormTemplate('', [
      { type: 'single-choice', label: 'Pick', options: 'only one' },
      { type: 'short-text', label: 'Why', showIfKey: 'nope', showIfEquals: 'x' },
      { type: 'number', label: 'Phone?', mapsTo: 'phone' },
      { type: 'yes-no', label: 'Agree', key: 'Bad Key' },
    ]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toMatchObject({ name: 'Give the form a name.', 'field.0.options': expect.stringMatching(/two choices/), 'field.1.showIf': expect.stringMatching(/earlier choice/), 'field.2.mapsTo': expect.stringMatching(/phone/), 'field.3.key': expect.stringMatching(/lower-case/) });
    const byLabel = checkFormTemplate('C', [{ type: 'yes-no', label: 'Were you injured?' }, { type: 'long-text', label: 'How', showIfKey: 'were you injured?', showIfEquals: 'yes' }]);
    expect(byLabel.ok && byLabel.fields[1]!.showIf).toEqual({ key: 'were_you_injured', equals: 'yes' });
    const cond = checkFormTemplate('C', [{ type: 'yes-no', label: 'Injured' }, { type: 'long-text', label: 'How', showIfKey: 'injured', showIfEquals: 'maybe' }]);
    expect(!cond.ok && cond.errors['field.1.showIf']).toMatch(/yes, no/);
  });
});

describe('form answers', () => {
  const png = 'data:image/png;base64,' + Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 1)]).toString('base64');
  it('shows a conditional field only for its answer, and drops its answer when hidden', () => {
    expect(visibleFields(fields, { injured: 'no' }).map((f) => f.key)).not.toContain('injury');
    expect(visibleFields(fields, { injured: 'yes' }).map((f) => f.key)).toContain('injury');
    const r = checkFormAnswers(fields, { first: 'Ann', injured: 'no', injury: 'kept in the draft only', sign: png }, { region: 'US' });
    expect(r.ok && r.answers).toEqual({ first: 'Ann', injured: 'no', sign: png });
  });
  it('gives each missing or malformed field a message', () => {
    const r = checkFormAnswers(fields, { first: '', phone: '12', injured: 'yes', injury: '', sign: 'data:image/png;base64,AAAA' }, { region: 'US' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ first: 'This is required.', phone: expect.stringMatching(/area code/), injury: 'This is required.', sign: expect.stringMatching(/Sign again/) });
  });
  it('keeps script in answers as text (the pages escape it) and normalizes phones', () => {
    const r = checkFormAnswers(fields, { first: '<script>alert(1)</script>', phone: '(303) 555-0134', injured: 'no', sign: 'Ann Lee' }, { region: 'US' });
    expect(r.ok && r.answers).toMatchObject({ first: '<script>alert(1)</script>', phone: '+13035550134', sign: 'Ann Lee' });
  });
  it('accepts a PNG signature and nothing that only claims to be one', () => {
    expect(isDrawnSignature(png)).toBe(true);
    expect(isDrawnSignature('data:image/png;base64,' + Buffer.from('GIF89a-not-a-png-at-all').toString('base64'))).toBe(false);
  });
});

describe('proposed contact changes', () => {
  const contact = { _id: 'c1', firstName: 'Ann', lastName: 'Lee', phones: [{ raw: '(303) 555-0100', e164: '+13035550100', primary: true, type: 'mobile' }], emails: [], address: { street: '1 Old Rd', city: 'Denver' }, tags: [], sortName: '', nameTokens: [], phoneKeys: [], emailKeys: [], caseStatuses: [] } as unknown as StoredContact;
  it('lists only what differs, with the value on file beside the form\'s', () => {
    const changes = proposedContactChanges(fields, { first: 'Ann', phone: '+13035550134', 'where:street': '9 New St', 'where:city': 'Boulder' }, contact);
    expect(changes.map((c) => [c.target, c.current, c.proposed])).toEqual([['phone', '+13035550100', '+13035550134'], ['address', '1 Old Rd, Denver', '9 New St, Boulder']]);
  });
  it('applies a new phone as the primary one, and undoes it', () => {
    const input = { firstName: 'Ann', phones: [{ raw: '(303) 555-0100', primary: true, type: 'mobile' as const }] };
    const next = withChange(input, { target: 'phone', value: '+13035550134' }, 'US');
    expect(next.phones!.map((p) => [p.raw, p.primary])).toEqual([['+13035550134', true], ['(303) 555-0100', false]]);
    expect(withPartRestored(next, 'phone', partTouched(input, 'phone')).phones).toEqual(input.phones);
  });
});
