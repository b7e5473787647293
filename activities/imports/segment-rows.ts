import { Transform, type Readable } from 'node:stream';
import type { SourceRow } from '../../domain/imports/plan-import-batch';
import { readImportRows } from './files/analyze-import-file';
import type { FileReadOptions } from '../../domain/imports/import-file';

/** An import file's data rows, read in order, with how far into the file the reading is. */
export type SegmentRows = {
  /** The next data row; undefined at the end of the file. */
  next(): Promise<SourceRow | undefined>;
  /** Data rows (after the header) read so far. */
  readonly item: number;
  /** Bytes of the stored file read so far. */
  bytes(): number;
  close(): void;
};

// A parked reader that no segment claims within this (the next went to another worker) is closed.
const PARKED_FOR_MS = 60_000;
let parked: { key: string; rows: SegmentRows; timer: NodeJS.Timeout } | undefined;

/**
 * The rows of a pass from data row `fromItem` on. A segment that ends
 * mid-file parks its reader (parkSegmentRows), and the pass's next segment,
 * when this process runs it, goes on from there: without it every segment
 * read and parsed the file again from the top up to its first row (4.5
 * million rows skipped over the ten segments of a million-row file). Any
 * other segment (another worker's, a retry) opens the file and skips.
 */
export async function openSegmentRows(o: { key: string; fromItem: number; fresh: boolean; open: () => Promise<Readable>; read: FileReadOptions }): Promise<SegmentRows> {
  if (!o.fresh && parked?.key === o.key && parked.rows.item === o.fromItem) {
    const { rows, timer } = parked;
    clearTimeout(timer);
    parked = undefined;
    return rows;
  }
  discardParkedRows();
  const rows = fileRows(await o.open(), o.read);
  try {
    while (rows.item < o.fromItem) if (!(await rows.next())) break;
  } catch (err) {
    rows.close();
    throw err;
  }
  return rows;
}

/** Keeps a reader for the pass's next segment. */
export function parkSegmentRows(key: string, rows: SegmentRows): void {
  discardParkedRows();
  parked = { key, rows, timer: setTimeout(discardParkedRows, PARKED_FOR_MS).unref() };
}

export function discardParkedRows(key?: string): void {
  if (!parked || (key !== undefined && parked.key !== key)) return;
  clearTimeout(parked.timer);
  parked.rows.close();
  parked = undefined;
}

function fileRows(input: Readable, read: FileReadOptions): SegmentRows {
  const { stream, bytes } = countBytes(input);
  const entries = readImportRows(stream, read)[Symbol.asyncIterator]();
  let item = 0;
  return {
    async next() {
      for (;;) {
        const r = await entries.next();
        if (r.done) return undefined;
        const entry = r.value;
        if ('header' in entry) continue;
        item++;
        return entry;
      }
    },
    get item() {
      return item;
    },
    bytes,
    close() {
      void entries.return?.(undefined)?.catch(() => undefined);
      stream.destroy();
    },
  };
}

function countBytes(input: Readable): { stream: Readable; bytes: () => number } {
  let n = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      cb(null, chunk);
    },
  });
  input.on('error', (err) => counter.destroy(err));
  counter.on('close', () => input.destroy());
  return { stream: input.pipe(counter), bytes: () => n };
}
