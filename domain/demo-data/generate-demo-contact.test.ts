import { describe, expect, it } from 'vitest';
import { buildContactRecord } from '../contacts/build-contact-record';
import { DUPLICATE_EVERY, generateDemoContact } from './generate-demo-contact';
import { CONTACTS_PER_CASE, generateDemoCase } from './generate-demo-activity';

describe('generateDemoContact', () => {
  it('is deterministic per (seed, index)', () => {
    expect(generateDemoContact(1, 5)).toEqual(generateDemoContact(1, 5));
    expect(generateDemoContact(1, 5)).not.toEqual(generateDemoContact(2, 5));
  });
  it('produces valid phones and emails', () => {
    for (let i = 0; i < 200; i++) {
      const { errors } = buildContactRecord(generateDemoContact(3, i), 'US');
      expect(errors, `contact ${i}`).toEqual([]);
    }
  });
  it('makes duplicates that share a phone with their original', () => {
    const original = buildContactRecord(generateDemoContact(1, 0), 'US').record;
    const duplicate = buildContactRecord(generateDemoContact(1, DUPLICATE_EVERY - 1), 'US').record;
    expect(duplicate.lastName).toBe(original.lastName);
    expect(duplicate.phones[0]!.e164).toBe(original.phones[0]!.e164);
  });
});

describe('generateDemoCase', () => {
  it('names matters as a law firm does: the client, and the other side or what it is about', () => {
    for (let k = 0; k < 60; k++) {
      const kase = generateDemoCase(1, k, 300);
      const client = generateDemoContact(1, k * CONTACTS_PER_CASE);
      expect(kase.title, kase.title).toContain(client.lastName!);
      expect(kase.title).toMatch(/ v\. |In re Marriage of|Estate of|Trust of|Will and power of attorney for| — /);
      expect(kase.title).not.toMatch(/synerg|paradigm|cross-platform|enterprise|AI\b/i);
    }
  });
});
