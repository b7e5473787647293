import type { ContactSearch } from './parse-contact-search';
import { encodeListCursor, type ListCursor } from './contact-list-cursor';
import { compactRow, type ContactListRow } from './contact-list-row';

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

// A search word (or email prefix) is looked up in the list of its first
// PREFIX_LEVELS characters: every row whose name word (or email key) starts
// with them, in list order. Three levels make a search of three letters or
// fewer exact and a longer one a filter of a short list; with two, "smi" at a
// million contacts read every "sm…" row and counted them on each change.
const PREFIX_LEVELS = 3;
const EMAIL = '@'; // email keys' prefixes are kept apart from name words' ("@joh", not "joh")

/** The distinct prefixes (1 to PREFIX_LEVELS characters) of a row's name words and email keys. */
function prefixKeys(row: ContactListRow): Set<string> {
  const keys = new Set<string>();
  for (const word of row.words.split(' ')) for (let n = 1; n <= Math.min(PREFIX_LEVELS, word.length); n++) keys.add(word.slice(0, n));
  for (const email of row.emailKeys) for (let n = 1; n <= Math.min(PREFIX_LEVELS, email.length); n++) keys.add(EMAIL + email.slice(0, n));
  return keys;
}

/** The prefix list a search word is looked up in. */
const nameKey = (word: string) => word.slice(0, PREFIX_LEVELS);
const emailKey = (prefix: string) => EMAIL + prefix.slice(0, PREFIX_LEVELS);

/**
 * Whether a row is in a filter's result: the whole definition, used for the
 * page, for totals, and to keep cached totals right as rows change.
 */
function rowMatcher(f: ListFilter): (row: ContactListRow) => boolean {
  const s = f.search;
  const words = s.kind === 'name' ? s.words.map((w) => ` ${w}`) : [];
  const searchMatches: (row: ContactListRow) => boolean =
    s.kind === 'none' ? () => true
    : s.kind === 'refused' ? () => false
    : s.kind === 'phone' ? (row) => row.phoneKeys.includes(s.e164)
    : s.kind === 'phoneDigits' ? (row) => row.phoneKeys.includes(s.digits)
    : s.kind === 'email' ? (row) => row.emailKeys.includes(s.canonical)
    : s.kind === 'emailPrefix' ? (row) => row.emailKeys.some((e) => e.startsWith(s.prefix))
    : (row) => words.every((w) => row.words.includes(w));
  return (row) =>
    (f.appStatus === undefined || row.installed === (f.appStatus === 'installed')) &&
    (f.tag === undefined || row.tags.includes(f.tag)) &&
    (f.caseStatus === undefined || row.caseStatuses.includes(f.caseStatus)) &&
    searchMatches(row);
}

// Totals of recent filters, kept right through every change instead of being
// recounted after it: counting "installed" over a million rows took 300 ms,
// and any staff edit threw every count away.
const MAX_CACHED_TOTALS = 64;
type CachedTotal = { matches: (row: ContactListRow) => boolean; count: number };

