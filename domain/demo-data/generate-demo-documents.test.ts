import { describe, expect, it } from 'vitest';
import { DEMO_DOCUMENT_CONTACTS, DEMO_DOCUMENT_EVERY, generateDemoDocuments } from './generate-demo-documents';

describe('demo documents', () => {
  it('gives every twentieth contact the same files on every run, two sharing a name', () => {
    expect(generateDemoDocuments(1, 1, 'A B')).toEqual([]);
    const docs = generateDemoDocuments(1, DEMO_DOCUMENT_EVERY, 'Ada Lovelace');
    expect(docs.map((d) => d.name)).toEqual(['Retainer agreement.pdf', 'Scan.pdf', 'Scan.pdf', 'Intake notes.txt']);
    expect(docs[0]!.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(docs[0]!.data.toString('latin1')).toMatch(/startxref\n\d+\n%%EOF\n$/);
    expect(generateDemoDocuments(1, DEMO_DOCUMENT_EVERY, 'Ada Lovelace')).toEqual(docs);
    expect(new Set(docs.map((d) => d.id)).size).toBe(4);
  });

  it('gives files only to the first contacts, so a million-contact seed is not a million files', () => {
    expect(generateDemoDocuments(1, DEMO_DOCUMENT_CONTACTS - DEMO_DOCUMENT_EVERY, 'A B')).toHaveLength(4);
    expect(generateDemoDocuments(1, DEMO_DOCUMENT_CONTACTS, 'A B')).toEqual([]);
  });
});
