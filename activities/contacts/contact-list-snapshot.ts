import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { ContactListRow } from '../../domain/contacts/contact-list-row';

export type SnapshotHeader = { version: 2; databaseId: string; seq: number; count: number };

/** Saves an index (the contact list's, the case list's) as NDJSON (header line, then one row a line) so a restart loads it in seconds instead of scanning. */
export async function writeSnapshot<Row = ContactListRow>(path: string, header: SnapshotHeader, rows: Iterable<Row>): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${JSON.stringify(header)}\n`);
  for (const row of rows) await write(`${JSON.stringify(row)}\n`);
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path); // readers never see half a snapshot
}

export async function readSnapshot<Row = ContactListRow>(path: string): Promise<{ header: SnapshotHeader; rows: Row[] } | undefined> {
  const rows: Row[] = [];
  const header = await readSnapshotInto<Row>(path, () => true, (row) => rows.push(row));
  return header && { header, rows };
}

/**
 * Reads a snapshot row by row into `onRow`, so a million rows go straight
 * into an index instead of being held as objects first (686 MB at 1M).
 * Reading stops when `accept` refuses the header (another database, a later
 * position); undefined when the file is missing, unreadable, refused or
 * short of its header's count (then what `onRow` got is to be thrown away).
 */
export async function readSnapshotInto<Row = ContactListRow>(path: string, accept: (header: SnapshotHeader) => boolean, onRow: (row: Row) => void): Promise<SnapshotHeader | undefined> {
  if (!existsSync(path)) return undefined;
  const input = createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: SnapshotHeader | undefined;
  let count = 0;
  try {
    for await (const line of lines) {
      if (!line) continue;
      if (header) {
        onRow(JSON.parse(line) as Row);
        count++;
        continue;
      }
      header = JSON.parse(line) as SnapshotHeader;
      if (header.version !== 2 || !accept(header)) return undefined;
    }
  } catch {
    return undefined; // unreadable snapshot: rebuild from the database
  } finally {
    lines.close();
    input.destroy();
  }
  return header && header.count === count ? header : undefined;
}