// Phone and email look-ups: a key held by one row (nearly all) maps to the row itself, not a Set of one
// (a million Sets were a quarter of the index's memory).
type KeyMap = Map<string, ContactListRow | ContactListRow[]>;
function addToKey(map: KeyMap, key: string, row: ContactListRow): void {
  const have = map.get(key);
  if (have === undefined) map.set(key, row);
  else if (Array.isArray(have)) {
    if (!have.includes(row)) have.push(row);
  } else if (have !== row) map.set(key, [have, row]);
}
function removeFromKey(map: KeyMap, key: string, row: ContactListRow): void {
  const have = map.get(key);
  if (have === row) map.delete(key);
  else if (Array.isArray(have)) {
    const rest = have.filter((r) => r !== row);
    if (rest.length === 0) map.delete(key);
    else map.set(key, rest.length === 1 ? rest[0]! : rest);
  }
}
function rowsOfKey(map: KeyMap, key: string): ContactListRow[] {
  const have = map.get(key);
  return have === undefined ? [] : Array.isArray(have) ? have : [have];
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
  private byPhone: KeyMap = new Map();
  private byEmail: KeyMap = new Map();
  // Rows by each prefix (prefixKeys) of their name words and email keys, each
  // list in (sortName, id) order: a search reads the smallest of its words'
  // lists instead of every row.
  private byWordStart = new Map<string, ContactListRow[]>();
  private totals = new Map<string, CachedTotal>();

  get size(): number {
    return this.rows.length;
  }

  load(rows: ContactListRow[]): void {
    this.rows = rows.map(compactRow).sort(compare);
    this.byId = new Map(this.rows.map((r) => [r.id, r]));
    this.byPhone.clear();
    this.byEmail.clear();
    this.byWordStart.clear();
    for (const row of this.rows) {
      this.addKeys(row);
      // Rows arrive sorted, so each word-start list is built in order.
      for (const start of prefixKeys(row)) (this.byWordStart.get(start) ?? this.byWordStart.set(start, []).get(start)!).push(row);
    }
    this.totals.clear();
  }

  allRows(): readonly ContactListRow[] {
    return this.rows;
  }

  upsert(row: ContactListRow): void {
    compactRow(row);
    this.remove(row.id);
    this.countInTotals(row, 1);
    const at = this.lowerBound(row);
    this.rows.splice(at, 0, row);
    this.byId.set(row.id, row);
    this.addKeys(row);
    for (const start of prefixKeys(row)) {
      const list = this.byWordStart.get(start) ?? this.byWordStart.set(start, []).get(start)!;
      list.splice(this.lowerBoundOf(list, row), 0, row);
    }
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
    const incoming = [...new Map(upserts.map((r) => [r.id, compactRow(r)])).values()].sort(compare);
    const gone = new Set<ContactListRow>();
    const goneByStart = new Map<string, ContactListRow[]>();
    for (const id of [...removedIds, ...incoming.map((r) => r.id)]) {
      const old = this.byId.get(id);
      if (!old || gone.has(old)) continue;
      gone.add(old);
      this.countInTotals(old, -1);
      this.byId.delete(id);
      for (const k of old.phoneKeys) removeFromKey(this.byPhone, k, old);
      for (const k of old.emailKeys) removeFromKey(this.byEmail, k, old);
      for (const start of prefixKeys(old)) (goneByStart.get(start) ?? goneByStart.set(start, []).get(start)!).push(old);
    }
    this.rows = mergeSorted(withoutRows(this.rows, [...gone]), incoming);
    const incomingByStart = new Map<string, ContactListRow[]>();
    for (const row of incoming) {
      this.countInTotals(row, 1);
      this.byId.set(row.id, row);
      this.addKeys(row);
      for (const start of prefixKeys(row)) (incomingByStart.get(start) ?? incomingByStart.set(start, []).get(start)!).push(row);
    }
    for (const start of new Set([...goneByStart.keys(), ...incomingByStart.keys()])) {
      const list = this.byWordStart.get(start) ?? [];
      this.byWordStart.set(start, mergeSorted(withoutRows(list, goneByStart.get(start) ?? []), incomingByStart.get(start) ?? []));
    }
  }

  remove(id: string): void {
    const existing = this.byId.get(id);
    if (!existing) return;
    const at = this.lowerBound(existing);
    if (this.rows[at]?.id === id) this.rows.splice(at, 1);
    this.byId.delete(id);
    for (const k of existing.phoneKeys) removeFromKey(this.byPhone, k, existing);
    for (const k of existing.emailKeys) removeFromKey(this.byEmail, k, existing);
    for (const start of prefixKeys(existing)) {
      const list = this.byWordStart.get(start);
      if (!list) continue;
      const at: number = this.lowerBoundOf(list, existing);
      if (list[at] === existing) list.splice(at, 1);
    }
    this.countInTotals(existing, -1);
  }

  /** Keeps the cached totals right as a row comes (+1) or goes (-1). */
  private countInTotals(row: ContactListRow, delta: 1 | -1): void {
    for (const t of this.totals.values()) if (t.matches(row)) t.count += delta;
  }

  query(filter: ListFilter, after: ListCursor | undefined, limit: number, descending = false): ListPage {
    const matches = rowMatcher(filter);
    const { list: candidates, exact } = this.candidates(filter);
    const step = descending ? -1 : 1;
    const cursorKey = after ? { sortName: after[0], id: after[1] } : undefined;
    const start = descending
      ? (cursorKey ? this.lowerBoundOf(candidates, cursorKey) : candidates.length) - 1
      : cursorKey ? this.upperBoundOf(candidates, cursorKey) : 0;
    const page: ContactListRow[] = [];
    let hasMore = false;
    for (let i = start; i >= 0 && i < candidates.length; i += step) {
      const row = candidates[i]!;
      if (!exact && !matches(row)) continue;
      if (page.length === limit) {
        hasMore = true;
        break;
      }
      page.push(row);
    }
    const last = page[page.length - 1];
    return { rows: page, total: exact ? candidates.length : this.total(filter, matches, candidates), nextCursor: hasMore && last ? encodeListCursor(last.sortName, last.id) : undefined };
  }

  /** A filter's total: counted once over its candidates, then kept current by every change (countInTotals). */
  private total(filter: ListFilter, matches: (row: ContactListRow) => boolean, candidates: readonly ContactListRow[]): number {
    const key = JSON.stringify(filter);
    const cached = this.totals.get(key);
    if (cached) {
      this.totals.delete(key); // re-inserted: the map's order is the order of last use
      this.totals.set(key, cached);
      return cached.count;
    }
    let count = 0;
    for (const row of candidates) if (matches(row)) count++;
    if (this.totals.size >= MAX_CACHED_TOTALS) this.totals.delete(this.totals.keys().next().value!);
    this.totals.set(key, { matches, count });
    return count;
  }

  /** Ids of contacts sharing a phone or email key, or whose sortName starts with the prefix (capped). */
  lookup(o: { phoneKeys: string[]; emailKeys: string[]; sortNamePrefix?: string; limit: number }): string[] {
    const ids = new Set<string>();
    for (const k of o.phoneKeys) for (const row of rowsOfKey(this.byPhone, k)) ids.add(row.id);
    for (const k of o.emailKeys) for (const row of rowsOfKey(this.byEmail, k)) ids.add(row.id);
    if (o.sortNamePrefix) {
      for (let i = this.lowerBound({ sortName: o.sortNamePrefix, id: '' }); i < this.rows.length && ids.size < o.limit * 3; i++) {
        if (!this.rows[i]!.sortName.startsWith(o.sortNamePrefix)) break;
        ids.add(this.rows[i]!.id);
      }
    }
    return [...ids];
  }

  /**
   * The rows a filter's matches are among, in list order, and whether they
   * are exactly its matches (then neither the page nor the total tests them).
   */
  private candidates(f: ListFilter): { list: readonly ContactListRow[]; exact: boolean } {
    const search = f.search;
    const noOtherFilter = f.appStatus === undefined && f.tag === undefined && f.caseStatus === undefined;
    const sorted = (rows: ContactListRow[]) => ({ list: [...rows].sort(compare), exact: noOtherFilter });
    if (search.kind === 'phone') return sorted(rowsOfKey(this.byPhone, search.e164));
    if (search.kind === 'phoneDigits') return sorted(rowsOfKey(this.byPhone, search.digits));
    if (search.kind === 'email') return sorted(rowsOfKey(this.byEmail, search.canonical));
    if (search.kind === 'refused') return { list: [], exact: true };
    if (search.kind === 'emailPrefix') {
      const list = this.byWordStart.get(emailKey(search.prefix)) ?? [];
      return { list, exact: noOtherFilter && search.prefix.length <= PREFIX_LEVELS };
    }
    if (search.kind === 'name') {
      let smallest: readonly ContactListRow[] | undefined;
      for (const w of search.words) {
        const list = this.byWordStart.get(nameKey(w)) ?? [];
        if (!smallest || list.length < smallest.length) smallest = list;
      }
      const exact = noOtherFilter && search.words.length === 1 && search.words[0]!.length <= PREFIX_LEVELS;
      return { list: smallest ?? this.rows, exact };
    }
    return { list: this.rows, exact: noOtherFilter };
  }

  private addKeys(row: ContactListRow): void {
    for (const k of row.phoneKeys) addToKey(this.byPhone, k, row);
    for (const k of row.emailKeys) addToKey(this.byEmail, k, row);
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
