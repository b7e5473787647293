import type { ContactSearch } from './parse-contact-search';
import { encodeListCursor, type ListCursor } from './contact-list-cursor';
import type { ContactListRow } from './contact-list-row';
import { ContactListColumns } from './contact-list-columns';
import { SlotMultimap } from './slot-multimap';
import { SlotList, lowerBound, mergeSlots, upperBound, type SlotOrder } from './slot-list';

export type ListFilter = { appStatus?: 'installed' | 'not_installed'; tag?: string; caseStatus?: string; search: ContactSearch };
export type ListPage = { rows: ContactListRow[]; total: number; nextCursor?: string };

type SortKey = { sortName: string; id: string };

// A search word (or email prefix) is looked up in the list of its first
// PREFIX_LEVELS characters: every row whose name word (or email key) starts
// with them, in list order. Three levels make a search of three letters or
// fewer exact and a longer one a filter of a short list; with two, "smi" at a
// million contacts read every "sm…" row and counted them on each change.
const PREFIX_LEVELS = 3;
const EMAIL = '@'; // email keys' prefixes are kept apart from name words' ("@joh", not "joh")

/** The prefix list a search word is looked up in. */
const nameKey = (word: string) => word.slice(0, PREFIX_LEVELS);
const emailKey = (prefix: string) => EMAIL + prefix.slice(0, PREFIX_LEVELS);

// Totals of recent filters, kept right through every change instead of being
// recounted after it: counting "installed" over a million rows took 300 ms,
// and any staff edit threw every count away.
const MAX_CACHED_TOTALS = 64;
type CachedTotal = { matches: (slot: number) => boolean; count: number };

// Below this many changes at once, one at a time (a memmove each) beats rebuilding the touched lists.
const FEW_CHANGES = 8;

/**
 * All live contacts' list rows, sorted by (sortName, id), with phone and
 * email look-ups and word-start lists. Answers the contacts page in memory
 * for engines that cannot use secondary indexes (FerretDB v1 scans for
 * anything but _id). Rows live in a column store (ContactListColumns) and
 * every list and map holds slot numbers in typed arrays: at a million
 * contacts the row objects and their Maps took 1.2-1.6 GB of RSS.
 */
export class ContactListMemoryIndex {
  private cols = new ContactListColumns();
  private order = new SlotList();
  private byId = new SlotMultimap((slot, id) => this.cols.id(slot) === id);
  private byPhone = new SlotMultimap((slot, key) => this.cols.phoneKeys(slot).includes(key));
  private byEmail = new SlotMultimap((slot, key) => this.cols.emailKeys(slot).includes(key));
  // Slots by each prefix (prefixKeys) of their name words and email keys,
  // each list in (sortName, id) order: a search reads the smallest of its
  // words' lists instead of every row.
  private byWordStart = new Map<string, SlotList>();
  private totals = new Map<string, CachedTotal>();

  private readonly sortOrder: SlotOrder<SortKey> = {
    compare: (a, b) => {
      const x = this.cols.sortName(a);
      const y = this.cols.sortName(b);
      if (x !== y) return x < y ? -1 : 1;
      const i = this.cols.id(a);
      const j = this.cols.id(b);
      return i < j ? -1 : i > j ? 1 : 0;
    },
    compareKey: (slot, key) => {
      const x = this.cols.sortName(slot);
      if (x !== key.sortName) return x < key.sortName ? -1 : 1;
      const i = this.cols.id(slot);
      return i < key.id ? -1 : i > key.id ? 1 : 0;
    },
  };

  get size(): number {
    return this.order.length;
  }

  /** Replaces the contents with these rows (any order; a later row of an id replaces an earlier one). */
  load(rows: Iterable<ContactListRow>): void {
    const loader = this.startLoad();
    for (const row of rows) loader.put(row);
    loader.finish();
  }

