import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from './case-fields';
import { CaseListMemoryIndex, type CaseListFilters } from './case-list-memory-index';
import { caseMatches, caseTitleWords, parseCaseSearch, type CaseListRow } from './case-list-row';

// Deterministic generated cases: titles with accents, punctuation and shared word beginnings.
const NAMES = ['Hallorann', 'Hall', 'Halvorsen', 'Acme Corp.', 'Zoë Müller', "O'Brien-Smith", 'Smithson', 'Ávila', 'Nguyen', 'Estate of Smith'];
const KINDS = ['v.', 'in re', 'Custody', 'Lease dispute', 'Probate', 'Appeal'];
function generate(n: number): CaseListRow[] {
  let x = 7;
  const next = (m: number) => ((x = (x * 1103515245 + 12345) % 2147483648), x % m);
  return Array.from({ length: n }, (_, k) => ({
    id: `case${k}`,
    number: `${2023 + next(4)}-${String(k + 1).padStart(6, '0')}`,
    title: `${NAMES[next(NAMES.length)]} ${KINDS[next(KINDS.length)]} ${NAMES[next(NAMES.length)]}`,
    practiceArea: 'General',
    status: CASE_STATUSES[next(3)]!,
    contacts: next(5),
  }));
}

/** What the list must answer: every case passing the filters, newest number first, by plain scan. */
function scan(rows: readonly CaseListRow[], f: CaseListFilters, page: number, perPage: number) {
  const hits = rows.filter((r) => (!f.status || r.status === f.status) && (!f.search || caseMatches(r, caseTitleWords(r.title), f.search))).sort((a, b) => (a.number < b.number ? 1 : -1));
  return { rows: hits.slice((page - 1) * perPage, page * perPage), total: hits.length };
}

const QUERIES = ['hall', 'Hall', 'halv', 'h', 'smith', 'smi o', "o'brien", 'obrien', 'zoe', 'ZOË mül', 'avila', 'ávi', 'acme v', 'in re', '2024', '2024-0001', '2025-000042', '2026-', 'estate smith', 'nobody', '-', 'custody hallorann'];

describe('case list memory index', () => {
  const rows = generate(3000);

  it('answers every search, status and page exactly as a plain scan of the cases', () => {
    const index = new CaseListMemoryIndex();
    index.load(rows);
    for (const q of [undefined, ...QUERIES]) {
      for (const status of [undefined, ...CASE_STATUSES] as (CaseStatus | undefined)[]) {
        const f = { status, search: parseCaseSearch(q) };
        for (const page of [1, 2, 7]) expect(index.query(f, page, 50), `${q} ${status} page ${page}`).toEqual(scan(rows, f, page, 50));
      }
    }
  });

  it('stays exact through edits, new cases and removals', () => {
    const index = new CaseListMemoryIndex();
    index.load(rows.slice(0, 2000));
    const live = new Map(rows.slice(0, 2000).map((r) => [r.id, r]));
    const added = rows.slice(2000);
    index.upsert(added);
    for (const r of added) live.set(r.id, r);
    const edited = rows.slice(0, 300).map((r, k) => ({ ...r, title: `Renamed ${NAMES[k % NAMES.length]}`, status: CASE_STATUSES[(k + 1) % 3]!, contacts: r.contacts + 1 }));
    index.upsert(edited);
    for (const r of edited) live.set(r.id, r);
    const gone = rows.slice(300, 500).map((r) => r.id);
    index.remove([...gone, 'never-there']);
    for (const id of gone) live.delete(id);
    expect(index.size).toBe(live.size);
    for (const q of [undefined, 'renamed hall', 'smith', '2024', 'z']) {
      for (const status of [undefined, 'open'] as const) {
        const f = { status, search: parseCaseSearch(q) };
        expect(index.query(f, 1, 50), `${q} ${status}`).toEqual(scan([...live.values()], f, 1, 50));
      }
    }
  });

  it('gives the same list whether changes come one at a time or many at once', () => {
    const one = new CaseListMemoryIndex();
    const many = new CaseListMemoryIndex();
    one.load(rows.slice(0, 1000));
    many.load(rows.slice(0, 1000));
    const changes = [...rows.slice(1000, 1100), ...rows.slice(0, 50).map((r) => ({ ...r, title: `Moved ${r.title}`, status: 'closed' as const }))];
    for (const r of changes) one.upsert([r]);
    many.upsert(changes);
    for (const q of [undefined, 'moved', 'smith', '2025']) {
      for (const status of [undefined, 'closed'] as const) {
        const f = { status, search: parseCaseSearch(q) };
        expect(many.query(f, 1, 50), `${q} ${status}`).toEqual(one.query(f, 1, 50));
        expect(many.query(f, 3, 50), `${q} ${status} page 3`).toEqual(one.query(f, 3, 50));
      }
    }
  });

  it('reads a search as a number beginning or title word beginnings', () => {
    expect(parseCaseSearch('  ')).toBeUndefined();
    expect(parseCaseSearch('Zoë  Mül')).toEqual({ numberPrefix: 'ZoMl', terms: ['zoe', 'mul'] });
    const row = { number: '2025-000123' };
    expect(caseMatches(row, caseTitleWords('Hallorann v. Acme Corp.'), parseCaseSearch('2025-0001')!)).toBe(true);
    expect(caseMatches(row, caseTitleWords('Hallorann v. Acme Corp.'), parseCaseSearch('acm hall')!)).toBe(true);
    expect(caseMatches(row, caseTitleWords('Hallorann v. Acme Corp.'), parseCaseSearch('allorann')!)).toBe(false); // word beginnings, not anywhere
  });
});
