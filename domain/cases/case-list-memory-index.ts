import type { CaseStatus } from './case-fields';
import { caseMatches, caseTitleWords, type CaseListRow, type CaseSearch } from './case-list-row';

type Entry = { row: CaseListRow; words: string[] };
export type CaseListFilters = { status?: CaseStatus; search?: CaseSearch };
export type CaseListPage = { rows: CaseListRow[]; total: number };

// Title words are listed under their first 1, 2 and 3 characters: a search word finds its list at once.
const PREFIX_LENGTHS = [1, 2, 3];

/** Newest number first; numbers are unique. */
const before = (a: CaseListRow, b: CaseListRow) => a.number > b.number;

/** The position at which `row` sits (or would sit) in a list kept in case-list order. */
function positionIn(list: readonly Entry[], row: CaseListRow): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid]!.row, row)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const byOrder = (a: Entry, b: Entry) => (before(a.row, b.row) ? -1 : before(b.row, a.row) ? 1 : 0);

/** Two lists in case-list order as one. */
function mergeInOrder(a: readonly Entry[], b: readonly Entry[]): Entry[] {
  const out = new Array<Entry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = before(b[j]!.row, a[i]!.row) ? b[j++]! : a[i++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

// Past this many cases at once, an upsert merges instead of splicing each.
const FEW_ROWS = 16;

const keysOf = (words: readonly string[]) => new Set(words.flatMap((w) => PREFIX_LENGTHS.filter((n) => n <= w.length || n === 1).map((n) => w.slice(0, n))));

/**
 * The case list in memory (the web server on FerretDB, which serves no
 * secondary index): every case in list order (newest number first), the
 * title words listed by their first characters, each list in list order,
 * and the count of each status. A page is a slice, a status filter a walk
 * from the top, a number search a binary search on the order, and a title
 * search a walk over the list of its rarest word: at 250,000 cases none of
 * them reads every case.
 */
export class CaseListMemoryIndex {
  private order: Entry[] = [];
  private byId = new Map<string, Entry>();
  private byPrefix = new Map<string, Entry[]>();
  private statusCounts = new Map<CaseStatus, number>();

  get size(): number {
    return this.order.length;
  }

  /** Replaces the contents with these rows (a build or a snapshot). */
  load(rows: readonly CaseListRow[]): void {
    this.order = rows.map((row) => ({ row, words: caseTitleWords(row.title) })).sort(byOrder);
    this.byId = new Map(this.order.map((e) => [e.row.id, e]));
    this.byPrefix = new Map();
    this.statusCounts = new Map();
    for (const e of this.order) {
      for (const key of keysOf(e.words)) {
        const list = this.byPrefix.get(key);
        if (list) list.push(e);
        else this.byPrefix.set(key, [e]);
      }
      this.statusCounts.set(e.row.status, (this.statusCounts.get(e.row.status) ?? 0) + 1);
    }
  }

  /** Adds or replaces these cases. */
  upsert(rows: readonly CaseListRow[]): void {
    if (rows.length > FEW_ROWS) return this.upsertMany(rows);
    for (const row of rows) {
      this.remove([row.id]);
      const e = { row, words: caseTitleWords(row.title) };
      this.byId.set(row.id, e);
      this.order.splice(positionIn(this.order, row), 0, e);
      for (const key of keysOf(e.words)) {
        const list = this.byPrefix.get(key) ?? [];
        if (!list.length) this.byPrefix.set(key, list);
        list.splice(positionIn(list, row), 0, e);
      }
      this.statusCounts.set(row.status, (this.statusCounts.get(row.status) ?? 0) + 1);
    }
  }

  /**
   * Many cases at once (a seed's entry of 500): one pass that merges them
   * into the order and into each list they touch. A splice per case moved
   * the whole order each time, 500 times per entry at 250,000 cases.
   */
  private upsertMany(rows: readonly CaseListRow[]): void {
    const incoming = [...new Map(rows.map((row) => [row.id, { row, words: caseTitleWords(row.title) }])).values()].sort(byOrder);
    const gone = new Set<Entry>();
    for (const e of incoming) {
      const old = this.byId.get(e.row.id);
      if (old) gone.add(old);
    }
    const goneKeys = new Set([...gone].flatMap((e) => [...keysOf(e.words)]));
    for (const e of gone) this.statusCounts.set(e.row.status, this.statusCounts.get(e.row.status)! - 1);
    if (gone.size) this.order = this.order.filter((e) => !gone.has(e));
    for (const key of goneKeys) {
      const list = this.byPrefix.get(key)!.filter((e) => !gone.has(e));
      if (list.length) this.byPrefix.set(key, list);
      else this.byPrefix.delete(key);
    }
    this.order = mergeInOrder(this.order, incoming);
    const byKey = new Map<string, Entry[]>();
    for (const e of incoming) {
      this.byId.set(e.row.id, e);
      this.statusCounts.set(e.row.status, (this.statusCounts.get(e.row.status) ?? 0) + 1);
      for (const key of keysOf(e.words)) (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(e);
    }
    for (const [key, added] of byKey) this.byPrefix.set(key, mergeInOrder(this.byPrefix.get(key) ?? [], added));
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const e = this.byId.get(id);
      if (!e) continue;
      this.byId.delete(id);
      this.order.splice(positionIn(this.order, e.row), 1);
      for (const key of keysOf(e.words)) {
        const list = this.byPrefix.get(key)!;
        list.splice(positionIn(list, e.row), 1);
        if (!list.length) this.byPrefix.delete(key);
      }
      this.statusCounts.set(e.row.status, this.statusCounts.get(e.row.status)! - 1);
    }
  }

  /** Every row, in list order (for the snapshot). */
  rows(): CaseListRow[] {
    return this.order.map((e) => e.row);
  }

  /** Page `page` (from 1) of `perPage` rows, with the total matching. */
  query(f: CaseListFilters, page: number, perPage: number): CaseListPage {
    const skip = (page - 1) * perPage;
    if (!f.search) {
      if (!f.status) return { rows: this.order.slice(skip, skip + perPage).map((e) => e.row), total: this.order.length };
      return this.walk(this.order, (e) => e.row.status === f.status, skip, perPage, this.statusCounts.get(f.status) ?? 0);
    }
    const search = f.search;
    const status = f.status;
    const byNumber = search.numberPrefix ? this.numberRange(search.numberPrefix) : [];
    const byTitle = this.titleCandidates(search.terms);
    // Both lists are in list order: merge them, keeping each case once.
    const merged: Entry[] = [];
    let i = 0;
    let j = 0;
    while (i < byNumber.length || j < byTitle.length) {
      const a = byNumber[i];
      const b = byTitle[j];
      if (b && (!a || before(b.row, a.row))) {
        j++;
        if ((!status || b.row.status === status) && caseMatches(b.row, b.words, search)) merged.push(b);
      } else {
        i++;
        if (b === a) j++;
        if (!status || a!.row.status === status) merged.push(a!);
      }
    }
    return { rows: merged.slice(skip, skip + perPage).map((e) => e.row), total: merged.length };
  }

  /** The rows of `list` that pass, from the `skip`th on; the total is known. */
  private walk(list: readonly Entry[], pass: (e: Entry) => boolean, skip: number, perPage: number, total: number): CaseListPage {
    const rows: CaseListRow[] = [];
    let seen = 0;
    for (const e of list) {
      if (!pass(e)) continue;
      if (seen++ < skip) continue;
      rows.push(e.row);
      if (rows.length === perPage) break;
    }
    return { rows, total };
  }

  /** The cases whose number begins with `prefix`: numbers sort as strings, so they sit side by side. */
  private numberRange(prefix: string): Entry[] {
    // In descending order, the cases beginning with the prefix come after every number above prefix + '\uffff'.
    let lo = 0;
    let hi = this.order.length;
    const top = `${prefix}\uffff`;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]!.row.number > top) lo = mid + 1;
      else hi = mid;
    }
    const out: Entry[] = [];
    for (let k = lo; k < this.order.length && this.order[k]!.row.number.startsWith(prefix); k++) out.push(this.order[k]!);
    return out;
  }

  /** The list of the search word with the fewest cases (the full check runs on each). */
  private titleCandidates(terms: readonly string[]): readonly Entry[] {
    if (!terms.length) return [];
    let best: readonly Entry[] | undefined;
    for (const t of terms) {
      const list = this.byPrefix.get(t.slice(0, 3)) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    return best!;
  }
}