  /**
   * Empties the index and fills it row by row, without keeping order until
   * `finish` sorts once and files every key: a build reads a million rows
   * straight into the columns instead of holding them as objects first.
   * The index answers nothing until `finish`.
   */
  startLoad(): { put: (row: ContactListRow) => void; remove: (id: string) => void; readonly count: number; finish: () => void } {
    this.cols = new ContactListColumns();
    this.byId.clear();
    this.byPhone.clear();
    this.byEmail.clear();
    this.byWordStart.clear();
    this.totals.clear();
    this.order = new SlotList();
    const drop = (id: string) => {
      const old = this.byId.first(id);
      if (old < 0) return;
      this.byId.remove(id, old);
      this.cols.release(old);
    };
    const byId = this.byId;
    return {
      put: (row) => {
        drop(row.id);
        this.byId.add(row.id, this.cols.add(row));
      },
      remove: drop,
      get count() {
        return byId.size;
      },
      finish: () => this.finishLoad(),
    };
  }

  private finishLoad(): void {
    const slots = new Int32Array(this.byId.size);
    let n = 0;
    for (let s = 0; s < this.cols.slotCount; s++) if (this.cols.isLive(s)) slots[n++] = s;
    // A snapshot is written in order: check before paying for a sort.
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = this.sortOrder.compare(slots[i - 1]!, slots[i]!) < 0;
    if (!sorted) slots.sort(this.sortOrder.compare);
    this.order = SlotList.of(slots, n);
    for (const slot of slots) {
      this.addKeys(slot);
      // Slots come in order, so each word-start list is built in order.
      for (const start of this.prefixKeys(slot)) (this.byWordStart.get(start) ?? this.newList(start)).push(slot);
    }
    for (const list of this.byWordStart.values()) list.trim();
  }

  private newList(start: string): SlotList {
    const list = new SlotList();
    this.byWordStart.set(start, list);
    return list;
  }

  /**
   * Every row in list order, from a copy of the columns taken now: a
   * snapshot is written from it while later changes go on.
   */
  rowsInOrder(): Iterable<ContactListRow> & { length: number } {
    const cols = this.cols.copy();
    const order = this.order.view().slice();
    return {
      length: order.length,
      *[Symbol.iterator]() {
        for (const slot of order) yield cols.row(slot);
      },
    };
  }

  upsert(row: ContactListRow): void {
    this.remove(row.id);
    const slot = this.cols.add(row);
    this.countInTotals(slot, 1);
    this.order.insertAt(lowerBound(this.order.view(), row, this.sortOrder), slot);
    this.byId.add(row.id, slot);
    this.addKeys(slot);
    for (const start of this.prefixKeys(slot)) {
      const list = this.byWordStart.get(start) ?? this.newList(start);
      list.insertAt(lowerBound(list.view(), row, this.sortOrder), slot);
    }
  }

  /**
   * Many changes at once (a catch-up chunk of an import): one pass over the
   * order and each touched word-start list, where one insert per change
   * blocked the server for tens of milliseconds per chunk at 190,000 rows.
   */
  apply(upserts: ContactListRow[], removedIds: string[]): void {
    if (upserts.length + removedIds.length <= FEW_CHANGES) {
      removedIds.forEach((id) => this.remove(id));
      upserts.forEach((row) => this.upsert(row));
      return;
    }
    const latest = [...new Map(upserts.map((r) => [r.id, r])).values()];
    const gone: number[] = [];
    const goneByStart = new Map<string, number[]>();
    for (const id of new Set([...removedIds, ...latest.map((r) => r.id)])) {
      const old = this.byId.first(id);
      if (old < 0) continue;
      gone.push(old);
      this.countInTotals(old, -1);
      this.byId.remove(id, old);
      this.removeKeys(old);
      for (const start of this.prefixKeys(old)) (goneByStart.get(start) ?? goneByStart.set(start, []).get(start)!).push(old);
    }
    const incoming = Int32Array.from(latest, (row) => this.cols.add(row)).sort(this.sortOrder.compare);
    const incomingByStart = new Map<string, number[]>();
    for (const slot of incoming) {
      this.countInTotals(slot, 1);
      this.byId.add(this.cols.id(slot), slot);
      this.addKeys(slot);
      for (const start of this.prefixKeys(slot)) (incomingByStart.get(start) ?? incomingByStart.set(start, []).get(start)!).push(slot);
    }
    // Old slots still hold their values here: their places in the lists are found by them.
    this.order = mergeSlots(this.order, gone, incoming, this.sortOrder.compare);
    for (const start of new Set([...goneByStart.keys(), ...incomingByStart.keys()])) {
      const list = this.byWordStart.get(start) ?? new SlotList();
      const merged = mergeSlots(list, goneByStart.get(start) ?? [], Int32Array.from(incomingByStart.get(start) ?? []), this.sortOrder.compare);
      if (merged.length) this.byWordStart.set(start, merged);
      else this.byWordStart.delete(start);
    }
    for (const slot of gone) this.cols.release(slot);
  }

