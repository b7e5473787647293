import type { ContactListRow } from './contact-list-row';

const FIELD = '\u001f';
const KEY = '\u001e';
const HAS_SEPARATOR = /[\u001e\u001f]/;
const AS_JSON = '\u0000'; // a packed value holding a separator is stored as JSON behind this mark

const LIVE = 1;
const INSTALLED = 2;
const PHONE_IS_FIRST_KEY = 4; // the shown phone is phoneKeys[0] (E.164): not stored twice
const EMAIL_IS_FIRST_KEY = 8;

const EMPTY: string[] = [];

/**
 * Lists many rows hold the same values of (["open"], ["vip"], []): each
 * stored once and referred to by number. Append-only, so a copy of the
 * columns (a snapshot being written) can share it.
 */
class InternedLists {
  private readonly lists: string[][] = [EMPTY];
  private readonly numbers = new Map<string, number>([['', 0]]);

  numberOf(list: readonly string[]): number {
    if (list.length === 0) return 0;
    const key = list.join(KEY);
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.lists.length;
      this.lists.push([...list]);
      this.numbers.set(key, n);
    }
    return n;
  }

  get(n: number): string[] {
    return this.lists[n]!;
  }
}

/**
 * The contacts list's rows as columns indexed by slot number, for a million
 * rows in a few hundred megabytes: the id and sort name (read by every
 * comparison) as strings of their own, what only a shown page or a filter
 * reads (name, phone, email and their keys) packed in one string, flags and
 * tag/case-status lists in typed arrays. As row objects a million rows held
 * about 690 MB; each object and each of its eleven values had a header and
 * a pointer of its own.
 */
export class ContactListColumns {
  private ids: string[] = [];
  private sortNames: string[] = [];
  private packed: string[] = [];
  // The searched words when they are not just the sort name's (a preferred name adds some); mostly empty.
  private extraWords: (string | undefined)[] = [];
  private flags = new Uint8Array(1024);
  private tagLists = new Uint32Array(1024);
  private caseStatusLists = new Uint32Array(1024);
  private free: number[] = [];
  private top = 0;

  constructor(private readonly lists = new InternedLists()) {}

  /** Slots ever handed out (live or free): slot numbers are below it. */
  get slotCount(): number {
    return this.top;
  }

  add(row: ContactListRow): number {
    const slot = this.free.pop() ?? this.top++;
    if (slot >= this.flags.length) this.grow(slot + 1);
    const phoneIsKey = row.phone !== '' && row.phone === row.phoneKeys[0];
    const emailIsKey = row.email !== '' && row.email === row.emailKeys[0];
    this.ids[slot] = row.id;
    this.sortNames[slot] = row.sortName;
    this.packed[slot] = pack(row.name, phoneIsKey ? '' : row.phone, emailIsKey ? '' : row.email, row.phoneKeys, row.emailKeys);
    this.extraWords[slot] = row.words === ` ${row.sortName} ` ? undefined : row.words;
    this.flags[slot] = LIVE | (row.installed ? INSTALLED : 0) | (phoneIsKey ? PHONE_IS_FIRST_KEY : 0) | (emailIsKey ? EMAIL_IS_FIRST_KEY : 0);
    this.tagLists[slot] = this.lists.numberOf(row.tags);
    this.caseStatusLists[slot] = this.lists.numberOf(row.caseStatuses);
    return slot;
  }

  /** Frees a slot for reuse; nothing may refer to it any more. */
  release(slot: number): void {
    this.ids[slot] = '';
    this.sortNames[slot] = '';
    this.packed[slot] = '';
    this.extraWords[slot] = undefined;
    this.flags[slot] = 0;
    this.free.push(slot);
  }

  isLive(slot: number): boolean {
    return (this.flags[slot]! & LIVE) !== 0;
  }

  id(slot: number): string {
    return this.ids[slot]!;
  }

  sortName(slot: number): string {
    return this.sortNames[slot]!;
  }

  installed(slot: number): boolean {
    return (this.flags[slot]! & INSTALLED) !== 0;
  }

  tags(slot: number): string[] {
    return this.lists.get(this.tagLists[slot]!);
  }

