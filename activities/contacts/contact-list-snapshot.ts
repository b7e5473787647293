import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { ContactListRow } from '../../domain/contacts/contact-list-row';

export type SnapshotHeader = { version: 2; databaseId: string; seq: number; count: number };

/** Saves an index (the contact list's, the case list's) as NDJSON (header line, then one row a line) so a restart loads it in seconds instead of scanning. */
export async function writeSnapshot<Row = ContactListRow>(path: string, header: SnapshotHeader, rows: readonly Row[]): Promise<void> {
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
  if (!existsSync(path)) return undefined;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let header: SnapshotHeader | undefined;
  const rows: Row[] = [];
  try {
    for await (const line of lines) {
      if (!line) continue;
      if (!header) header = JSON.parse(line) as SnapshotHeader;
      else rows.push(JSON.parse(line) as Row);
    }
  } catch {
    return undefined; // unreadable snapshot: rebuild from the database
  }
  if (!header || header.version !== 2 || header.count !== rows.length) return undefined;
  return { header, rows };
}