  remove(id: string): void {
    const slot = this.byId.first(id);
    if (slot < 0) return;
    const at = lowerBound(this.order.view(), { sortName: this.cols.sortName(slot), id }, this.sortOrder);
    if (this.order.view()[at] === slot) this.order.removeAt(at);
    for (const start of this.prefixKeys(slot)) {
      const list = this.byWordStart.get(start);
      if (!list) continue;
      const i = lowerBound(list.view(), { sortName: this.cols.sortName(slot), id }, this.sortOrder);
      if (list.view()[i] === slot) list.removeAt(i);
      if (!list.length) this.byWordStart.delete(start);
    }
    this.countInTotals(slot, -1);
    this.byId.remove(id, slot);
    this.removeKeys(slot);
    this.cols.release(slot);
  }

  /** Keeps the cached totals right as a row comes (+1) or goes (-1). */
  private countInTotals(slot: number, delta: 1 | -1): void {
    for (const t of this.totals.values()) if (t.matches(slot)) t.count += delta;
  }

  query(filter: ListFilter, after: ListCursor | undefined, limit: number, descending = false): ListPage {
    const matches = this.slotMatcher(filter);
    const { list: candidates, exact } = this.candidates(filter);
    const step = descending ? -1 : 1;
    const cursorKey = after ? { sortName: after[0], id: after[1] } : undefined;
    const start = descending
      ? (cursorKey ? lowerBound(candidates, cursorKey, this.sortOrder) : candidates.length) - 1
      : cursorKey ? upperBound(candidates, cursorKey, this.sortOrder) : 0;
    const page: number[] = [];
    let hasMore = false;
    for (let i = start; i >= 0 && i < candidates.length; i += step) {
      const slot = candidates[i]!;
      if (!exact && !matches(slot)) continue;
      if (page.length === limit) {
        hasMore = true;
        break;
      }
      page.push(slot);
    }
    const last = page[page.length - 1];
    return {
      rows: page.map((slot) => this.cols.row(slot)),
      total: exact ? candidates.length : this.total(filter, matches, candidates),
      nextCursor: hasMore && last !== undefined ? encodeListCursor(this.cols.sortName(last), this.cols.id(last)) : undefined,
    };
  }

  /** A filter's total: counted once over its candidates, then kept current by every change (countInTotals). */
  private total(filter: ListFilter, matches: (slot: number) => boolean, candidates: Int32Array): number {
    const key = JSON.stringify(filter);
    const cached = this.totals.get(key);
    if (cached) {
      this.totals.delete(key); // re-inserted: the map's order is the order of last use
      this.totals.set(key, cached);
      return cached.count;
    }
    let count = 0;
    for (const slot of candidates) if (matches(slot)) count++;
    if (this.totals.size >= MAX_CACHED_TOTALS) this.totals.delete(this.totals.keys().next().value!);
    this.totals.set(key, { matches, count });
    return count;
  }

  /** Ids of contacts sharing a phone or email key, or whose sortName starts with the prefix (capped). */
  lookup(o: { phoneKeys: string[]; emailKeys: string[]; sortNamePrefix?: string; limit: number }): string[] {
    const ids = new Set<string>();
    for (const k of o.phoneKeys) for (const slot of this.byPhone.get(k)) ids.add(this.cols.id(slot));
    for (const k of o.emailKeys) for (const slot of this.byEmail.get(k)) ids.add(this.cols.id(slot));
    if (o.sortNamePrefix) {
      const order = this.order.view();
      for (let i = lowerBound(order, { sortName: o.sortNamePrefix, id: '' }, this.sortOrder); i < order.length && ids.size < o.limit * 3; i++) {
        if (!this.cols.sortName(order[i]!).startsWith(o.sortNamePrefix)) break;
        ids.add(this.cols.id(order[i]!));
      }
    }
    return [...ids];
  }

