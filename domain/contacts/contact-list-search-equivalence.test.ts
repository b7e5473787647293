import { describe, expect, it } from 'vitest';
import { buildContactRecord, type ContactInput } from './build-contact-record';
import { ContactListMemoryIndex, type ListFilter } from './contact-list-memory-index';
import { toListRow, type ContactListRow } from './contact-list-row';
import { parseContactSearch, type ContactSearch } from './parse-contact-search';

// Names that fold (accents, apostrophes, hyphens), initials, shared starts.
const FIRST = ['José', 'Jose', 'Zoë', 'Ann', 'Anna', 'Anne-Marie', 'J.', 'Smitty', 'Ángel', 'Bob', 'Bo', 'Łukasz', 'Renée', 'Sam', 'Sma'];
const LAST = ["O'Brien", 'Obrien', 'Smith', 'Smithers', 'Smyth', 'Nguyễn', 'Nguyen', 'Müller', 'Muller', 'de la Cruz', 'Smi', 'Ó Súilleabháin'];
const PHONE_FORMS = [(a: string, l: string) => `(${a}) ${l}`, (a: string, l: string) => `+1 ${a}.${l.replace('-', '.')}`, (a: string, l: string) => `${a}${l.replace('-', '')}`];

/** A deterministic spread of contacts; what the list index is loaded with and the plain scan reads. */
function generatedRows(count: number): ContactListRow[] {
  let seed = 20261202;
  const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 8) % n);
  const pick = <T,>(xs: T[]) => xs[rand(xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const line = `${555}-${String(rand(10_000)).padStart(4, '0')}`;
    const input: ContactInput = {
      firstName: first,
      middleName: rand(4) === 0 ? pick(FIRST) : '',
      lastName: rand(20) === 0 ? '' : last,
      preferredName: rand(6) === 0 ? pick(FIRST) : '',
      phones: rand(8) === 0 ? [] : [{ raw: pick(PHONE_FORMS)(pick(['415', '212', '312']), line), primary: true }],
      emails: rand(5) === 0 ? [] : [{ address: `${first}.${last}${rand(30)}@${pick(['gmail.com', 'Example.org'])}`.replace(/[^\p{L}\p{N}.@]/gu, ''), primary: true }],
      appStatus: { installed: rand(3) === 0 },
      tags: rand(4) === 0 ? ['vip'] : [],
    };
    const { record } = buildContactRecord(input, 'US');
    return toListRow({ ...record, _id: (i + 1).toString(16).padStart(24, '0'), caseStatuses: rand(2) ? ['open'] : [] } as never);
  });
}

/** The definition of each search, as a pass over every row would test it. */
function scanMatches(s: ContactSearch, row: ContactListRow): boolean {
  const tokens = row.words.trim().split(' ');
  switch (s.kind) {
    case 'none': return true;
    case 'refused': return false;
    case 'name': return s.words.every((w) => tokens.some((t) => t.startsWith(w)));
    case 'phone': return row.phoneKeys.includes(s.e164);
    case 'phoneDigits': return row.phoneKeys.includes(s.digits);
    case 'email': return row.emailKeys.includes(s.canonical);
    case 'emailPrefix': return row.emailKeys.some((e) => e.startsWith(s.prefix));
  }
}

const byName = (a: ContactListRow, b: ContactListRow) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : 1);

describe('the list index searches as a plain scan does', () => {
  const rows = generatedRows(3000);
  const index = new ContactListMemoryIndex();
  index.load(rows);
  const queries = ['smi', 's', 'sm', 'smith', 'smithers', 'jose', 'José', 'JOSÉ', 'zoe', 'nguyen', 'nguy', 'obrien', "O'Brien", 'o brien', 'j', 'j smi', 'ann smi', 'anne marie', 'de la', 'muller', 'łuk', 'luk', 'renee', 'x',
    '(415) 555-0134', '555-0134', '4155550134', '+1 415.555.0134', '555 01', 'jose.smith', 'jose@', 'ann.smith3@gmail.com', 'ANN.SMITH3@GMAIL.COM', 'an@', 'zo@', 'a@', '!!!'];
  const filters: Omit<ListFilter, 'search'>[] = [{}, { appStatus: 'installed' }, { appStatus: 'not_installed', tag: 'vip' }, { caseStatus: 'open' }];

  it.each(queries)('“%s”: the same rows in the same order, both ways, with the same total', (q) => {
    const search = parseContactSearch(q, 'US');
    for (const extra of filters) {
      const filter: ListFilter = { ...extra, search };
      const expected = rows.filter((r) => scanMatches(search, r) && (extra.appStatus === undefined || r.installed === (extra.appStatus === 'installed')) && (extra.tag === undefined || r.tags.includes(extra.tag)) && (extra.caseStatus === undefined || r.caseStatuses.includes(extra.caseStatus))).sort(byName);
      const page = index.query(filter, undefined, 5000);
      expect(page.rows.map((r) => r.id), `${q} ${JSON.stringify(extra)}`).toEqual(expected.map((r) => r.id));
      expect(page.total).toBe(expected.length);
      expect(index.query(filter, undefined, 5000, true).rows.map((r) => r.id)).toEqual(expected.map((r) => r.id).reverse());
    }
  });

  it('keeps cached totals right through edits, removals and bulk chunks', () => {
    const live = new Map(rows.map((r) => [r.id, r]));
    const searches = ['smi', 'jose', 'an@', '555-0134'].map((q) => parseContactSearch(q, 'US'));
    const totalOf = (search: ContactSearch, extra: Omit<ListFilter, 'search'>) => index.query({ ...extra, search }, undefined, 1).total;
    for (const s of searches) for (const f of filters) totalOf(s, f); // cached now
    const fresh = generatedRows(3400).slice(3000).map((r, k) => ({ ...r, id: rows[k * 3]!.id })); // renames of existing contacts
    for (const r of fresh.slice(0, 5)) (index.upsert(r), live.set(r.id, r));
    for (const r of rows.slice(100, 105)) (index.remove(r.id), live.delete(r.id));
    index.apply(fresh.slice(5), rows.slice(2000, 2060).map((r) => r.id));
    fresh.slice(5).forEach((r) => live.set(r.id, r));
    rows.slice(2000, 2060).forEach((r) => live.delete(r.id));
    for (const s of searches) {
      for (const f of filters) {
        const expected = [...live.values()].filter((r) => scanMatches(s, r) && (f.appStatus === undefined || r.installed === (f.appStatus === 'installed')) && (f.tag === undefined || r.tags.includes(f.tag)) && (f.caseStatus === undefined || r.caseStatuses.includes(f.caseStatus)));
        expect(totalOf(s, f)).toBe(expected.length);
      }
    }
  });
});
