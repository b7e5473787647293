import type { ContactSearch } from './parse-contact-search';
import { encodeListCursor, type ListCursor } from './contact-list-cursor';
import type { ContactListRow } from './contact-list-row';

export type ListFilter = { appStatus?: 'installed' | 'not_installed'; tag?: string; caseStatus?: string; search: ContactSearch };
export type ListPage = { rows: ContactListRow[]; total: number; nextCursor?: string };

/** Two lists in (sortName, id) order as one. */
/**
 * `a` and `b` (both sorted) as one sorted list. Each row of `b` finds its
 * place in `a` by binary search and the rows between are copied without
 * comparing: a catch-up chunk of 100 rows into 200,000 rows and their
 * word-start lists compared every element and blocked the server for
 * 100-150 ms; now the compares grow with the chunk, not the index.
 */
function mergeSorted(a: readonly ContactListRow[], b: readonly ContactListRow[]): ContactListRow[] {
  if (b.length === 0) return a as ContactListRow[];
  const out = new Array<ContactListRow>(a.length + b.length);
  let i = 0;
  let k = 0;
  for (const row of b) {
    const at = lowerBoundFrom(a, row, i);
    while (i < at) out[k++] = a[i++]!;
    out[k++] = row;
  }
  while (i < a.length) out[k++] = a[i++]!;
  return out;
}

/** `list` without `rows` (each found by binary search, as the list is sorted by the same key). */
function withoutRows(list: readonly ContactListRow[], rows: readonly ContactListRow[]): ContactListRow[] {
  const positions: number[] = [];
  for (const row of rows) {
    // Equal keys cannot repeat (the id is part of the key), so the row is at its lower bound or not in the list.
    const at = lowerBoundFrom(list, row, 0);
    if (list[at] === row) positions.push(at);
  }
  if (!positions.length) return list as ContactListRow[];
  positions.sort((x, y) => x - y);
  const out = new Array<ContactListRow>(list.length - positions.length);
  let k = 0;
  let from = 0;
  for (const p of positions) {
    while (from < p) out[k++] = list[from++]!;
    from = p + 1;
  }
  while (from < list.length) out[k++] = list[from++]!;
  return out;
}

function lowerBoundFrom(list: readonly ContactListRow[], key: { sortName: string; id: string }, lo: number): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The distinct first two letters of a row's name words (a one-letter word is its own start). */
function wordStarts(row: ContactListRow): Set<string> {
  const starts = new Set<string>();
  for (const word of row.words.split(' ')) if (word) starts.add(word.slice(0, 2));
  return starts;
}

const compare = (a: { sortName: string; id: string }, b: { sortName: string; id: string }) =>
  a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * All live contacts' list rows, sorted by (sortName, id), with phone and
 * email look-up maps. Answers the contacts page in memory for engines that
 * cannot use secondary indexes (FerretDB v1 scans for anything but _id).
 */
export class ContactListMemoryIndex {
  private rows: ContactListRow[] = [];
  private byId = new Map<string, ContactListRow>();
  private byPhone = new Map<string, Set<ContactListRow>>();
  private byEmail = new Map<string, Set<ContactListRow>>();
  // Rows by the first two letters of each of their name words, each list in
  // (sortName, id) order: a name search reads the smallest of its words'
  // lists instead of every row (it was most of the web server's CPU under
  // the load bench, 8 ms a search at 40,000 contacts).
  private byWordStart = new Map<string, ContactListRow[]>();
  private totals = new Map<string, number>();

  get size(): number {
    return this.rows.length;
  }

  load(rows: ContactListRow[]): void {
    this.rows = [...rows].sort(compare);
    this.byId = new Map(this.rows.map((r) => [r.id, r]));
    this.byPhone.clear();
    this.byEmail.clear();
    this.byWordStart.clear();
    for (const row of this.rows) {
      this.addKeys(row);
      // Rows arrive sorted, so each word-start list is built in order.
      for (const start of wordStarts(row)) (this.byWordStart.get(start) ?? this.byWordStart.set(start, []).get(start)!).push(row);
    }
    this.totals.clear();
  }

