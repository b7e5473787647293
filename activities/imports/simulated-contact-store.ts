import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Address space reserved for the per-row arrays, not memory: they grow in place (up to 100 million rows).
const MAX_ROWS = 100_000_000;
const FLUSH_BYTES = 256 * 1024;

/**
 * The contacts a dry run pretends to create, by file row, as JSON: kept in
 * an unlinked temporary file (gone with the process, even a killed one), with
 * only their offsets in memory. A later row of the same file may duplicate
 * one, so the dry run must be able to read it back; held as strings in the
 * heap, a million of them took about 500 MB of the worker's memory.
 */
export class SimulatedContactStore {
  private readonly fd: number;
  private readonly offsetBuffer = new ArrayBuffer(0, { maxByteLength: 8 * MAX_ROWS });
  private readonly lengthBuffer = new ArrayBuffer(0, { maxByteLength: 4 * MAX_ROWS });
  private readonly offsets = new Float64Array(this.offsetBuffer);
  /** Bytes of each row's JSON; 0: no simulated contact for that row. */
  private readonly lengths = new Uint32Array(this.lengthBuffer);
  private written = 0;
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(dir = tmpdir()) {
    const path = join(dir, `casebook-dry-run-${process.pid}-${randomBytes(6).toString('hex')}.jsonl`);
    this.fd = openSync(path, 'w+', 0o600);
    try {
      unlinkSync(path);
    } catch {
      // Platforms that cannot unlink an open file keep it until close().
    }
  }

  has(row: number): boolean {
    return row < this.lengths.length && this.lengths[row]! > 0;
  }

  set(row: number, json: string): void {
    if (row >= this.lengths.length) this.grow(row);
    const bytes = Buffer.byteLength(json);
    this.offsets[row] = this.written + this.pendingBytes;
    this.lengths[row] = bytes;
    this.pending.push(json);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  get(row: number): string | undefined {
    if (!this.has(row)) return undefined;
    const offset = this.offsets[row]!;
    if (offset >= this.written) this.flush();
    const buffer = Buffer.allocUnsafe(this.lengths[row]!);
    readSync(this.fd, buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  }

  close(): void {
    this.pending = [];
    closeSync(this.fd);
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    const chunk = Buffer.from(this.pending.join(''));
    for (let at = 0; at < chunk.length; ) at += writeSync(this.fd, chunk, at, chunk.length - at, this.written + at);
    this.written += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private grow(row: number): void {
    const rows = Math.min(MAX_ROWS, Math.max(row + 1, Math.ceil(this.lengths.length * 1.25), 65_536));
    this.offsetBuffer.resize(8 * rows);
    this.lengthBuffer.resize(4 * rows);
  }
}