  caseStatuses(slot: number): string[] {
    return this.lists.get(this.caseStatusLists[slot]!);
  }

  /** " word word " folded, as ContactListRow.words. */
  words(slot: number): string {
    return this.extraWords[slot] ?? ` ${this.sortNames[slot]} `;
  }

  /** Whether a searched word starts one of the row's words (ContactListRow.words includes " " + word). */
  hasWordStarting(slot: number, word: string): boolean {
    const extra = this.extraWords[slot];
    if (extra !== undefined) return extra.includes(` ${word}`);
    const name = this.sortNames[slot]!;
    return name.startsWith(word) || name.includes(` ${word}`);
  }

  phoneKeys(slot: number): string[] {
    return unpack(this.packed[slot]!).phoneKeys;
  }

  emailKeys(slot: number): string[] {
    return unpack(this.packed[slot]!).emailKeys;
  }

  /** The row as the list shows it (a new object: a page's rows are built on request). */
  row(slot: number): ContactListRow {
    const { name, phone, email, phoneKeys: phoneKeyList, emailKeys: emailKeyList } = unpack(this.packed[slot]!);
    const flags = this.flags[slot]!;
    return {
      id: this.ids[slot]!,
      name,
      phone: flags & PHONE_IS_FIRST_KEY ? phoneKeyList[0]! : phone,
      email: flags & EMAIL_IS_FIRST_KEY ? emailKeyList[0]! : email,
      installed: (flags & INSTALLED) !== 0,
      tags: this.tags(slot),
      caseStatuses: this.caseStatuses(slot),
      sortName: this.sortNames[slot]!,
      words: this.words(slot),
      phoneKeys: phoneKeyList,
      emailKeys: emailKeyList,
    };
  }

  /**
   * The columns as they are now, unaffected by later changes (a snapshot is
   * written from it while catch-ups go on): the arrays copied, not the
   * strings, which do not change.
   */
  copy(): ContactListColumns {
    const c = new ContactListColumns(this.lists);
    c.ids = this.ids.slice();
    c.sortNames = this.sortNames.slice();
    c.packed = this.packed.slice();
    c.extraWords = this.extraWords.slice();
    c.flags = this.flags.slice(0, this.top);
    c.tagLists = this.tagLists.slice(0, this.top);
    c.caseStatusLists = this.caseStatusLists.slice(0, this.top);
    c.top = this.top;
    return c;
  }

  private grow(needed: number): void {
    const size = Math.max(needed, Math.ceil(this.flags.length * 1.5));
    const widen = <T extends Uint8Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.tagLists = widen(this.tagLists, (n) => new Uint32Array(n));
    this.caseStatusLists = widen(this.caseStatusLists, (n) => new Uint32Array(n));
  }
}

type Packed = { name: string; phone: string; email: string; phoneKeys: string[]; emailKeys: string[] };

/** The shown values and the keys in one string, fields and keys split by control characters no contact value holds (else as JSON). */
function pack(name: string, phone: string, email: string, phoneKeys: string[], emailKeys: string[]): string {
  const plain = !HAS_SEPARATOR.test(name) && !HAS_SEPARATOR.test(phone) && !HAS_SEPARATOR.test(email) && !phoneKeys.some((k) => HAS_SEPARATOR.test(k)) && !emailKeys.some((k) => HAS_SEPARATOR.test(k));
  if (!plain || name.startsWith(AS_JSON)) return AS_JSON + JSON.stringify({ name, phone, email, phoneKeys, emailKeys } satisfies Packed);
  return [name, phone, email, phoneKeys.join(KEY), emailKeys.join(KEY)].join(FIELD);
}

function unpack(packed: string): Packed {
  if (packed.startsWith(AS_JSON)) return JSON.parse(packed.slice(1)) as Packed;
  const [name, phone, email, phoneKeys, emailKeys] = packed.split(FIELD) as [string, string, string, string, string];
  return { name, phone, email, phoneKeys: keys(phoneKeys), emailKeys: keys(emailKeys) };
}

function keys(joined: string): string[] {
  return joined === '' ? EMPTY : joined.split(KEY);
}