  /**
   * Whether a row is in a filter's result: the whole definition, used for the
   * page, for totals, and to keep cached totals right as rows change.
   */
  private slotMatcher(f: ListFilter): (slot: number) => boolean {
    const c = this.cols;
    const s = f.search;
    const searchMatches: (slot: number) => boolean =
      s.kind === 'none' ? () => true
      : s.kind === 'refused' ? () => false
      : s.kind === 'phone' ? (slot) => c.phoneKeys(slot).includes(s.e164)
      : s.kind === 'phoneDigits' ? (slot) => c.phoneKeys(slot).includes(s.digits)
      : s.kind === 'email' ? (slot) => c.emailKeys(slot).includes(s.canonical)
      : s.kind === 'emailPrefix' ? (slot) => c.emailKeys(slot).some((e) => e.startsWith(s.prefix))
      : (slot) => s.words.every((w) => c.hasWordStarting(slot, w));
    return (slot) =>
      (f.appStatus === undefined || c.installed(slot) === (f.appStatus === 'installed')) &&
      (f.tag === undefined || c.tags(slot).includes(f.tag)) &&
      (f.caseStatus === undefined || c.caseStatuses(slot).includes(f.caseStatus)) &&
      searchMatches(slot);
  }

  /**
   * The slots a filter's matches are among, in list order, and whether they
   * are exactly its matches (then neither the page nor the total tests them).
   */
  private candidates(f: ListFilter): { list: Int32Array; exact: boolean } {
    const search = f.search;
    const noOtherFilter = f.appStatus === undefined && f.tag === undefined && f.caseStatus === undefined;
    const sorted = (slots: number[]) => ({ list: Int32Array.from(slots).sort(this.sortOrder.compare), exact: noOtherFilter });
    const listOf = (start: string) => this.byWordStart.get(start)?.view() ?? new Int32Array(0);
    if (search.kind === 'phone') return sorted(this.byPhone.get(search.e164));
    if (search.kind === 'phoneDigits') return sorted(this.byPhone.get(search.digits));
    if (search.kind === 'email') return sorted(this.byEmail.get(search.canonical));
    if (search.kind === 'refused') return { list: new Int32Array(0), exact: true };
    if (search.kind === 'emailPrefix') return { list: listOf(emailKey(search.prefix)), exact: noOtherFilter && search.prefix.length <= PREFIX_LEVELS };
    if (search.kind === 'name') {
      let smallest: Int32Array | undefined;
      for (const w of search.words) {
        const list = listOf(nameKey(w));
        if (!smallest || list.length < smallest.length) smallest = list;
      }
      const exact = noOtherFilter && search.words.length === 1 && search.words[0]!.length <= PREFIX_LEVELS;
      return { list: smallest ?? this.order.view(), exact };
    }
    return { list: this.order.view(), exact: noOtherFilter };
  }

  /** The distinct prefixes (1 to PREFIX_LEVELS characters) of a row's name words and email keys. */
  private prefixKeys(slot: number): string[] {
    const keys: string[] = [];
    const add = (key: string) => {
      if (!keys.includes(key)) keys.push(key);
    };
    for (const word of this.cols.words(slot).split(' ')) for (let n = 1; n <= Math.min(PREFIX_LEVELS, word.length); n++) add(word.slice(0, n));
    for (const email of this.cols.emailKeys(slot)) for (let n = 1; n <= Math.min(PREFIX_LEVELS, email.length); n++) add(EMAIL + email.slice(0, n));
    return keys;
  }

  private addKeys(slot: number): void {
    for (const k of this.cols.phoneKeys(slot)) this.byPhone.add(k, slot);
    for (const k of this.cols.emailKeys(slot)) this.byEmail.add(k, slot);
  }

  private removeKeys(slot: number): void {
    for (const k of this.cols.phoneKeys(slot)) this.byPhone.remove(k, slot);
    for (const k of this.cols.emailKeys(slot)) this.byEmail.remove(k, slot);
  }
}