  allRows(): readonly ContactListRow[] {
    return this.rows;
  }

  upsert(row: ContactListRow): void {
    this.remove(row.id);
    const at = this.lowerBound(row);
    this.rows.splice(at, 0, row);
    this.byId.set(row.id, row);
    this.addKeys(row);
    for (const start of wordStarts(row)) {
      const list = this.byWordStart.get(start) ?? this.byWordStart.set(start, []).get(start)!;
      list.splice(this.lowerBoundOf(list, row), 0, row);
    }
    this.totals.clear();
  }

  /**
   * Many changes at once (a catch-up chunk of an import): one pass over the
   * rows and each touched word-start list, where one splice per change
   * blocked the server for tens of milliseconds per chunk at 190,000 rows.
   */
  apply(upserts: ContactListRow[], removedIds: string[]): void {
    if (upserts.length + removedIds.length <= 8) {
      removedIds.forEach((id) => this.remove(id));
      upserts.forEach((row) => this.upsert(row));
      return;
    }
    const incoming = [...new Map(upserts.map((r) => [r.id, r])).values()].sort(compare);
    const gone = new Set<ContactListRow>();
    const goneByStart = new Map<string, ContactListRow[]>();
    for (const id of [...removedIds, ...incoming.map((r) => r.id)]) {
      const old = this.byId.get(id);
      if (!old || gone.has(old)) continue;
      gone.add(old);
      this.byId.delete(id);
      for (const k of old.phoneKeys) this.byPhone.get(k)?.delete(old);
      for (const k of old.emailKeys) this.byEmail.get(k)?.delete(old);
      for (const start of wordStarts(old)) (goneByStart.get(start) ?? goneByStart.set(start, []).get(start)!).push(old);
    }
    this.rows = mergeSorted(withoutRows(this.rows, [...gone]), incoming);
    const incomingByStart = new Map<string, ContactListRow[]>();
    for (const row of incoming) {
      this.byId.set(row.id, row);
      this.addKeys(row);
      for (const start of wordStarts(row)) (incomingByStart.get(start) ?? incomingByStart.set(start, []).get(start)!).push(row);
    }
    for (const start of new Set([...goneByStart.keys(), ...incomingByStart.keys()])) {
      const list = this.byWordStart.get(start) ?? [];
      this.byWordStart.set(start, mergeSorted(withoutRows(list, goneByStart.get(start) ?? []), incomingByStart.get(start) ?? []));
    }
    this.totals.clear();
  }

  remove(id: string): void {
    const existing = this.byId.get(id);
    if (!existing) return;
    const at = this.lowerBound(existing);
    if (this.rows[at]?.id === id) this.rows.splice(at, 1);
    this.byId.delete(id);
    for (const k of existing.phoneKeys) this.byPhone.get(k)?.delete(existing);
    for (const k of existing.emailKeys) this.byEmail.get(k)?.delete(existing);
    for (const start of wordStarts(existing)) {
      const list = this.byWordStart.get(start);
      if (!list) continue;
      const at: number = this.lowerBoundOf(list, existing);
      if (list[at] === existing) list.splice(at, 1);
    }
    this.totals.clear();
  }

  query(filter: ListFilter, after: ListCursor | undefined, limit: number, descending = false): ListPage {
    const matches = this.predicate(filter);
    const candidates = this.candidates(filter.search);
    const step = descending ? -1 : 1;
    const cursorKey = after ? { sortName: after[0], id: after[1] } : undefined;
    const start = descending
      ? (cursorKey ? this.lowerBoundOf(candidates, cursorKey) : candidates.length) - 1
      : cursorKey ? this.upperBoundOf(candidates, cursorKey) : 0;
    const page: ContactListRow[] = [];
    let hasMore = false;
    for (let i = start; i >= 0 && i < candidates.length; i += step) {
      const row = candidates[i]!;
      if (!matches(row)) continue;
      if (page.length === limit) {
        hasMore = true;
        break;
      }
      page.push(row);
    }
    // Unfiltered, the total is the candidates' count; filtered totals are cached until the next change.
    const unfiltered = filter.appStatus === undefined && filter.tag === undefined && filter.caseStatus === undefined && (filter.search.kind === 'none' || filter.search.kind === 'email' || filter.search.kind === 'phone' || filter.search.kind === 'phoneDigits');
    const key = JSON.stringify(filter);
    let total = unfiltered ? candidates.length : this.totals.get(key);
    if (total === undefined) {
      total = 0;
      for (const row of candidates) if (matches(row)) total++;
      this.totals.set(key, total);
    }
    const last = page[page.length - 1];
    return { rows: page, total, nextCursor: hasMore && last ? encodeListCursor(last.sortName, last.id) : undefined };
  }

  /** Ids of contacts sharing a phone or email key, or whose sortName starts with the prefix (capped). */
  lookup(o: { phoneKeys: string[]; emailKeys: string[]; sortNamePrefix?: string; limit: number }): string[] {
    const ids = new Set<string>();
    for (const k of o.phoneKeys) for (const row of this.byPhone.get(k) ?? []) ids.add(row.id);
    for (const k of o.emailKeys) for (const row of this.byEmail.get(k) ?? []) ids.add(row.id);
    if (o.sortNamePrefix) {
      for (let i = this.lowerBound({ sortName: o.sortNamePrefix, id: '' }); i < this.rows.length && ids.size < o.limit * 3; i++) {
        if (!this.rows[i]!.sortName.startsWith(o.sortNamePrefix)) break;
        ids.add(this.rows[i]!.id);
      }
    }
    return [...ids];
  }

  private candidates(search: ContactSearch): readonly ContactListRow[] {
    const fromSet = (set: Set<ContactListRow> | undefined) => [...(set ?? [])].sort(compare);
    if (search.kind === 'phone') return fromSet(this.byPhone.get(search.e164));
    if (search.kind === 'phoneDigits') return fromSet(this.byPhone.get(search.digits));
    if (search.kind === 'email') return fromSet(this.byEmail.get(search.canonical));
    if (search.kind === 'refused') return [];
    if (search.kind === 'name') {
      let smallest: readonly ContactListRow[] = this.rows;
      for (const w of search.words) {
        if (w.length < 2) continue; // a one-letter word has no two-letter list
        const list = this.byWordStart.get(w.slice(0, 2)) ?? [];
        if (list.length < smallest.length) smallest = list;
      }
      return smallest;
    }
    return this.rows;
  }

  private predicate(f: ListFilter): (row: ContactListRow) => boolean {
    const words = f.search.kind === 'name' ? f.search.words.map((w) => ` ${w}`) : [];
    const emailPrefix = f.search.kind === 'emailPrefix' ? f.search.prefix : undefined;
    return (row) =>
      (f.appStatus === undefined || row.installed === (f.appStatus === 'installed')) &&
      (f.tag === undefined || row.tags.includes(f.tag)) &&
      (f.caseStatus === undefined || row.caseStatuses.includes(f.caseStatus)) &&
      (emailPrefix === undefined || row.emailKeys.some((e) => e.startsWith(emailPrefix))) &&
      words.every((w) => row.words.includes(w));
  }

  private addKeys(row: ContactListRow): void {
    for (const k of row.phoneKeys) (this.byPhone.get(k) ?? this.byPhone.set(k, new Set()).get(k)!).add(row);
    for (const k of row.emailKeys) (this.byEmail.get(k) ?? this.byEmail.set(k, new Set()).get(k)!).add(row);
  }

  private lowerBound(key: { sortName: string; id: string }): number {
    return this.lowerBoundOf(this.rows, key);
  }

  private lowerBoundOf(list: readonly ContactListRow[], key: { sortName: string; id: string }): number {
    return lowerBoundFrom(list, key, 0);
  }

  private upperBoundOf(list: readonly ContactListRow[], key: { sortName: string; id: string }): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(list[mid]!, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
